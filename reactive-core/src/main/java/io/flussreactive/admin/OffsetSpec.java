package io.flussreactive.admin;

/**
 * Which offset of a bucket to look up with {@link FlussAdmin#listOffsets}.
 *
 * <p>{@link #earliest()} is the first offset still stored, {@link #latest()} the offset the next
 * acknowledged record will get (the high watermark: records below it are visible to readers), and
 * {@link #timestamp(long)} the first offset whose commit timestamp is at or after the given time.
 */
public sealed interface OffsetSpec {

    /** The first offset still stored in the bucket. */
    static OffsetSpec earliest() {
        return Earliest.INSTANCE;
    }

    /** The high watermark: the offset the next acknowledged record will get. */
    static OffsetSpec latest() {
        return Latest.INSTANCE;
    }

    /**
     * The first offset whose commit timestamp is at or after {@code epochMillis}.
     *
     * @param epochMillis milliseconds since the epoch
     */
    static OffsetSpec timestamp(long epochMillis) {
        return new Timestamp(epochMillis);
    }

    /** See {@link #earliest()}. */
    enum Earliest implements OffsetSpec {
        /** The only instance. */
        INSTANCE
    }

    /** See {@link #latest()}. */
    enum Latest implements OffsetSpec {
        /** The only instance. */
        INSTANCE
    }

    /**
     * See {@link #timestamp(long)}.
     *
     * @param epochMillis milliseconds since the epoch
     */
    record Timestamp(long epochMillis) implements OffsetSpec {
    }
}
