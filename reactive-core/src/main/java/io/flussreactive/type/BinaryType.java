package io.flussreactive.type;

/**
 * The {@code BINARY(n)} type: a byte string of exactly n bytes (see {@link DataTypes#BINARY(int)}).
 *
 * @param nullable whether null values are allowed
 * @param length the number of bytes, at least 1
 */
public record BinaryType(boolean nullable, int length) implements DataType {

    /** The smallest allowed length. */
    public static final int MIN_LENGTH = 1;

    /** Validates the length. */
    public BinaryType {
        TypeText.checkRange("BINARY length", length, MIN_LENGTH, Integer.MAX_VALUE);
    }

    /**
     * Creates a nullable {@code BINARY(length)}.
     *
     * @param length the number of bytes, at least 1
     */
    public BinaryType(int length) {
        this(true, length);
    }

    @Override
    public BinaryType copy(boolean nullable) {
        return new BinaryType(nullable, length);
    }

    @Override
    public DataTypeRoot root() {
        return DataTypeRoot.BINARY;
    }

    @Override
    public String summary() {
        return TypeText.withNullability("BINARY(" + length + ")", nullable);
    }

    @Override
    public String toString() {
        return summary();
    }
}
