package io.flussreactive.internal.write;

/**
 * The capacity a new batch's buffer starts with, for batch formats that write records into a buffer as
 * they come: a little more than the last batch took, at least {@link #MIN_BATCH_BYTES} (or the batch
 * size, if smaller) and at most the batch size. A writer's batches tend to be alike, and the writer
 * closes a batch before it outgrows the batch size, so full batches never grow (a doubling would hold
 * twice the memory and copy it all) and small ones do not hold batch-size buffers. Thread-safe.
 */
final class BatchCapacity {

    private static final int MIN_BATCH_BYTES = 64 * 1024;

    private final int batchSizeBytes;
    private volatile int expectedBatchBytes;

    /**
     * @param batchSizeBytes the encoded size at which the writer closes batches
     */
    BatchCapacity(int batchSizeBytes) {
        this.batchSizeBytes = batchSizeBytes;
        this.expectedBatchBytes = Math.min(MIN_BATCH_BYTES, batchSizeBytes);
    }

    /** The capacity to open the next batch's buffer with. */
    int nextCapacity() {
        return expectedBatchBytes;
    }

    /** Remembers the size of a batch just completed, for the buffers of the next ones. */
    void batchCompleted(int bytes) {
        int withSlack = bytes + bytes / 16;
        expectedBatchBytes = Math.min(Math.max(MIN_BATCH_BYTES, withSlack), batchSizeBytes);
    }
}
