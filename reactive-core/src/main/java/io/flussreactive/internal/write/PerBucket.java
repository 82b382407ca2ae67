package io.flussreactive.internal.write;

import io.netty.util.collection.LongObjectHashMap;
import io.netty.util.collection.LongObjectMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A value per bucket of a table's physical tables (the table itself, or each of its partitions), found by
 * partition id and bucket id: a writer looks one up for every record, so without a key object per
 * record (not even a boxed partition id), and with one map lookup at most (none for a table that is not
 * partitioned).
 *
 * <p>Not thread-safe: a writer uses it from its intake executor only.
 *
 * @param <V> what is kept per bucket
 */
final class PerBucket<V> {

    private final int numBuckets;
    /** The values of a table that is not partitioned, by bucket id. */
    private Object[] unpartitioned;
    /** The values of each partition, by partition id and then bucket id. */
    private final LongObjectMap<Object[]> partitions = new LongObjectHashMap<>();
    private int size;

    /** @param numBuckets the table's bucket count, which sizes the arrays (a larger bucket id grows them) */
    PerBucket(int numBuckets) {
        this.numBuckets = Math.max(1, numBuckets);
        this.unpartitioned = new Object[this.numBuckets];
    }

    /**
     * The value of a bucket.
     *
     * @param partitionId the partition id, or a negative id for a table that is not partitioned
     * @param bucket the bucket id
     * @return the value, or null if there is none
     */
    @SuppressWarnings("unchecked")
    V get(long partitionId, int bucket) {
        Object[] values = partitionId < 0 ? unpartitioned : partitions.get(partitionId);
        return values == null || bucket >= values.length ? null : (V) values[bucket];
    }

    /**
     * Sets the value of a bucket.
     *
     * @param partitionId the partition id, or a negative id for a table that is not partitioned
     * @param bucket the bucket id
     * @param value the value, not null
     */
    void put(long partitionId, int bucket, V value) {
        Object[] values = partitionId < 0 ? unpartitioned : partitions.get(partitionId);
        if (values == null) {
            values = new Object[numBuckets];
            partitions.put(partitionId, values);
        }
        if (bucket >= values.length) {
            values = Arrays.copyOf(values, bucket + 1);
            if (partitionId < 0) {
                unpartitioned = values;
            } else {
                partitions.put(partitionId, values);
            }
        }
        if (values[bucket] == null) {
            size++;
        }
        values[bucket] = value;
    }

    /**
     * Removes the value of a bucket if it is {@code value}.
     *
     * @return whether it was removed
     */
    boolean remove(long partitionId, int bucket, V value) {
        Object[] values = partitionId < 0 ? unpartitioned : partitions.get(partitionId);
        if (values == null || bucket >= values.length || values[bucket] != value || value == null) {
            return false;
        }
        values[bucket] = null;
        size--;
        if (partitionId >= 0 && isEmpty(values)) {
            partitions.remove(partitionId);
        }
        return true;
    }

    /** The number of buckets with a value. */
    int size() {
        return size;
    }

    /** Every value, in no particular order: a copy, so that the caller may remove values as it goes. */
    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> all = new ArrayList<>(size);
        addValues(unpartitioned, all);
        for (Object[] values : partitions.values()) {
            addValues(values, all);
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static <V> void addValues(Object[] values, List<V> into) {
        for (Object value : values) {
            if (value != null) {
                into.add((V) value);
            }
        }
    }

    private static boolean isEmpty(Object[] values) {
        for (Object value : values) {
            if (value != null) {
                return false;
            }
        }
        return true;
    }
}
