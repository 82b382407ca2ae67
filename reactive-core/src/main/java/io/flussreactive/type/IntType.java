package io.flussreactive.type;

/**
 * The {@code INT} type: a signed 32-bit integer.
 *
 * @param nullable whether null values are allowed
 */
public record IntType(boolean nullable) implements DataType {

    /** Creates the nullable form of this type. */
    public IntType() {
        this(true);
    }

    @Override
    public IntType copy(boolean nullable) {
        return new IntType(nullable);
    }

    @Override
    public DataTypeRoot root() {
        return DataTypeRoot.INTEGER;
    }

    @Override
    public String summary() {
        return TypeText.withNullability("INT", nullable);
    }

    @Override
    public String toString() {
        return summary();
    }
}
