package io.flussreactive.internal.bucket;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends records to one randomly chosen available bucket until its batch is full, then moves to another
 * random available bucket (the same one when it is the only one available; any bucket when none is),
 * so that batches fill up quickly. Thread-safe.
 */
public final class StickyBucketAssigner implements BucketAssigner {

    private static final int NONE = -1;

    private final int numBuckets;
    private final AtomicInteger currentBucket = new AtomicInteger(NONE);

    /**
     * Creates an assigner for a table with the given number of buckets.
     *
     * @param numBuckets the number of buckets, positive
     */
    public StickyBucketAssigner(int numBuckets) {
        if (numBuckets <= 0) {
            throw new IllegalArgumentException("The number of buckets must be positive, not " + numBuckets);
        }
        this.numBuckets = numBuckets;
    }

    @Override
    public int assignBucket(byte[] bucketKey, int[] availableBuckets) {
        int bucket = currentBucket.get();
        if (bucket != NONE) {
            return bucket;
        }
        currentBucket.compareAndSet(NONE, pick(NONE, availableBuckets));
        return currentBucket.get();
    }

    @Override
    public boolean reassignsWhenBatchFull() {
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Only a full batch of the current bucket moves the assigner on, so that several writers telling
     * it about the same full batch move it once.
     */
    @Override
    public void onBatchFull(int fullBucket, int[] availableBuckets) {
        int current = currentBucket.get();
        if (current == NONE || current == fullBucket) {
            currentBucket.compareAndSet(current, pick(current, availableBuckets));
        }
    }

    /** A random available bucket, other than {@code previous} when there is another one. */
    private int pick(int previous, int[] availableBuckets) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int count = availableBuckets.length;
        if (count == 0) {
            return random.nextInt(numBuckets);
        }
        int previousIndex = indexOf(availableBuckets, previous);
        if (previousIndex < 0 || count == 1) {
            return availableBuckets[random.nextInt(count)];
        }
        // Draw among the others by skipping over the previous bucket's position.
        int index = random.nextInt(count - 1);
        return availableBuckets[index >= previousIndex ? index + 1 : index];
    }

    private static int indexOf(int[] buckets, int bucket) {
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] == bucket) {
                return i;
            }
        }
        return -1;
    }
}
