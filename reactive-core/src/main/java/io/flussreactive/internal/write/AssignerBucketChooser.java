package io.flussreactive.internal.write;

import io.flussreactive.internal.bucket.BucketAssigner;
import io.flussreactive.internal.meta.BucketLocation;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.meta.TableLocations;
import io.netty.util.collection.LongObjectHashMap;
import io.netty.util.collection.LongObjectMap;
import java.util.function.IntFunction;

/**
 * {@link BucketChooser} over one {@link BucketAssigner} per physical table (sticky and round-robin
 * assigners keep state per table or partition).
 */
final class AssignerBucketChooser implements BucketChooser {

    private static final int[] NONE = new int[0];

    private final IntFunction<BucketAssigner> newAssigner;
    private final int numBuckets;
    /**
     * The assigner and the available buckets of each physical table, by partition id: one lookup per
     * record, without boxing the id (partition ids soon pass the few that {@code Long} keeps boxed).
     */
    private final LongObjectMap<PhysicalTable> tables = new LongObjectHashMap<>();
    /** What the map holds for an unpartitioned table, kept at hand for the next record, or null. */
    private PhysicalTable unpartitioned;

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
        if (unpartitioned != null && where == unpartitioned.source) {
            // Same metadata as the previous record of an unpartitioned table: no map lookups.
            return unpartitioned.assigner.assignBucket(bucketKey, unpartitioned.buckets);
        }
        PhysicalTable physical = tables.get(partitionId);
        if (physical == null) {
            physical = new PhysicalTable(newAssigner.apply(numBuckets));
            tables.put(partitionId, physical);
        }
        int[] availableBuckets = physical.availableBuckets(where);
        if (partitionId < 0 && where != null) {
            unpartitioned = physical;
        }
        return physical.assigner.assignBucket(bucketKey, availableBuckets);
    }

    @Override
    public void batchClosed(long partitionId, int bucket) {
        PhysicalTable physical = tables.get(partitionId);
        if (physical != null && physical.assigner.reassignsWhenBatchFull()) {
            physical.assigner.onBatchFull(bucket, physical.buckets);
        }
    }

    /** The assigner of one physical table, and its buckets with a known leader in the last metadata seen. */
    private static final class PhysicalTable {
        final BucketAssigner assigner;
        /** The metadata answer {@link #buckets} come from, or null before the first. */
        TableLocations source;
        int[] buckets = NONE;

        PhysicalTable(BucketAssigner assigner) {
            this.assigner = assigner;
        }

        /** The buckets with a known leader, computed once per metadata answer. */
        int[] availableBuckets(TableLocations where) {
            if (where == null) {
                return NONE;
            }
            if (source != where) {
                buckets = where.buckets().values().stream()
                        .filter(BucketLocation::hasLeader)
                        .mapToInt(BucketLocation::bucket)
                        .sorted()
                        .toArray();
                source = where;
            }
            return buckets;
        }
    }
}
