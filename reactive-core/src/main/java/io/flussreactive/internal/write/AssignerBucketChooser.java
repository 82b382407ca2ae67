package io.flussreactive.internal.write;

import io.flussreactive.internal.bucket.BucketAssigner;
import io.flussreactive.internal.meta.BucketLocation;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.meta.TableLocations;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * {@link BucketChooser} over one {@link BucketAssigner} per physical table (sticky and round-robin
 * assigners keep state per table or partition).
 */
final class AssignerBucketChooser implements BucketChooser {

    private static final int[] NONE = new int[0];

    private final IntFunction<BucketAssigner> newAssigner;
    private final int numBuckets;
    private final Map<Long, BucketAssigner> assigners = new HashMap<>();
    private final Map<Long, Available> available = new HashMap<>();
    // What the maps hold for an unpartitioned table, kept at hand for the next record.
    private TableLocations unpartitionedSource;
    private BucketAssigner unpartitionedAssigner;
    private int[] unpartitionedBuckets;

    /**
     * @param newAssigner makes the assigner of one physical table from the bucket count
     * @param numBuckets the table's bucket count
     */
    AssignerBucketChooser(IntFunction<BucketAssigner> newAssigner, int numBuckets) {
        this.newAssigner = newAssigner;
        this.numBuckets = numBuckets;
    }

    @Override
    public int bucketFor(byte[] bucketKey, TableLocations where) {
        long partitionId = where == null ? PhysicalBucket.NO_PARTITION : where.partitionId();
        if (partitionId < 0 && where != null && where == unpartitionedSource) {
            // Same metadata as the previous record of an unpartitioned table: no map lookups.
            return unpartitionedAssigner.assignBucket(bucketKey, unpartitionedBuckets);
        }
        BucketAssigner assigner = assigners.computeIfAbsent(partitionId, id -> newAssigner.apply(numBuckets));
        int[] availableBuckets = availableBuckets(partitionId, where);
        if (partitionId < 0 && where != null) {
            unpartitionedSource = where;
            unpartitionedAssigner = assigner;
            unpartitionedBuckets = availableBuckets;
        }
        return assigner.assignBucket(bucketKey, availableBuckets);
    }

    @Override
    public void batchClosed(long partitionId, int bucket) {
        BucketAssigner assigner = assigners.get(partitionId);
        if (assigner != null && assigner.reassignsWhenBatchFull()) {
            Available known = available.get(partitionId);
            assigner.onBatchFull(bucket, known == null ? NONE : known.buckets);
        }
    }

    /** The buckets with a known leader, computed once per metadata answer. */
    private int[] availableBuckets(long partitionId, TableLocations where) {
        if (where == null) {
            return NONE;
        }
        Available known = available.get(partitionId);
        if (known == null || known.source != where) {
            int[] ids = where.buckets().values().stream()
                    .filter(BucketLocation::hasLeader)
                    .mapToInt(BucketLocation::bucket)
                    .sorted()
                    .toArray();
            known = new Available(where, ids);
            available.put(partitionId, known);
        }
        return known.buckets;
    }

    /** The available buckets of one metadata answer. */
    private record Available(TableLocations source, int[] buckets) {
    }
}
