package io.flussreactive.scan;

/**
 * What a record in a table's log means. Log tables hold {@link #APPEND_ONLY} records; the changelog
 * of a primary-key table holds inserts, updates (a before and an after image) and deletes.
 */
public enum ChangeType {
    /** {@code +A}: a record appended to a log table. */
    APPEND_ONLY("+A", (byte) 0),
    /** {@code +I}: a new key. */
    INSERT("+I", (byte) 1),
    /** {@code -U}: the value of a key before an update. */
    UPDATE_BEFORE("-U", (byte) 2),
    /** {@code +U}: the value of a key after an update. */
    UPDATE_AFTER("+U", (byte) 3),
    /** {@code -D}: a deleted key, with its last value. */
    DELETE("-D", (byte) 4);

    private static final ChangeType[] BY_VALUE = values();

    private final String shortString;
    private final byte value;

    ChangeType(String shortString, byte value) {
        this.shortString = shortString;
        this.value = value;
    }

    /** The short form used in Fluss and Flink: {@code +A}, {@code +I}, {@code -U}, {@code +U}, {@code -D}. */
    public String shortString() {
        return shortString;
    }

    /** The byte that stands for this change type in record batches. */
    public byte toByteValue() {
        return value;
    }

    /**
     * The change type a record batch byte stands for.
     *
     * @throws IllegalArgumentException for an unknown value
     */
    public static ChangeType fromByteValue(byte value) {
        if (value < 0 || value >= BY_VALUE.length) {
            throw new IllegalArgumentException("Unknown change type byte " + value);
        }
        return BY_VALUE[value];
    }

    @Override
    public String toString() {
        return shortString;
    }
}
