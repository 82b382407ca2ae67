package io.flussreactive.type;

/**
 * The {@code CHAR(n)} type: a character string of at most n bytes in UTF-8, stored without padding
 * (see {@link DataTypes#CHAR(int)}).
 *
 * @param nullable whether null values are allowed
 * @param length the most UTF-8 bytes a value takes, at least 1
 */
public record CharType(boolean nullable, int length) implements DataType {

    /** The smallest allowed length. */
    public static final int MIN_LENGTH = 1;

    /** Validates the length. */
    public CharType {
        TypeText.checkRange("CHAR length", length, MIN_LENGTH, Integer.MAX_VALUE);
    }

    /**
     * Creates a nullable {@code CHAR(length)}.
     *
     * @param length the most UTF-8 bytes a value takes, at least 1
     */
    public CharType(int length) {
        this(true, length);
    }

    @Override
    public CharType copy(boolean nullable) {
        return new CharType(nullable, length);
    }

    @Override
    public DataTypeRoot root() {
        return DataTypeRoot.CHAR;
    }

    @Override
    public String summary() {
        return TypeText.withNullability("CHAR(" + length + ")", nullable);
    }

    @Override
    public String toString() {
        return summary();
    }
}
