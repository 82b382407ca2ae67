package io.flussreactive.internal.write;

import io.flussreactive.internal.meta.PhysicalBucket;
import java.util.HashMap;
import java.util.Map;

/**
 * How many batches of each bucket were closed and are not settled yet (encoding, waiting to be sent, in
 * flight or being retried). A bucket with none has nothing in flight, so its next batch need not wait
 * for company: there is no answer to wait for.
 *
 * <p>Used only from the writer's intake executor, by its {@link BatchFiller}; the settlements it is told
 * of arrive from the sending executor by a hop onto the intake.
 */
final class UnsettledBatches {

    /** The counts of an unpartitioned table, by bucket id, without a key object per record. */
    private final int[] unpartitioned;
    /** The counts of partitions' buckets; a bucket leaves the map when its count is back to 0. */
    private final Map<PhysicalBucket, Integer> partitioned = new HashMap<>();

    /** @param unpartitionedBuckets the table's bucket count if it is not partitioned, else 0 */
    UnsettledBatches(int unpartitionedBuckets) {
        this.unpartitioned = new int[unpartitionedBuckets];
    }

    /** Whether the bucket has no batch closed and not yet settled. */
    boolean isIdle(PhysicalBucket bucket) {
        if (isUnpartitioned(bucket)) {
            return unpartitioned[bucket.bucket()] == 0;
        }
        return !partitioned.containsKey(bucket);
    }

    /** A batch of the bucket was closed: it counts until {@link #settled}. */
    void closed(PhysicalBucket bucket) {
        if (isUnpartitioned(bucket)) {
            unpartitioned[bucket.bucket()]++;
        } else {
            partitioned.merge(bucket, 1, Integer::sum);
        }
    }

    /**
     * A batch of the bucket was settled.
     *
     * @return whether the bucket has no other batch unsettled now
     */
    boolean settled(PhysicalBucket bucket) {
        if (isUnpartitioned(bucket)) {
            int left = Math.max(0, unpartitioned[bucket.bucket()] - 1);
            unpartitioned[bucket.bucket()] = left;
            return left == 0;
        }
        Integer left = partitioned.computeIfPresent(bucket, (b, count) -> count > 1 ? count - 1 : null);
        return left == null;
    }

    private boolean isUnpartitioned(PhysicalBucket bucket) {
        return bucket.partitionId() < 0 && bucket.bucket() < unpartitioned.length;
    }
}
