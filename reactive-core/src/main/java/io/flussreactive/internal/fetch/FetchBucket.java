package io.flussreactive.internal.fetch;

import io.flussreactive.internal.meta.PhysicalBucket;
import io.github.resilience4j.retry.Retry;
import io.flussreactive.scan.RecordBatch;
import java.util.ArrayDeque;
import java.util.List;

/** The reading state of one bucket within one scan subscription. Used from its serial executor. */
final class FetchBucket {

    static final long NO_END = Long.MAX_VALUE;

    final PhysicalBucket bucket;
    /** The offset of the next record to fetch. */
    long nextOffset;
    /** Where reading stops ({@code untilLatest}), or {@link #NO_END}. */
    final long endOffset;
    /** A fetch for it is in flight, or its tiered segments are being read ({@link #remote}). */
    boolean busy;
    /** The read of the tiered log segments a fetch answer pointed to, while they are read; else null. */
    RemoteLogRead remote;
    /**
     * Its fetched records being decoded, oldest first: the next fetch may leave before they are
     * decoded, and their batches are delivered in this order whichever decodes first.
     */
    final ArrayDeque<Decoding> decodings = new ArrayDeque<>();
    /** Not to be fetched before this time (after a retriable error). */
    long notBeforeNanos;
    /** The count of its failed fetches since the last that succeeded; null while none failed. */
    Retry.AsyncContext<Object> retryContext;
    /** Records between {@link #nextOffset} and the high watermark of the last answer (0 before one). */
    long lag;
    /** Its partition was dropped: nothing more to fetch. */
    boolean dropped;

    FetchBucket(PhysicalBucket bucket, long nextOffset, long endOffset) {
        this.bucket = bucket;
        this.nextOffset = nextOffset;
        this.endOffset = endOffset;
    }

    /** Whether there is nothing more to fetch. */
    boolean isDone() {
        return dropped || nextOffset >= endOffset;
    }

    /** Whether its partition was dropped and nothing of it is fetched or decoded any more. */
    boolean hasLeft() {
        return dropped && !busy && decodings.isEmpty();
    }

    /** Fetched records of the bucket being decoded. */
    static final class Decoding {
        /** The size of the records as fetched. */
        final long fetchedBytes;
        /** What the records are expected to take decoded, counted against the scan's prefetch budget until decoded. */
        final long expectedBytes;
        /** The batches, once decoded. */
        List<RecordBatch> decoded;

        Decoding(long fetchedBytes, long expectedBytes) {
            this.fetchedBytes = fetchedBytes;
            this.expectedBytes = expectedBytes;
        }
    }
}
