package io.flussreactive.internal.bucket;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Assigns records to the available buckets in turn, from a random start: record {@code n} goes to
 * {@code availableBuckets[((start + n) & 0x7fffffff) % availableBuckets.length]}, or to bucket
 * {@code ((start + n) & 0x7fffffff) % numBuckets} when none is available. Thread-safe.
 */
public final class RoundRobinBucketAssigner implements BucketAssigner {

    private final int numBuckets;
    private final AtomicInteger counter;

    /**
     * Creates an assigner for a table with the given number of buckets.
     *
     * @param numBuckets the number of buckets, positive
     */
    public RoundRobinBucketAssigner(int numBuckets) {
        this(numBuckets, ThreadLocalRandom.current().nextInt());
    }

    /**
     * Creates an assigner that starts counting at {@code start}.
     *
     * @param numBuckets the number of buckets, positive
     * @param start the first counter value
     */
    RoundRobinBucketAssigner(int numBuckets, int start) {
        if (numBuckets <= 0) {
            throw new IllegalArgumentException("The number of buckets must be positive, not " + numBuckets);
        }
        this.numBuckets = numBuckets;
        this.counter = new AtomicInteger(start);
    }

    @Override
    public int assignBucket(byte[] bucketKey, int[] availableBuckets) {
        int next = counter.getAndIncrement() & 0x7fffffff;
        return availableBuckets.length > 0
                ? availableBuckets[next % availableBuckets.length]
                : next % numBuckets;
    }

    @Override
    public boolean reassignsWhenBatchFull() {
        return false;
    }

    @Override
    public void onBatchFull(int fullBucket, int[] availableBuckets) {
        // Every record moves on to the next bucket anyway.
    }
}
