package io.flussreactive.internal.bucket;

/**
 * Chooses the bucket of each record a writer sends to one physical table (a table, or one partition
 * of a partitioned table). Assigners do not allocate per record.
 *
 * <p>The available buckets are those whose leader is known; a writer passes the current ones, sorted
 * or not, and an empty array when none is known.
 */
public interface BucketAssigner {

    /**
     * Returns the bucket of a record.
     *
     * @param bucketKey the encoded bucket key of the record, or null for a table without bucket key
     * @param availableBuckets the buckets that currently have a leader
     * @return the bucket, in {@code [0, numBuckets)}
     */
    int assignBucket(byte[] bucketKey, int[] availableBuckets);

    /**
     * Tells whether a record that does not fit into its bucket's open batch should be assigned again
     * after {@link #onBatchFull}, rather than start a new batch in the same bucket.
     *
     * @return {@code true} for assigners that move on to another bucket when a batch is full
     */
    boolean reassignsWhenBatchFull();

    /**
     * Tells the assigner that the open batch of a bucket is full.
     *
     * @param fullBucket the bucket whose batch is full
     * @param availableBuckets the buckets that currently have a leader
     */
    void onBatchFull(int fullBucket, int[] availableBuckets);
}
