package io.flussreactive.type;

/**
 * The {@code BOOLEAN} type: true or false.
 *
 * @param nullable whether null values are allowed
 */
public record BooleanType(boolean nullable) implements DataType {

    /** Creates the nullable form of this type. */
    public BooleanType() {
        this(true);
    }

    @Override
    public BooleanType copy(boolean nullable) {
        return new BooleanType(nullable);
    }

    @Override
    public DataTypeRoot root() {
        return DataTypeRoot.BOOLEAN;
    }

    @Override
    public String summary() {
        return TypeText.withNullability("BOOLEAN", nullable);
    }

    @Override
    public String toString() {
        return summary();
    }
}
