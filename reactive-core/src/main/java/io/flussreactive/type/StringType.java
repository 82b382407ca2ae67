package io.flussreactive.type;

/**
 * The {@code STRING} type: a character string of any length, UTF-8 encoded.
 *
 * @param nullable whether null values are allowed
 */
public record StringType(boolean nullable) implements DataType {

    /** Creates the nullable form of this type. */
    public StringType() {
        this(true);
    }

    @Override
    public StringType copy(boolean nullable) {
        return new StringType(nullable);
    }

    @Override
    public DataTypeRoot root() {
        return DataTypeRoot.STRING;
    }

    @Override
    public String summary() {
        return TypeText.withNullability("STRING", nullable);
    }

    @Override
    public String toString() {
        return summary();
    }
}
