package io.flussreactive.internal.bucket;

/**
 * Assigns each record the bucket of its bucket key with {@link FlussBucketing}, whether or not the
 * bucket has a leader: the same key always goes to the same bucket. Thread-safe.
 */
public final class KeyBucketAssigner implements BucketAssigner {

    private final int numBuckets;

    /**
     * Creates an assigner for a table with the given number of buckets.
     *
     * @param numBuckets the number of buckets, positive
     */
    public KeyBucketAssigner(int numBuckets) {
        if (numBuckets <= 0) {
            throw new IllegalArgumentException("The number of buckets must be positive, not " + numBuckets);
        }
        this.numBuckets = numBuckets;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the bucket key is null or empty
     */
    @Override
    public int assignBucket(byte[] bucketKey, int[] availableBuckets) {
        if (bucketKey == null) {
            throw new IllegalArgumentException("A table with a bucket key needs the bucket key of every record");
        }
        return FlussBucketing.bucket(bucketKey, numBuckets);
    }

    @Override
    public boolean reassignsWhenBatchFull() {
        return false;
    }

    @Override
    public void onBatchFull(int fullBucket, int[] availableBuckets) {
        // The bucket of a key never changes.
    }
}
