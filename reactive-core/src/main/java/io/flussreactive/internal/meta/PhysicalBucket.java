package io.flussreactive.internal.meta;

import io.flussreactive.internal.rpc.ServerLane;

/**
 * One bucket of one physical table: a bucket of a non-partitioned table, or of one partition.
 *
 * @param tableId the table id
 * @param partitionId the partition id, or {@link #NO_PARTITION} for a non-partitioned table
 * @param partitionName the partition name, or null for a non-partitioned table
 * @param bucket the bucket id
 */
public record PhysicalBucket(long tableId, long partitionId, String partitionName, int bucket) {

    /** The partition id of what is not partitioned: a non-partitioned table, or a bucket of one. */
    public static final long NO_PARTITION = -1;

    /** The bucket as per-bucket answers name it. */
    public BucketKey key() {
        return new BucketKey(partitionId, bucket);
    }

    /** Whether the bucket belongs to a partition. */
    public boolean isPartitioned() {
        return partitionId >= 0;
    }

    /**
     * The lane of {@code leader} that carries this bucket's writes: always the same one, so its
     * batches reach the server in the order they were sent, with the buckets of a table (and of a
     * partition) spread evenly over the lanes.
     */
    public ServerLane laneOf(ServerLane leader) {
        return leader.lane((int) (tableId * 31 + partitionId) * 31 + bucket);
    }

    @Override
    public String toString() {
        return partitionName == null
                ? "table " + tableId + " bucket " + bucket
                : "table " + tableId + " partition " + partitionName + " bucket " + bucket;
    }
}
