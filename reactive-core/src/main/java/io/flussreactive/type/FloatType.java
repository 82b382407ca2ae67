package io.flussreactive.type;

/**
 * The {@code FLOAT} type: a 32-bit IEEE 754 floating-point number.
 *
 * @param nullable whether null values are allowed
 */
public record FloatType(boolean nullable) implements DataType {

    /** Creates the nullable form of this type. */
    public FloatType() {
        this(true);
    }

    @Override
    public FloatType copy(boolean nullable) {
        return new FloatType(nullable);
    }

    @Override
    public DataTypeRoot root() {
        return DataTypeRoot.FLOAT;
    }

    @Override
    public String summary() {
        return TypeText.withNullability("FLOAT", nullable);
    }

    @Override
    public String toString() {
        return summary();
    }
}
