package io.flussreactive.type;

/**
 * The {@code DOUBLE} type: a 64-bit IEEE 754 floating-point number.
 *
 * @param nullable whether null values are allowed
 */
public record DoubleType(boolean nullable) implements DataType {

    /** Creates the nullable form of this type. */
    public DoubleType() {
        this(true);
    }

    @Override
    public DoubleType copy(boolean nullable) {
        return new DoubleType(nullable);
    }

    @Override
    public DataTypeRoot root() {
        return DataTypeRoot.DOUBLE;
    }

    @Override
    public String summary() {
        return TypeText.withNullability("DOUBLE", nullable);
    }

    @Override
    public String toString() {
        return summary();
    }
}
