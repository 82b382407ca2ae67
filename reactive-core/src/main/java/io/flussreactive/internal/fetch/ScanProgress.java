package io.flussreactive.internal.fetch;

import io.flussreactive.internal.meta.PhysicalBucket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The offset after the last batch delivered downstream, per bucket, kept across subscriptions of
 * one scan flux: a resubscription (a retry) goes on from there instead of starting over.
 */
final class ScanProgress {

    private final Map<Key, Long> delivered = new ConcurrentHashMap<>();

    void delivered(PhysicalBucket bucket, long nextOffset) {
        delivered.merge(new Key(bucket.partitionId(), bucket.bucket()), nextOffset, Math::max);
    }

    /** Where to go on for a bucket, or null when nothing was delivered from it. */
    Long resumeOffset(long partitionId, int bucket) {
        return delivered.get(new Key(partitionId, bucket));
    }

    private record Key(long partitionId, int bucket) {
    }
}
