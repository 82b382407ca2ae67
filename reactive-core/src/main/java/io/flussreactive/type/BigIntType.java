package io.flussreactive.type;

/**
 * The {@code BIGINT} type: a signed 64-bit integer.
 *
 * @param nullable whether null values are allowed
 */
public record BigIntType(boolean nullable) implements DataType {

    /** Creates the nullable form of this type. */
    public BigIntType() {
        this(true);
    }

    @Override
    public BigIntType copy(boolean nullable) {
        return new BigIntType(nullable);
    }

    @Override
    public DataTypeRoot root() {
        return DataTypeRoot.BIGINT;
    }

    @Override
    public String summary() {
        return TypeText.withNullability("BIGINT", nullable);
    }

    @Override
    public String toString() {
        return summary();
    }
}
