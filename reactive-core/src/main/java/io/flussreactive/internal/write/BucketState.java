package io.flussreactive.internal.write;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The sending state of one bucket: its unsettled batches in the order they were closed, how many of
 * them are in flight, and the sequences they are numbered with.
 *
 * <p>With idempotence the batches of a bucket are numbered 0, 1, 2, ... as they first leave. When one
 * fails, the bucket recovers: it sends nothing until its other batches in flight have answered, then
 * numbers what is left again from the last acknowledged sequence, so that the server sees no gap.
 * Without idempotence the batches carry no sequence, and recovering only waits for those in flight.
 *
 * <p>The sequences count under the bucket's own writer id. The server keeps a writer's sequences per
 * bucket, so when it loses them for one bucket, only that bucket gives up its id and starts again
 * from 0 under a newer one. The other buckets keep theirs: a batch of theirs whose answer was lost
 * may be stored already, and only its old id and sequence let the server see it again as a duplicate.
 *
 * <p>Used only from the writer's {@link io.flussreactive.internal.util.SerialExecutor}, by its
 * {@link Sender}.
 */
final class BucketState implements Iterable<WriteBatch> {

    /** Unsettled batches in the order they were closed: in flight first, then waiting. */
    private final Deque<WriteBatch> queue = new ArrayDeque<>();
    private int inFlight;
    /** The sequence of the next batch that leaves without one. */
    private int nextSequence;
    private int lastAckedSequence = -1;
    /** A batch failed: nothing leaves until those in flight have answered and the rest is renumbered. */
    private boolean recovering;
    /** The writer id the sequences count under, or {@link #NO_WRITER_ID} until the bucket first sends. */
    private long writerId = NO_WRITER_ID;
    /**
     * Why the bucket gives up its writer id once nothing is in flight (the server lost its sequences, or
     * one of its batches may or may not be stored); null while it keeps the id.
     */
    private Throwable whyGivingUpWriterId;

    /** No writer id: the bucket has not sent under one yet, or gave its last one up. */
    static final long NO_WRITER_ID = -1;

    /** Queues a batch just closed, behind the bucket's earlier batches. */
    void add(WriteBatch batch) {
        queue.addLast(batch);
    }

    /** Takes a settled batch out of the queue. */
    void remove(WriteBatch batch) {
        queue.remove(batch);
    }

    /** A copy of the unsettled batches in the order they were closed, to settle some while going through them. */
    List<WriteBatch> unsettled() {
        return new ArrayList<>(queue);
    }

    /** The unsettled batches in the order they were closed; removing through it takes them out of the queue. */
    @Override
    public Iterator<WriteBatch> iterator() {
        return queue.iterator();
    }

    /** The next batch of the bucket if it may leave now, else null. */
    WriteBatch sendableBatch(int maxInFlight, long nowNanos) {
        if (recovering || inFlight >= maxInFlight) {
            return null;
        }
        WriteBatch next = firstUnsent();
        if (next == null || next.state() != WriteBatch.State.READY || next.notBeforeNanos() - nowNanos > 0) {
            return null;
        }
        return next;
    }

    private WriteBatch firstUnsent() {
        for (WriteBatch batch : queue) {
            if (batch.state() != WriteBatch.State.IN_FLIGHT) {
                return batch;
            }
        }
        return null;
    }

    /** Whether a batch is encoded and waiting to be sent (it may be held back by the bucket or its leader). */
    boolean hasReady() {
        for (WriteBatch batch : queue) {
            if (batch.state() == WriteBatch.State.READY) {
                return true;
            }
        }
        return false;
    }

    /** Gives the batch the bucket's next sequence, unless it has one: a batch sent again keeps its own. */
    void number(WriteBatch batch) {
        if (batch.sequence() == WriteBatch.NO_SEQUENCE) {
            batch.sequence(nextSequence++);
        }
    }

    /** The batch leaves: it is in flight until {@link #answered()}. */
    void sent(WriteBatch batch) {
        inFlight++;
        batch.sent();
    }

    /** A batch of the bucket in flight was answered, whatever the answer. */
    void answered() {
        inFlight--;
    }

    /** The batch was stored: it leaves the queue, and its sequence, if higher, is the last acknowledged. */
    void acknowledged(WriteBatch batch) {
        queue.remove(batch);
        if (batch.sequence() != WriteBatch.NO_SEQUENCE) {
            lastAckedSequence = Math.max(lastAckedSequence, batch.sequence());
        }
    }

    /**
     * Whether nothing is missing before this batch: it is the oldest unsettled one and numbered right
     * after the last acknowledged. If the server still calls it out of order, its idea of the writer's
     * last sequence differs from ours.
     */
    boolean followsLastAcknowledged(WriteBatch batch) {
        return queue.peekFirst() == batch && batch.sequence() == lastAckedSequence + 1;
    }

    /** A batch failed: the bucket holds its batches back until {@link #finishRecoveryIfNothingInFlight}. */
    void startRecovery() {
        recovering = true;
    }

    /**
     * Once a recovering bucket has nothing in flight, renumbers its remaining batches from the last
     * acknowledged sequence and lets it send again. Batches never sent keep no sequence; they get
     * theirs when they leave, after the renumbered ones. A bucket giving up its writer id instead
     * starts again from sequence 0, with no id.
     *
     * @return the writer id given up, or {@link #NO_WRITER_ID} if none was
     */
    long finishRecoveryIfNothingInFlight() {
        if (!recovering || inFlight > 0) {
            return NO_WRITER_ID;
        }
        recovering = false;
        if (whyGivingUpWriterId != null) {
            whyGivingUpWriterId = null;
            long givenUp = writerId;
            startAgainFromZero();
            return givenUp;
        }
        int sequence = lastAckedSequence + 1;
        for (WriteBatch batch : queue) {
            if (batch.sequence() != WriteBatch.NO_SEQUENCE) {
                batch.sequence(sequence++);
            }
        }
        nextSequence = sequence;
        return NO_WRITER_ID;
    }

    /** The writer id the bucket's sequences count under, or {@link #NO_WRITER_ID}. */
    long writerId() {
        return writerId;
    }

    /** The bucket's sequences count under this id from now on; only while it has none. */
    void useWriterId(long id) {
        if (writerId != NO_WRITER_ID) {
            throw new IllegalStateException("The bucket already counts its sequences under writer id " + writerId);
        }
        writerId = id;
    }

    /**
     * The server no longer knows the bucket's sequences under its writer id, or one of its batches may
     * or may not be stored: the bucket holds its batches back, and once none is in flight it gives the
     * id up and starts again from sequence 0 (see {@link #finishRecoveryIfNothingInFlight}).
     *
     * @param why what the server said, or the failure that leaves a batch's fate open
     */
    void giveUpWriterId(Throwable why) {
        recovering = true;
        whyGivingUpWriterId = writerId != NO_WRITER_ID ? Objects.requireNonNull(why, "why") : null;
    }

    /** Why the bucket is giving up its writer id, until it has; null when it is not. */
    Throwable whyGivingUpWriterId() {
        return whyGivingUpWriterId;
    }

    /** Starts again from sequence 0 with no writer id, its batches unnumbered. */
    private void startAgainFromZero() {
        writerId = NO_WRITER_ID;
        lastAckedSequence = -1;
        nextSequence = 0;
        for (WriteBatch batch : queue) {
            batch.sequence(WriteBatch.NO_SEQUENCE);
        }
    }
}
