package io.flussreactive.internal.meta;

/**
 * Which bucket an answer is about, within one table: how the per-bucket answers of produce, put,
 * fetch and lookup requests are matched to what was asked.
 *
 * @param partitionId the partition id, or {@link PhysicalBucket#NO_PARTITION}
 * @param bucket the bucket id
 */
public record BucketKey(long partitionId, int bucket) {

    /**
     * The bucket a per-bucket answer names, whose partition id is optional on the wire.
     *
     * @param hasPartitionId whether the answer names a partition
     * @param partitionId the partition id it names, if any
     * @param bucket the bucket id
     */
    public static BucketKey of(boolean hasPartitionId, long partitionId, int bucket) {
        return new BucketKey(hasPartitionId ? partitionId : PhysicalBucket.NO_PARTITION, bucket);
    }
}
