package io.flussreactive.internal.write;

import io.github.resilience4j.retry.Retry;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.netty.buffer.ByteBuf;

/**
 * One batch of records for one bucket, from its encoded bytes to its final outcome.
 *
 * <p>The sender stamps the writer id and batch sequence into the bytes just before each send (the
 * sequence is known only then, and changes if earlier batches fail), so the encoded form is kept
 * with placeholders until the batch is done. Used only from its writer's serial executor.
 */
final class WriteBatch {

    /** Where a batch is on its way. */
    enum State {
        /** Closed, bytes being produced off the writer's thread. */
        ENCODING,
        /** Encoded, waiting to be sent (first time, or again after a retriable failure). */
        READY,
        /** Sent, waiting for the server's answer. */
        IN_FLIGHT,
        /** Acknowledged or failed for good; its bytes are released. */
        DONE
    }

    static final int NO_SEQUENCE = -1;

    private final PhysicalBucket bucket;
    private final PendingRecords records;
    private final long reservedBytes;
    private final long deadlineNanos;
    private final BatchStamper stamper;
    private State state = State.ENCODING;
    private ByteBuf bytes;
    private int sequence = NO_SEQUENCE;
    private long stampedWriterId = Long.MIN_VALUE;
    private int stampedSequence = Integer.MIN_VALUE;
    private int attempts;
    /** Some failed attempt may have stored the batch: it may have reached the leader, and no answer refused it. */
    private boolean mayBeStored;
    private long notBeforeNanos;
    private Retry.AsyncContext<Object> retryContext;

    WriteBatch(PhysicalBucket bucket, PendingRecords records, long reservedBytes, long deadlineNanos, BatchStamper stamper) {
        this.bucket = bucket;
        this.records = records;
        this.reservedBytes = reservedBytes;
        this.deadlineNanos = deadlineNanos;
        this.stamper = stamper;
    }

    PhysicalBucket bucket() {
        return bucket;
    }

    PendingRecords records() {
        return records;
    }

    int recordCount() {
        return records.size();
    }

    long reservedBytes() {
        return reservedBytes;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    State state() {
        return state;
    }

    void state(State state) {
        this.state = state;
    }

    /** The encoded batch, with its writer id and sequence as last stamped. */
    ByteBuf bytes() {
        return bytes;
    }

    void encoded(ByteBuf bytes) {
        this.bytes = bytes;
        this.state = State.READY;
    }

    int sizeInBytes() {
        return bytes.readableBytes();
    }

    int sequence() {
        return sequence;
    }

    void sequence(int sequence) {
        this.sequence = sequence;
    }

    int attempts() {
        return attempts;
    }

    /** Writes writer id and sequence into the bytes, when they differ from what is there. */
    void stamp(long writerId, int batchSequence) {
        if (writerId != stampedWriterId || batchSequence != stampedSequence) {
            if (bytes.refCnt() > 1) {
                // A frame of an earlier attempt still holds these bytes (its connection is closing):
                // changing them could change what that frame sends.
                ByteBuf own = bytes.copy();
                bytes.release();
                bytes = own;
            }
            stamper.stamp(bytes, writerId, batchSequence);
            stampedWriterId = writerId;
            stampedSequence = batchSequence;
        }
    }

    void sent() {
        attempts++;
        state = State.IN_FLIGHT;
    }

    /**
     * An attempt failed in a way that leaves open whether the leader stored the batch (its answer was lost,
     * or the leader appended it and then gave up waiting for its replicas). Stays so for the batch's life:
     * a later refusal only says that the leader of that moment does not hold it.
     */
    void attemptMayHaveStored() {
        mayBeStored = true;
    }

    /** Whether some failed attempt may have stored the batch after all. */
    boolean mayBeStored() {
        return mayBeStored;
    }

    /** Not to be sent again before this time (a retry's backoff). */
    long notBeforeNanos() {
        return notBeforeNanos;
    }

    void notBeforeNanos(long nanos) {
        this.notBeforeNanos = nanos;
    }

    /**
     * The batch's count of failed attempts, made on its first failure: a batch that never fails (nearly
     * every one) costs no retry context.
     */
    Retry.AsyncContext<Object> retryContext(Retry retry) {
        if (retryContext == null) {
            retryContext = retry.asyncContext();
        }
        return retryContext;
    }

    /** Tells the batch's retry, if it failed before, that it was stored in the end. */
    void storedAfterRetries() {
        if (retryContext != null) {
            retryContext.onComplete();
        }
    }

    /** Releases the bytes; the batch is finished. */
    void finish() {
        state = State.DONE;
        if (bytes != null) {
            bytes.release();
            bytes = null;
        }
    }

    @Override
    public String toString() {
        return "batch of " + records.size() + " records for " + bucket + " (sequence " + sequence + ", " + state + ")";
    }

    /** Writes writer id and batch sequence into an encoded batch (and fixes its checksum). */
    @FunctionalInterface
    interface BatchStamper {
        void stamp(ByteBuf batch, long writerId, int batchSequence);
    }
}
