package io.flussreactive.internal.write;

import io.flussreactive.internal.meta.PhysicalBucket;
import java.util.HashMap;
import java.util.Map;

/**
 * Which buckets of a writer's table are gone with their dropped table or partition, and why: their
 * batches fail with that reason instead of being retried until the delivery timeout.
 *
 * <p>Used only from the writer's {@link io.flussreactive.internal.util.SerialExecutor}.
 */
final class DroppedBuckets {

    /** Why every bucket is gone, once the table was dropped; null while it exists. */
    private Throwable tableDropped;
    /** Why the buckets of each dropped partition are gone, by partition id. */
    private final Map<Long, Throwable> droppedPartitions = new HashMap<>();

    /** The table was dropped: every bucket is gone, for this reason. */
    void tableDropped(Throwable why) {
        tableDropped = why;
    }

    /** A partition was dropped: its buckets are gone, for this reason. */
    void partitionDropped(long partitionId, Throwable why) {
        droppedPartitions.put(partitionId, why);
    }

    /** Why the bucket is gone, or null while its table and partition exist. */
    Throwable whyDropped(PhysicalBucket bucket) {
        if (tableDropped != null || droppedPartitions.isEmpty()) {
            return tableDropped;
        }
        return droppedPartitions.get(bucket.partitionId());
    }
}
