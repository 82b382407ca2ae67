package io.flussreactive.scan;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How far an application got through a scan: per bucket (and partition), the offset after the last
 * batch it finished. Immutable: {@link #after} returns a new position.
 *
 * <p>A resubscription of {@link Scan#batches()} (a {@code retry()}) goes on after the last batch
 * the scan <em>delivered</em>, so a batch whose processing failed in the application's own code is
 * not read again. To go on after the last batch <em>finished</em> instead, keep a position and start
 * each attempt from it with {@link Scan#resumeFrom}:
 *
 * <pre>{@code
 * AtomicReference<ScanPosition> done = new AtomicReference<>(ScanPosition.none());
 * Flux.defer(() -> scan.resumeFrom(done.get()).batches())
 *     .concatMap(batch -> process(batch)
 *             .doOnSuccess(ok -> done.set(done.get().after(batch)))
 *             .doFinally(signal -> batch.close()))
 *     .retry(3)
 * }</pre>
 *
 * A position can be stored and restored with {@link #nextOffset} and {@link #with}.
 */
public final class ScanPosition {

    private static final ScanPosition NONE = new ScanPosition(Map.of());

    private final Map<Bucket, Long> nextOffsets;

    private ScanPosition(Map<Bucket, Long> nextOffsets) {
        this.nextOffsets = nextOffsets;
    }

    /** No bucket read yet: a scan resumed from it starts where its {@link Scan#from} says. */
    public static ScanPosition none() {
        return NONE;
    }

    /**
     * Explicit offsets for the buckets of a table that is not partitioned: each listed bucket starts at
     * its offset (for partitions, see {@link #with}).
     *
     * @param nextOffsetByBucket the offset of the next record to read, by bucket id
     * @return the position
     */
    public static ScanPosition of(Map<Integer, Long> nextOffsetByBucket) {
        Map<Bucket, Long> offsets = new HashMap<>();
        nextOffsetByBucket.forEach((bucket, offset) -> {
            checkBucketAndOffset(bucket, offset);
            offsets.put(new Bucket(null, bucket), offset);
        });
        return new ScanPosition(Map.copyOf(offsets));
    }

    /**
     * This position with {@code batch} as the last batch finished of its bucket: reading that bucket
     * goes on at {@link RecordBatch#nextOffset()}. Reads only the batch's bucket, partition and offsets,
     * so it may be called after the batch is closed. A batch of a bucket's KV snapshot (see
     * {@link Scan#fromSnapshot()}) other than its last one leaves the position as it is, as a snapshot
     * cannot be resumed in the middle: the bucket's snapshot is read again from its start.
     *
     * @param batch a batch the application is done with
     * @return the new position
     */
    public ScanPosition after(RecordBatch batch) {
        if (batch.nextOffset() < 0) {
            return this;
        }
        return with(batch.partition().orElse(null), batch.bucket(), batch.nextOffset());
    }

    /**
     * This position with reading of one bucket going on at {@code nextOffset}.
     *
     * @param partition the partition name, or null for a table that is not partitioned
     * @param bucket the bucket id
     * @param nextOffset the offset of the next record to read
     * @return the new position
     */
    public ScanPosition with(String partition, int bucket, long nextOffset) {
        checkBucketAndOffset(bucket, nextOffset);
        Map<Bucket, Long> copy = new HashMap<>(nextOffsets);
        copy.put(new Bucket(partition, bucket), nextOffset);
        return new ScanPosition(Map.copyOf(copy));
    }

    /**
     * Where reading a bucket goes on.
     *
     * @param partition the partition name, or null for a table that is not partitioned
     * @param bucket the bucket id
     * @return the offset of the next record to read, or empty when the position does not know the bucket
     */
    public OptionalLong nextOffset(String partition, int bucket) {
        Long offset = nextOffsets.get(new Bucket(partition, bucket));
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    private static void checkBucketAndOffset(int bucket, long nextOffset) {
        if (bucket < 0 || nextOffset < 0) {
            throw new IllegalArgumentException("A bucket and an offset are not negative: bucket " + bucket
                    + ", offset " + nextOffset);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScanPosition position && position.nextOffsets.equals(nextOffsets);
    }

    @Override
    public int hashCode() {
        return nextOffsets.hashCode();
    }

    @Override
    public String toString() {
        return "ScanPosition" + nextOffsets;
    }

    /** A bucket of a table or of one of its partitions. */
    private record Bucket(String partition, int bucket) {
        @Override
        public String toString() {
            return partition == null ? "bucket " + bucket : partition + "/bucket " + bucket;
        }
    }
}
