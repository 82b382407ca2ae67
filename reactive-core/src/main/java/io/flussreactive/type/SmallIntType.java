package io.flussreactive.type;

/**
 * The {@code SMALLINT} type: a signed 16-bit integer.
 *
 * @param nullable whether null values are allowed
 */
public record SmallIntType(boolean nullable) implements DataType {

    /** Creates the nullable form of this type. */
    public SmallIntType() {
        this(true);
    }

    @Override
    public SmallIntType copy(boolean nullable) {
        return new SmallIntType(nullable);
    }

    @Override
    public DataTypeRoot root() {
        return DataTypeRoot.SMALLINT;
    }

    @Override
    public String summary() {
        return TypeText.withNullability("SMALLINT", nullable);
    }

    @Override
    public String toString() {
        return summary();
    }
}
