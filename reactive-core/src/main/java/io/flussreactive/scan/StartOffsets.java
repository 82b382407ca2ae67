package io.flussreactive.scan;

import java.util.Map;
import java.util.Objects;

/** Where a scan starts reading each bucket. */
public sealed interface StartOffsets {

    /** From the first record still stored. */
    static StartOffsets earliest() {
        return Earliest.INSTANCE;
    }

    /** From the end: only records written after the scan starts. */
    static StartOffsets latest() {
        return Latest.INSTANCE;
    }

    /**
     * From the first record whose commit timestamp is at or after {@code epochMillis}.
     *
     * @param epochMillis milliseconds since the epoch
     */
    static StartOffsets timestamp(long epochMillis) {
        return new Timestamp(epochMillis);
    }

    /**
     * From explicit offsets, per bucket of a non-partitioned table (or of every scanned partition).
     * Buckets not listed start from the earliest record.
     *
     * @param offsetsByBucket the offset to start at, by bucket id
     */
    static StartOffsets offsets(Map<Integer, Long> offsetsByBucket) {
        return new Offsets(Map.copyOf(Objects.requireNonNull(offsetsByBucket, "offsetsByBucket")));
    }

    /** See {@link #earliest()}. */
    enum Earliest implements StartOffsets {
        /** The only instance. */
        INSTANCE
    }

    /** See {@link #latest()}. */
    enum Latest implements StartOffsets {
        /** The only instance. */
        INSTANCE
    }

    /**
     * See {@link #timestamp(long)}.
     *
     * @param epochMillis milliseconds since the epoch
     */
    record Timestamp(long epochMillis) implements StartOffsets {
    }

    /**
     * See {@link #offsets(Map)}.
     *
     * @param offsetsByBucket the offset to start at, by bucket id
     */
    record Offsets(Map<Integer, Long> offsetsByBucket) implements StartOffsets {
    }
}
