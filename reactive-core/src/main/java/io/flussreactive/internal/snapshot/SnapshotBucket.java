package io.flussreactive.internal.snapshot;

/**
 * A bucket as the snapshot APIs name it.
 *
 * @param tableId the table id
 * @param partitionId the partition id, or null for a table that is not partitioned
 * @param bucket the bucket id
 */
public record SnapshotBucket(long tableId, Long partitionId, int bucket) {
}
