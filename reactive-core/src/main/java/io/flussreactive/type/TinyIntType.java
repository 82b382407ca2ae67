package io.flussreactive.type;

/**
 * The {@code TINYINT} type: a signed 8-bit integer.
 *
 * @param nullable whether null values are allowed
 */
public record TinyIntType(boolean nullable) implements DataType {

    /** Creates the nullable form of this type. */
    public TinyIntType() {
        this(true);
    }

    @Override
    public TinyIntType copy(boolean nullable) {
        return new TinyIntType(nullable);
    }

    @Override
    public DataTypeRoot root() {
        return DataTypeRoot.TINYINT;
    }

    @Override
    public String summary() {
        return TypeText.withNullability("TINYINT", nullable);
    }

    @Override
    public String toString() {
        return summary();
    }
}
