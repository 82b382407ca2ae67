package io.flussreactive.internal.meta;

import io.flussreactive.table.TablePath;
import java.util.Map;
import java.util.Optional;

/**
 * The buckets of one physical table (a non-partitioned table, or one partition of a partitioned table)
 * and where each lives.
 *
 * @param tablePath the table
 * @param tableId the table id
 * @param partitionId the partition id, or {@link PhysicalBucket#NO_PARTITION} for a non-partitioned table
 * @param partitionName the partition name, or null for a non-partitioned table
 * @param buckets the buckets by id; every bucket has a leader
 */
public record TableLocations(
        TablePath tablePath, long tableId, long partitionId, String partitionName, Map<Integer, BucketLocation> buckets) {

    /** Freezes the bucket map. */
    public TableLocations {
        buckets = Map.copyOf(buckets);
    }

    /** Whether these are the buckets of a partition. */
    public boolean isPartitioned() {
        return partitionId != PhysicalBucket.NO_PARTITION;
    }

    /** The location of a bucket, if the table has it. */
    public Optional<BucketLocation> bucket(int bucket) {
        return Optional.ofNullable(buckets.get(bucket));
    }

    /** {@code db.table} or {@code db.table(partition)}, for messages. */
    public String describe() {
        return partitionName == null ? tablePath.toString() : tablePath + "(" + partitionName + ")";
    }
}
