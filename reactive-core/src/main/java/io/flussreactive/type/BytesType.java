package io.flussreactive.type;

/**
 * The {@code BYTES} type: a byte string of any length.
 *
 * @param nullable whether null values are allowed
 */
public record BytesType(boolean nullable) implements DataType {

    /** Creates the nullable form of this type. */
    public BytesType() {
        this(true);
    }

    @Override
    public BytesType copy(boolean nullable) {
        return new BytesType(nullable);
    }

    @Override
    public DataTypeRoot root() {
        return DataTypeRoot.BYTES;
    }

    @Override
    public String summary() {
        return TypeText.withNullability("BYTES", nullable);
    }

    @Override
    public String toString() {
        return summary();
    }
}
