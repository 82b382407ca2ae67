package io.flussreactive.internal.fetch;

import io.flussreactive.internal.meta.BucketKey;
import io.flussreactive.internal.meta.PhysicalBucket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The offset after the last batch one subscription of a scan delivered downstream, per bucket. A
 * subscription that starts after the previous one was cancelled or ended (a retry) goes on from there
 * instead of starting over; subscriptions running side by side each keep their own. Written on the
 * subscription's executor; read by the next subscription, on whatever thread subscribes.
 */
final class ScanProgress {

    private final Map<BucketKey, Long> delivered;

    /** Nothing delivered yet. */
    ScanProgress() {
        this.delivered = new ConcurrentHashMap<>();
    }

    /** Going on from where an earlier subscription ended. */
    ScanProgress(ScanProgress ended) {
        this.delivered = new ConcurrentHashMap<>(ended.delivered);
    }

    void delivered(PhysicalBucket bucket, long nextOffset) {
        delivered.merge(bucket.key(), nextOffset, Math::max);
    }

    /**
     * A bucket of a partition created while the scan ran joined it at this offset: a later subscription
     * goes on from there even if none of it was delivered, rather than from the scan's own start (which
     * may be the latest offset, and skip what the partition got meanwhile).
     */
    void joinedAt(PhysicalBucket bucket, long startOffset) {
        delivered.merge(bucket.key(), startOffset, Math::max);
    }

    /** Where to go on for a bucket, or null when nothing was delivered from it. */
    Long resumeOffset(long partitionId, int bucket) {
        return delivered.get(new BucketKey(partitionId, bucket));
    }
}
