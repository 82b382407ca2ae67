package io.flussreactive.internal.fetch;

import io.flussreactive.internal.meta.PhysicalBucket;

/** The reading state of one bucket within one scan subscription. Used from its serial executor. */
final class FetchBucket {

    static final long NO_END = Long.MAX_VALUE;

    final PhysicalBucket bucket;
    /** The offset of the next record to fetch. */
    long nextOffset;
    /** Where reading stops ({@code untilLatest}), or {@link #NO_END}. */
    final long endOffset;
    /** A fetch for it is in flight, or its answer is being decoded. */
    boolean busy;
    /** Not to be fetched before this time (after a retriable error). */
    long notBeforeNanos;

    FetchBucket(PhysicalBucket bucket, long nextOffset, long endOffset) {
        this.bucket = bucket;
        this.nextOffset = nextOffset;
        this.endOffset = endOffset;
    }

    boolean isDone() {
        return nextOffset >= endOffset;
    }
}
