package io.flussreactive.internal.write;

import io.flussreactive.error.CorruptMessageException;
import io.flussreactive.error.DuplicateSequenceException;
import io.flussreactive.error.FlussException;
import io.flussreactive.error.NetworkException;
import io.flussreactive.error.NotEnoughReplicasAfterAppendException;
import io.flussreactive.error.OutOfOrderSequenceException;
import io.flussreactive.error.TimeoutException;
import io.flussreactive.error.UnknownServerException;
import io.flussreactive.error.UnknownWriterIdException;
import io.flussreactive.internal.meta.LeaderLookup;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.rpc.ServerLane;
import io.flussreactive.internal.telemetry.WriterTelemetry;
import io.flussreactive.internal.util.SerialExecutor;
import io.flussreactive.internal.util.TroubleLog;
import io.flussreactive.write.WriterOptions;
import io.github.resilience4j.retry.Retry;
import io.netty.buffer.ByteBuf;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Sends the closed batches of one writer to their buckets' leaders and settles each batch: every
 * batch is acknowledged once or fails with a reason, within the delivery timeout.
 *
 * <p>Per bucket, batches leave in the order they were closed, at most
 * {@link WriterOptions#maxInFlightBatchesPerBucket()} at a time, on the connection the bucket always
 * uses ({@link PhysicalBucket#laneOf}), several buckets sharing that connection in one request. With
 * idempotence each batch carries the writer id and a per-bucket sequence; the server stores a sequence
 * once, so a batch sent again after a lost answer is not stored twice.
 *
 * <p>When a batch of a bucket fails, the bucket stops sending until its other batches in flight have
 * answered (those behind the failed one are refused by the server as out of order), then sends what
 * is left again in order, renumbered from the last acknowledged sequence. When the server no longer
 * knows the writer's sequences for a bucket, that bucket alone takes a new writer id and starts again
 * from sequence 0; the other buckets keep theirs, so that a batch of theirs whose answer was lost is
 * still known to the server when it comes again; a batch of the bucket that lost its sequences that an
 * earlier attempt may have stored fails instead of going again under the new id. Both keep "each record
 * stored at most once, in order".
 *
 * <p>Once the table or a partition of it is dropped, its batches fail with the reason at once, and
 * those in flight when their answers arrive, instead of being retried until the delivery timeout.
 *
 * <p>The pieces: the sender keeps the send loop, decides what each answer means for its batch and
 * bucket, and times out overdue batches. {@link BucketState} holds one bucket's queue, its count in
 * flight and its sequences and writer id, and renumbers them after a failure; {@link CurrentWriterId}
 * holds the newest writer id from the cluster, which buckets without one take; {@link DroppedBuckets}
 * knows which buckets went away with their table or partition; {@link BatchRequests} packs batches into
 * requests and hands back each batch's answer; {@link BatchSettler} gives records their results and
 * releases a settled batch's memory.
 *
 * <p>Everything here, and in those pieces, runs on the writer's {@link SerialExecutor}: answers and
 * timers hop onto it before they touch any state.
 */
final class Sender {

    private static final Logger log = LoggerFactory.getLogger(Sender.class);

    /** How often a sender with unsent batches looks again, so blocked batches time out. */
    private static final Duration TICK = Duration.ofMillis(200);

    private final WriterOptions options;
    /** Decides whether a failed batch goes again, and after what backoff. */
    private final Retry retry;
    private final SerialExecutor serial;
    private final Scheduler timers;
    /** The clock of deadlines and backoffs: {@link System#nanoTime}, unless a test drives it. */
    private final LongSupplier nanoTime;
    private final LeaderLookup leaders;
    private final String writerName;
    private final BatchSettler settler;
    private final BatchRequests requests;
    /** Told of each batch sent and settled. */
    private final WriterTelemetry telemetry;

    private final Map<PhysicalBucket, BucketState> buckets = new LinkedHashMap<>();
    private final CurrentWriterId writerId;
    private final DroppedBuckets dropped = new DroppedBuckets();
    /** Says once when batches of some buckets have been retried for a while, and once when they are stored. */
    private final TroubleLog trouble;
    private Disposable tick;

    /** Creates a sender whose batches' deadlines were set by {@link System#nanoTime}. */
    Sender(WriterOptions options, Retry retry, SerialExecutor serial, Scheduler timers, LeaderLookup leaders,
            WriteRpc rpc, Supplier<Mono<Long>> newWriterId, WriteBuffer buffer, String writerName,
            BatchSettledListener settled, WriterTelemetry telemetry) {
        this(options, retry, serial, timers, System::nanoTime, leaders, rpc, newWriterId, buffer, writerName, settled,
                telemetry);
    }

    /** Creates a sender; {@code nanoTime} is the clock the deadlines of the batches it is given were set by. */
    Sender(WriterOptions options, Retry retry, SerialExecutor serial, Scheduler timers, LongSupplier nanoTime,
            LeaderLookup leaders, WriteRpc rpc, Supplier<Mono<Long>> newWriterId, WriteBuffer buffer, String writerName,
            BatchSettledListener settled, WriterTelemetry telemetry) {
        this.options = options;
        this.telemetry = telemetry;
        this.retry = retry;
        this.serial = serial;
        this.timers = timers;
        this.nanoTime = nanoTime;
        this.leaders = leaders;
        this.writerName = writerName;
        this.trouble = new TroubleLog(log, writerName);
        this.settler = new BatchSettler(buffer, settled, telemetry);
        this.requests = new BatchRequests(rpc, serial, options.maxRequestSizeBytes(), this::onBatchAnswered,
                this::sendReady);
        this.writerId = new CurrentWriterId(newWriterId, serial, writerName, this::sendReady, this::scheduleTick);
    }

    /** Takes a batch just closed (still encoding); it will leave after the bucket's earlier batches. */
    void add(WriteBatch batch) {
        Throwable why = dropped.whyDropped(batch.bucket());
        if (why != null) {
            settler.fail(batch, why);
            return;
        }
        bucket(batch.bucket()).add(batch);
    }

    /** The table was dropped: every batch fails with {@code why}, at once or, if in flight, on its answer. */
    void tableDropped(Throwable why) {
        dropped.tableDropped(why);
        failUnsent(bucket -> true, why);
    }

    /** A partition was dropped: its batches fail with {@code why}, at once or, if in flight, on their answers. */
    void partitionDropped(long partitionId, Throwable why) {
        dropped.partitionDropped(partitionId, why);
        failUnsent(bucket -> bucket.partitionId() == partitionId, why);
    }

    /** Fails the batches of these buckets that are not in flight: those in flight keep their bytes until answered. */
    private void failUnsent(Predicate<PhysicalBucket> which, Throwable why) {
        buckets.forEach((bucket, state) -> {
            if (which.test(bucket)) {
                for (WriteBatch batch : state.unsettled()) {
                    if (batch.state() != WriteBatch.State.IN_FLIGHT) {
                        state.remove(batch);
                        settler.fail(batch, why);
                    }
                }
            }
        });
    }

    /** A batch finished encoding: try to send. */
    void encoded(WriteBatch batch, ByteBuf bytes) {
        if (batch.state() == WriteBatch.State.DONE) {
            // It timed out or the writer failed while it was being encoded.
            bytes.release();
            return;
        }
        batch.encoded(bytes);
        sendReady();
    }

    /** A batch could not be encoded: it fails, the bucket goes on. */
    void encodingFailed(WriteBatch batch, Throwable error) {
        bucket(batch.bucket()).remove(batch);
        settler.fail(batch, error);
        sendReady();
    }

    /** Every batch not settled yet. */
    List<WriteBatch> unsettledBatches() {
        List<WriteBatch> all = new ArrayList<>();
        for (BucketState state : buckets.values()) {
            for (WriteBatch batch : state) {
                all.add(batch);
            }
        }
        return all;
    }

    /** Stops the periodic look at blocked batches (the writer is closed and settled). */
    void stopTicking() {
        if (tick != null) {
            tick.dispose();
        }
    }

    /** Sends whatever can be sent now. Called after every event that may unblock a batch. */
    void sendReady() {
        long now = nanoTime.getAsLong();
        expireOverdue(now);
        boolean blocked = false;
        boolean sentSome = true;
        while (sentSome) {
            // Each round takes at most one batch per bucket: a request carries one records blob per bucket.
            sentSome = false;
            Map<ServerLane, List<WriteBatch>> byLane = new IdentityHashMap<>();
            for (BucketState state : buckets.values()) {
                WriteBatch next = state.sendableBatch(options.maxInFlightBatchesPerBucket(), now);
                if (next == null) {
                    blocked |= state.hasReady();
                    continue;
                }
                ServerLane leader = leaders.leaderOf(next.bucket());
                if (leader == null) {
                    blocked = true;
                    continue;
                }
                if (options.idempotence()) {
                    if (state.writerId() == BucketState.NO_WRITER_ID) {
                        if (!writerId.isKnown()) {
                            // Sent once the id comes: its answer runs sendReady.
                            writerId.request();
                            blocked = true;
                            continue;
                        }
                        state.useWriterId(writerId.value());
                    }
                    state.number(next);
                    next.stamp(state.writerId(), next.sequence());
                }
                if (next.attempts() == 0) {
                    // A batch's deadline is its opening plus the delivery timeout.
                    telemetry.batchSent(next.recordCount(), next.sizeInBytes(),
                            now - (next.deadlineNanos() - options.deliveryTimeout().toNanos()));
                } else {
                    telemetry.batchResent(next.recordCount());
                }
                state.sent(next);
                byLane.computeIfAbsent(next.bucket().laneOf(leader), l -> new ArrayList<>()).add(next);
                sentSome = true;
            }
            byLane.forEach(requests::send);
        }
        if (blocked) {
            scheduleTick();
        }
    }

    private void onBatchAnswered(WriteBatch batch, Throwable error, long baseOffset) {
        if (error == null) {
            onBatchStored(batch, baseOffset);
        } else {
            onBatchFailed(batch, error);
        }
    }

    private void onBatchStored(WriteBatch batch, long baseOffset) {
        BucketState state = bucket(batch.bucket());
        state.answered();
        if (batch.state() == WriteBatch.State.DONE) {
            // Already settled by the delivery timeout while in flight.
            finishRecovery(state);
            return;
        }
        state.acknowledged(batch);
        batch.storedAfterRetries();
        trouble.recovered(batch.bucket());
        settler.acknowledge(batch, baseOffset);
        finishRecovery(state);
    }

    private void onBatchFailed(WriteBatch batch, Throwable error) {
        BucketState state = bucket(batch.bucket());
        state.answered();
        if (mayHaveStored(error)) {
            batch.attemptMayHaveStored();
        }
        if (batch.state() == WriteBatch.State.DONE) {
            finishRecovery(state);
            return;
        }
        if (error instanceof DuplicateSequenceException) {
            // The server stored this batch before (an earlier answer was lost): it is acknowledged.
            state.acknowledged(batch);
            batch.storedAfterRetries();
            settler.acknowledge(batch, -1);
            finishRecovery(state);
            return;
        }
        Throwable why = dropped.whyDropped(batch.bucket());
        if (why != null) {
            state.remove(batch);
            settler.fail(batch, why);
            finishRecovery(state);
            return;
        }
        batch.state(WriteBatch.State.READY);
        long now = nanoTime.getAsLong();
        long backoffMs;
        if (error instanceof FlussException fluss && fluss.errorCode().isInvalidMetadata()) {
            leaders.invalidate(batch.bucket());
        }
        if (options.idempotence() && needsNewWriterId(state, batch, error)) {
            log.info("{}: the server lost track of writer {} on {} ({}); the bucket starts again with a new"
                    + " writer id", writerName, state.writerId(), batch.bucket(), error.getMessage());
            state.giveUpWriterId(error);
        } else if (error instanceof OutOfOrderSequenceException) {
            // Refused because a batch before it failed: it goes again right after that one, which waits
            // out its own backoff. Not a failure of this batch, so it counts no attempt.
            state.startRecovery();
        } else if ((backoffMs = batch.retryContext(retry).onError(error)) >= 0) {
            log.debug("{}: {} failed, will retry in {} ms: {}", writerName, batch, backoffMs, error.toString());
            trouble.failed(batch.bucket(), error);
            batch.notBeforeNanos(now + TimeUnit.MILLISECONDS.toNanos(backoffMs));
            state.startRecovery();
        } else {
            state.remove(batch);
            trouble.gaveUp(batch.bucket());
            settler.fail(batch, error);
            state.startRecovery();
        }
        finishRecovery(state);
    }

    private static boolean needsNewWriterId(BucketState state, WriteBatch batch, Throwable error) {
        if (error instanceof UnknownWriterIdException) {
            return true;
        }
        // Out of order although nothing is missing before it: the server's idea of the last
        // sequence differs from ours, so our numbering can no longer line up.
        return error instanceof OutOfOrderSequenceException && state.followsLastAcknowledged(batch);
    }

    /**
     * Whether a failed attempt may have stored its batch after all: the request may have reached the
     * leader, and no answer says the leader refused the batch. A connection that could not be made, a
     * breaker that held the request back, or the leader's refusal say it did not.
     */
    static boolean mayHaveStored(Throwable error) {
        if (error instanceof NetworkException) {
            // Lost with its connection, unless the connection was never made.
            return !causedBy(error, ConnectException.class);
        }
        if (error instanceof TimeoutException
                || error instanceof NotEnoughReplicasAfterAppendException
                || error instanceof CorruptMessageException
                || error instanceof UnknownServerException) {
            // No answer in time, an answer that could not be read, or the leader appended the batch and
            // then gave up waiting for its replicas.
            return true;
        }
        return !(error instanceof FlussException);
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Lets a bucket that had a failure send again once it has nothing in flight. */
    private void finishRecovery(BucketState state) {
        Throwable why = state.whyGivingUpWriterId();
        long givenUp = state.finishRecoveryIfNothingInFlight();
        if (givenUp != BucketState.NO_WRITER_ID) {
            writerId.givenUp(givenUp);
            failThoseThatMayBeStored(state, givenUp, why);
        }
    }

    /**
     * Fails the batches of a bucket that gave up its writer id and that an earlier attempt may have
     * stored under that id: sent again under a new id, the server could not tell them from new batches
     * and might store them twice. Only batches known not to be stored go again.
     */
    private void failThoseThatMayBeStored(BucketState state, long givenUp, Throwable why) {
        Iterator<WriteBatch> it = state.iterator();
        while (it.hasNext()) {
            WriteBatch batch = it.next();
            if (batch.mayBeStored()) {
                it.remove();
                trouble.gaveUp(batch.bucket());
                settler.fail(batch, new OutOfOrderSequenceException("Not sent again: a batch of "
                        + batch.recordCount() + " records for " + batch.bucket() + " went out under writer id "
                        + givenUp + " without an answer saying whether it was stored, and the bucket starts again"
                        + " under a new writer id, under which the server could not recognise it and could store it"
                        + " twice; it may or may not be stored (" + why.getMessage() + ")", why));
            }
        }
    }

    /** Fails every batch whose delivery timeout passed and that is not in flight. */
    private void expireOverdue(long now) {
        for (BucketState state : buckets.values()) {
            Iterator<WriteBatch> it = state.iterator();
            while (it.hasNext()) {
                WriteBatch batch = it.next();
                if (batch.state() != WriteBatch.State.IN_FLIGHT && now - batch.deadlineNanos() > 0) {
                    it.remove();
                    trouble.gaveUp(batch.bucket());
                    boolean wasSent = batch.attempts() > 0;
                    TimeoutException timedOut = new TimeoutException("Not acknowledged within the delivery timeout"
                            + " of " + options.deliveryTimeout().toMillis() + " ms (" + batch + ", sent "
                            + batch.attempts() + " times)");
                    settler.fail(batch, timedOut);
                    if (wasSent && options.idempotence()) {
                        // The server may or may not hold it: the bucket's sequences can no longer be trusted.
                        state.giveUpWriterId(timedOut);
                    } else if (wasSent) {
                        state.startRecovery();
                    }
                }
            }
            finishRecovery(state);
        }
    }

    private void scheduleTick() {
        if (tick == null || tick.isDisposed()) {
            tick = timers.schedule(() -> serial.execute(() -> {
                tick = null;
                sendReady();
            }), TICK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private BucketState bucket(PhysicalBucket bucket) {
        return buckets.computeIfAbsent(bucket, b -> new BucketState());
    }

    /** Told when a batch is settled, after its records got their results. */
    @FunctionalInterface
    interface BatchSettledListener {
        /** The batch was acknowledged ({@code error} null) or failed for good. */
        void settled(WriteBatch batch, Throwable error);
    }
}
