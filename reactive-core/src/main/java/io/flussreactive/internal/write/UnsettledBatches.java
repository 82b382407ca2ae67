package io.flussreactive.internal.write;

import io.flussreactive.internal.meta.PhysicalBucket;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which buckets may send a batch at once: those with no batch closed and not settled yet (encoding,
 * waiting to be sent, in flight or being retried), whose last settled batch was stored. A bucket with
 * nothing in flight has no answer worth waiting for, so its next batch need not wait for company.
 *
 * <p>A bucket whose last batch failed is not idle until a batch of it is stored: its batches wait for
 * the linger or for being full, as they did before batches left early. Otherwise a bucket whose batches
 * fail as soon as they arrive (a table dropped under the writer) would send a batch per record, each
 * with a buffer of its own, as fast as the failures come back.
 *
 * <p>Used only from the writer's intake executor, by its {@link BatchFiller}; the settlements it is told
 * of arrive from the sending executor by a hop onto the intake.
 */
final class UnsettledBatches {

    /** The counts of an unpartitioned table, by bucket id, without a key object per record. */
    private final int[] unpartitioned;
    /** Whether the last settled batch of an unpartitioned table's bucket failed, by bucket id. */
    private final boolean[] unpartitionedFailing;
    /** The counts of partitions' buckets; a bucket leaves the map when its count is back to 0. */
    private final Map<PhysicalBucket, Integer> partitioned = new HashMap<>();
    /** The partitions' buckets whose last settled batch failed; a bucket leaves once a batch is stored. */
    private final Set<PhysicalBucket> partitionedFailing = new HashSet<>();
    /** Batches closed and not settled yet, over every bucket. */
    private int total;

    /** @param unpartitionedBuckets the table's bucket count if it is not partitioned, else 0 */
    UnsettledBatches(int unpartitionedBuckets) {
        this.unpartitioned = new int[unpartitionedBuckets];
        this.unpartitionedFailing = new boolean[unpartitionedBuckets];
    }

    /** Whether the bucket has no batch closed and not yet settled, and its last settled batch was stored. */
    boolean isIdle(PhysicalBucket bucket) {
        if (isUnpartitioned(bucket)) {
            return unpartitioned[bucket.bucket()] == 0 && !unpartitionedFailing[bucket.bucket()];
        }
        return !partitioned.containsKey(bucket) && !partitionedFailing.contains(bucket);
    }

    /** Whether some bucket has a batch closed and not settled yet, whose settlement frees buffer space. */
    boolean anyUnsettled() {
        return total > 0;
    }

    /** A batch of the bucket was closed: it counts until {@link #settled}. */
    void closed(PhysicalBucket bucket) {
        total++;
        if (isUnpartitioned(bucket)) {
            unpartitioned[bucket.bucket()]++;
        } else {
            partitioned.merge(bucket, 1, Integer::sum);
        }
    }

    /**
     * A batch of the bucket was settled.
     *
     * @param stored whether it was stored; if not, the bucket is not idle until one of its batches is
     * @return whether the bucket is idle now
     */
    boolean settled(PhysicalBucket bucket, boolean stored) {
        if (isUnpartitioned(bucket)) {
            int count = unpartitioned[bucket.bucket()];
            if (count > 0) {
                unpartitioned[bucket.bucket()] = count - 1;
                total--;
            }
            unpartitionedFailing[bucket.bucket()] = !stored;
        } else {
            Integer count = partitioned.get(bucket);
            if (count == null) {
                // Not counted: its partition was forgotten, and nothing of it is tracked any more.
                return isIdle(bucket);
            }
            total--;
            if (count > 1) {
                partitioned.put(bucket, count - 1);
            } else {
                partitioned.remove(bucket);
            }
            if (stored) {
                partitionedFailing.remove(bucket);
            } else {
                partitionedFailing.add(bucket);
            }
        }
        return isIdle(bucket);
    }

    /**
     * Forgets the buckets of a partition that is gone, so that its failures are not kept for ever; later
     * settlements of its batches change nothing.
     */
    void forgetPartition(long partitionId) {
        partitioned.entrySet().removeIf(entry -> {
            boolean gone = entry.getKey().partitionId() == partitionId;
            if (gone) {
                total -= entry.getValue();
            }
            return gone;
        });
        partitionedFailing.removeIf(bucket -> bucket.partitionId() == partitionId);
    }

    private boolean isUnpartitioned(PhysicalBucket bucket) {
        return bucket.partitionId() < 0 && bucket.bucket() < unpartitioned.length;
    }
}
