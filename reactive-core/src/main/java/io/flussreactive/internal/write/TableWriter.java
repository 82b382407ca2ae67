package io.flussreactive.internal.write;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.error.PartitionNotExistException;
import io.flussreactive.error.RecordTooLargeException;
import io.flussreactive.error.TableNotExistException;
import io.flussreactive.internal.meta.LeaderCache;
import io.flussreactive.internal.meta.MetadataManager;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.telemetry.WriterTelemetry;
import io.flussreactive.internal.util.SerialExecutor;
import io.flussreactive.internal.util.SingleRun;
import io.flussreactive.row.Row;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import io.flussreactive.write.WriterClosedException;
import io.flussreactive.write.WriterOptions;
import io.github.resilience4j.retry.Retry;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;

/**
 * The engine of a writer: takes records for one table and sees each through to its result. It checks
 * and measures a record and reserves its write-buffer bytes; the {@link BatchFiller} puts it in its
 * bucket's batch (after {@link PartitionRouting} found its partition, for a partitioned table); the
 * {@link Sender} sends the batches and settles them. It also runs flushes, the close, and what a dropped
 * table or partition calls for. Append writers (log tables) and upsert writers (primary-key tables)
 * differ only in their {@link BatchFormat} and request.
 *
 * <p>Threads: {@link #offer} runs on the caller's thread. Filling batches runs on one
 * {@link SerialExecutor}, the intake, which a producer finds idle nearly always and so fills its batches
 * on its own thread; sending, answers, leaders and flush bookkeeping run on another, so that the network
 * side never holds up a producer (whose records would then queue as objects).
 *
 * <p>A record reserves its write-buffer bytes as a queued row (see {@link WriteBuffer#reservationFor})
 * and gives back the difference once it is in its batch, so the budget bounds the heap of records
 * not yet in a batch as well as the memory of the batches.
 *
 * <p>When its table turns out to be dropped, the writer stops as if closed, with a
 * {@link TableNotExistException}, and fails every record it holds. When a partition turns out to be
 * dropped, the records held for it fail with a {@link PartitionNotExistException}, and the writer goes
 * on; a later record for that partition finds it again (or creates it, or fails alone).
 */
public final class TableWriter implements RecordWriter {

    private static final Logger log = LoggerFactory.getLogger(TableWriter.class);

    /**
     * How long producers must take no record for the writer to count them as paused: short against a
     * round trip, long against the gap between the records of a producer that has more at hand. Also how
     * long after a chore was left for a busy producer the intake is looked at.
     */
    static final long QUIET_MICROS = 100;
    /** How often, at most, a look for a pause comes back while a producer hands over records at hand. */
    static final long BUSY_LOOK_MICROS = 1_000;

    private final TableInfo table;
    private final WriterOptions options;
    private final WriteBuffer buffer;
    private final BatchFormat format;
    /**
     * Work that other threads leave for the intake: settlements from the sending executor and lingers
     * that ran out on a timer (bounded by the batches closed and open). The intake's holder does it before
     * letting go, and a producer before each record, so that such work never takes the intake from a
     * producer that is filling batches on its own thread: the thread that took it would go on to run the
     * producer's later records, handed over one by one through the intake's queue.
     */
    private final Queue<Runnable> chores = Queues.<Runnable>unboundedMultiproducer().get();
    /**
     * Runs the filling of batches: open batches, partitions, bucket choice. A thread that did chores on it
     * hands back the records producers handed over meanwhile, rather than fill their batches itself (see
     * {@link SerialExecutor}).
     */
    private final SerialExecutor intake = new SerialExecutor(() -> !chores.isEmpty(), this::doChores,
            () -> this.producersEmitting.get() > 0);
    /** Runs the sender, the leader cache and the flush bookkeeping. */
    private final SerialExecutor serial = new SerialExecutor();
    private final LeaderCache leaders;
    private final Sender sender;
    private final FlushTracker flushes = new FlushTracker();
    private final BatchFiller batches;
    /** The partitions of the records of a partitioned table; null for a table that is not partitioned. */
    private final PartitionRouting partitionRouting;
    private final Runnable onClosed;
    private final WriterTelemetry telemetry;
    private final StopSignal stopped = new StopSignal();
    /**
     * Set on the intake when closing (or the table's drop) has closed the open batches for the last
     * time: a record whose offer raced with the stop and reaches the intake after that fails instead of
     * opening a batch that nothing would send.
     */
    private boolean intakeClosed;
    /**
     * Records that reached the intake after the writer stopped (their offers raced with the stop), and
     * their count when the closing last flushed: the closing flushes again while they differ. OfferOutcome only.
     */
    private long takenAfterStop;
    private long takenAfterStopAtClosingFlush;
    /** Completes (or fails like the final flush) once the writer is closed. */
    private final SingleRun closing = new SingleRun();
    /** Records taken by the intake so far; read by other threads to tell a busy producer. */
    private final AtomicLong takenRecords = new AtomicLong();
    /** {@link #takenRecords} when the last chore was left; a guess, so races only cost a look. */
    private volatile long takenAtLastChore;
    /** Whether a look at chores left for a busy producer is scheduled. */
    private final AtomicBoolean choreLookScheduled = new AtomicBoolean();
    /** Whether a look for paused producers is scheduled, for batches that leave once they pause. */
    private final AtomicBoolean quietLookScheduled = new AtomicBoolean();
    /** Producers inside their upstream's request, handing over records: busy even between two records. */
    private final AtomicInteger producersEmitting = new AtomicInteger();
    private final Scheduler timers;

    /**
     * Creates the engine.
     *
     * @param table the table written to
     * @param options the writer settings
     * @param buffer the client's write buffer
     * @param format how records become batches of the table's kind
     * @param buckets how rows are spread over buckets
     * @param partitionOf the partition name of a row, or null for a non-partitioned table
     * @param partitions finds (and creates) partitions, or null for a non-partitioned table
     * @param metadata bucket leaders and servers
     * @param rpc how batches are sent
     * @param newWriterId asks the cluster for a writer id
     * @param allocator where encoded batches go
     * @param retry decides whether a failed batch goes again
     * @param telemetry where the writer records its batches and observes its writes
     * @param onClosed runs once the writer is closed and its memory released
     */
    public TableWriter(TableInfo table, WriterOptions options, WriteBuffer buffer, BatchFormat format,
            BucketChooser buckets, Function<Row, String> partitionOf, PartitionResolver partitions,
            MetadataManager metadata, WriteRpc rpc, Supplier<Mono<Long>> newWriterId,
            ByteBufAllocator allocator, Retry retry, WriterTelemetry telemetry, Runnable onClosed) {
        this.table = table;
        this.telemetry = telemetry;
        this.options = options;
        this.buffer = buffer;
        this.format = format;
        this.onClosed = onClosed;
        this.leaders = new LeaderCache(metadata, table.tablePath(), serial, this::wakeSender, new Drops());
        this.timers = Schedulers.parallel();
        this.sender = new Sender(options, retry, serial, timers, leaders, rpc, newWriterId, buffer,
                "Writer of " + table.tablePath(), this::batchSettled, telemetry);
        this.batches = new BatchFiller(table, options, buffer, format, buckets, this::leaveChore, serial, sender, timers,
                Schedulers.parallel(), allocator, this::reject, this::lookForQuiet);
        this.partitionRouting = partitionOf == null ? null : new PartitionRouting(partitionOf, partitions, this::leaveChore,
                serial, batches, leaders, flushes, buffer, this::reject, this::wakeSender);
    }

    @Override
    public <T> OfferOutcome offer(WriteRecord<T> record, ResultListener<T> listener) {
        if (stopped.isStopped()) {
            return OfferOutcome.STOPPED;
        }
        PreparedRecord prepared;
        try {
            prepared = format.prepare(record);
        } catch (RuntimeException invalid) {
            reject(record, listener, invalid, 0);
            return OfferOutcome.TAKEN;
        }
        RecordTooLargeException tooLarge = tooLarge(prepared);
        if (tooLarge != null) {
            reject(record, listener, tooLarge, 0);
            return OfferOutcome.TAKEN;
        }
        return reserveAndTake(record, prepared, listener);
    }

    /** Why a record can never be sent, naming the limit it exceeds; null when it can. */
    private RecordTooLargeException tooLarge(PreparedRecord prepared) {
        if (prepared.sizeInBytes() > options.maxRequestSizeBytes()) {
            return new RecordTooLargeException("A row of " + prepared.sizeInBytes() + " bytes encoded is larger than "
                    + "the largest request a writer sends, WriterOptions.maxRequestSizeBytes ("
                    + options.maxRequestSizeBytes() + ")");
        }
        if (prepared.reservedBytes() > buffer.capacity()) {
            return new RecordTooLargeException("A row of " + prepared.sizeInBytes() + " bytes encoded takes "
                    + prepared.reservedBytes() + " bytes of the write buffer until it is sent, more than the whole buffer, "
                    + "FlussClientOptions.writeBufferBytes (" + buffer.capacity() + ")");
        }
        return null;
    }

    @Override
    public <T> OfferOutcome offerAgain(WriteRecord<T> record, OfferOutcome refusal, ResultListener<T> listener) {
        PreparedRecord prepared = refusal.prepared();
        if (prepared == null || stopped.isStopped()) {
            return offer(record, listener);
        }
        return reserveAndTake(record, prepared, listener);
    }

    private <T> OfferOutcome reserveAndTake(WriteRecord<T> record, PreparedRecord prepared, ResultListener<T> listener) {
        long size = prepared.reservedBytes();
        if (!buffer.tryReserve(size)) {
            return OfferOutcome.noSpace(prepared);
        }
        if (intake.tryEnter()) {
            // The intake is idle (the usual case for a single producer): fill the batch on this thread.
            try {
                take(record, prepared, listener);
            } finally {
                intake.exit();
            }
        } else {
            intake.execute(() -> take(record, prepared, listener));
        }
        return OfferOutcome.TAKEN;
    }

    @Override
    public WriterTelemetry telemetry() {
        return telemetry;
    }

    @Override
    public RuntimeException whyStopped() {
        return stopped.why();
    }

    @Override
    public Disposable whenStopped(Runnable listener) {
        return stopped.whenStopped(listener);
    }

    @Override
    public void producerEmitting() {
        producersEmitting.incrementAndGet();
    }

    @Override
    public void producerDone() {
        producersEmitting.decrementAndGet();
        // Records this producer handed over while another thread did chores may have been handed back.
        intake.takeBackIfHandedBack();
    }

    @Override
    public WriteBuffer buffer() {
        return buffer;
    }

    @Override
    public long averageRecordSize() {
        return batches.averageRecordSize();
    }

    /** On the intake: a record whose write-buffer bytes are reserved goes to its batch (or partition). */
    private <T> void take(WriteRecord<T> record, PreparedRecord prepared, ResultListener<T> listener) {
        if (intakeClosed) {
            reject(record, listener, whyStopped(), prepared.reservedBytes());
            return;
        }
        if (stopped.isStopped()) {
            takenAfterStop++;
        }
        // Chores first, so that the record sees whether its bucket has anything in flight.
        doChores();
        takenRecords.lazySet(takenRecords.get() + 1);
        if (partitionRouting == null) {
            batches.append(-1, null, leaders.locations(-1), record, prepared, listener);
        } else {
            partitionRouting.take(record, prepared, listener);
        }
    }

    /**
     * Fails a record that did not reach a batch. Called on either executor: the flush bookkeeping
     * moves to the sending one, after anything the calling executor handed it before.
     */
    private <T> void reject(WriteRecord<T> record, ResultListener<T> listener, Throwable error, long size) {
        buffer.release(size);
        serial.execute(() -> {
            flushes.rejected(1, error);
            listener.onResult(new WriteResult<>(record.correlation(), -1, null, -1, error));
        });
    }

    /**
     * On the sending executor: a batch was settled. Flushes waiting for it are told, and its bucket's
     * next batch may leave now that the bucket may have nothing in flight.
     */
    private void batchSettled(WriteBatch batch, Throwable error) {
        flushes.settled(batch, error);
        PhysicalBucket bucket = batch.bucket();
        boolean stored = error == null;
        leaveChore(() -> batches.batchSettled(bucket, stored));
    }

    /**
     * From any thread: leaves work for the intake. Done at once on this thread if nobody filled batches
     * since the last chore was left and the intake is free; otherwise a busy producer does it before its
     * next record, and a look shortly after covers a producer that went quiet.
     */
    private void leaveChore(Runnable chore) {
        chores.offer(chore);
        if (choreLookScheduled.get()) {
            // A producer was busy a moment ago: the look that is coming sees to it.
            return;
        }
        long taken = takenRecords.get();
        if (taken == takenAtLastChore) {
            intake.doIdleWorkIfFree();
        } else {
            takenAtLastChore = taken;
            lookAtChoresShortly();
        }
    }

    private void lookAtChoresShortly() {
        if (!choreLookScheduled.compareAndSet(false, true)) {
            return;
        }
        long takenAtLook = takenRecords.get();
        timers.schedule(() -> {
            long taken = takenRecords.get();
            if (taken != takenAtLook && !chores.isEmpty()) {
                // Still busy: its next record does the chores. Look again in case that was its last.
                choreLookScheduled.set(false);
                lookAtChoresShortly();
                return;
            }
            // Quiet since the look was set: the next chore may take a free intake at once.
            takenAtLastChore = taken;
            choreLookScheduled.set(false);
            intake.doIdleWorkIfFree();
        }, QUIET_MICROS, TimeUnit.MICROSECONDS);
    }

    /**
     * Batches wait for the producers to pause: looks a moment later whether they took a record meanwhile,
     * and if not, the batches leave (on the intake); if so, looks again.
     */
    private void lookForQuiet() {
        lookForQuiet(QUIET_MICROS);
    }

    private void lookForQuiet(long afterMicros) {
        if (!quietLookScheduled.compareAndSet(false, true)) {
            return;
        }
        long takenAtLook = takenRecords.get();
        timers.schedule(() -> {
            quietLookScheduled.set(false);
            if (producersEmitting.get() > 0) {
                // A producer is handing over records it has at hand: look again, less often the longer
                // that lasts, so that it is not interrupted by a timer every few microseconds.
                lookForQuiet(Math.min(2 * afterMicros, BUSY_LOOK_MICROS));
                return;
            }
            if (takenRecords.get() != takenAtLook) {
                // Records came one by one meanwhile: the next gap between them may be the pause.
                lookForQuiet(QUIET_MICROS);
                return;
            }
            chores.offer(batches::producersQuiet);
            takenAtLastChore = takenAtLook;
            intake.doIdleWorkIfFree();
        }, afterMicros, TimeUnit.MICROSECONDS);
    }

    /** On the intake: the work other threads left for it. */
    private void doChores() {
        Runnable chore;
        while ((chore = chores.poll()) != null) {
            chore.run();
        }
    }

    private void wakeSender() {
        serial.execute(sender::sendReady);
    }

    @Override
    public void streamEnded() {
        if (options.lingerOnlyWhenBusy()) {
            // An open batch waits only for its bucket's answer, which sends it: closing it now would only
            // split what concurrent streams put together.
            return;
        }
        intake.execute(() -> batches.closeAll(key -> true));
    }

    @Override
    public Mono<Void> flush() {
        return flush(false);
    }

    /**
     * Sends everything taken and completes when it is settled.
     *
     * @param closing whether this is a flush of the closing (see {@link #closingFlush})
     */
    private Mono<Void> flush(boolean closing) {
        // Batches close on the intake, which hands them to the sender before the flush starts there.
        return Mono.create(sink -> intake.execute(() -> {
            if (closing) {
                takenAfterStopAtClosingFlush = takenAfterStop;
            }
            batches.closeAll(key -> true);
            List<String> waitingPartitions = partitionRouting == null ? List.of() : partitionRouting.awaitForFlush();
            serial.execute(() -> flushes.start(sink, sender.unsettledBatches(), waitingPartitions));
        }));
    }

    @Override
    public Mono<Void> close() {
        // Closing runs to its end whether or not anyone still waits for it: a caller that gives up
        // waiting must not leave batches behind that nothing drives any more, holding their buffers and
        // write-buffer reservations for good.
        return closing.run(() -> {
            stopped.stop(() -> new WriterClosedException("The writer of " + table.tablePath() + " is closed"));
            return closingFlush(null).onErrorResume(failure -> releaseMemory().then(Mono.error(failure)))
                    .then(releaseMemory());
        });
    }

    /**
     * Sends what was taken and waits for it; again while records whose offers raced with the stop reached
     * the intake after the previous round (there are at most as many as producers offering at that moment),
     * so that they are written rather than failed; then the intake takes nothing more.
     *
     * @param firstFailure what an earlier round failed with, or null
     * @return completes, or fails like the first round that failed
     */
    private Mono<Void> closingFlush(Throwable firstFailure) {
        return flush(true).materialize().flatMap(outcome -> {
            Throwable failure = firstFailure != null ? firstFailure : outcome.getThrowable();
            return Mono.<Boolean>create(sink -> intake.execute(() -> {
                        boolean late = takenAfterStop != takenAfterStopAtClosingFlush;
                        intakeClosed = !late;
                        sink.success(late);
                    }))
                    .flatMap(late -> late ? closingFlush(failure)
                            : failure == null ? Mono.<Void>empty() : Mono.<Void>error(failure));
        });
    }

    /** Completes once the writer's memory is released, so whoever waits for the close may close what it came from. */
    private Mono<Void> releaseMemory() {
        return Mono.create(sink -> serial.execute(() -> {
            sender.stopTicking();
            onClosed.run();
            sink.success();
        }));
    }

    /**
     * Completes once the writer is closed, whoever closed it, without starting the closing.
     *
     * @return completes (or fails like the final flush) when closing is done
     */
    public Mono<Void> whenClosed() {
        return closing.whenDone();
    }

    /** What the writer does when its table or a partition turns out to be dropped; runs on the sending executor. */
    private final class Drops implements LeaderCache.DropListener {

        @Override
        public void tableDropped(TableNotExistException why) {
            log.warn("The writer of {} takes no more records and fails those it holds: {}", table.tablePath(),
                    why.getMessage());
            // A new exception for each write stream it ends, so that none of them adds to another's.
            stopped.stop(() -> new TableNotExistException("The writer of " + table.tablePath() + " stopped: its table was "
                    + "dropped", why));
            sender.tableDropped(why);
            intake.execute(() -> {
                intakeClosed = true;
                batches.closeAll(key -> true);
                if (partitionRouting != null) {
                    partitionRouting.failWaiting(why);
                }
            });
        }

        @Override
        public void partitionDropped(long partitionId, String partitionName, PartitionNotExistException why) {
            log.warn("The writer of {} fails the records it holds for partition '{}': {}", table.tablePath(),
                    partitionName, why.getMessage());
            sender.partitionDropped(partitionId, why);
            intake.execute(() -> {
                partitionRouting.forget(partitionName, partitionId);
                // The sender fails these batches as they arrive.
                batches.partitionDropped(partitionId);
            });
        }
    }
}
