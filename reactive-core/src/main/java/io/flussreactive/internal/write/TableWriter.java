package io.flussreactive.internal.write;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.error.PartitionNotExistException;
import io.flussreactive.error.RecordTooLargeException;
import io.flussreactive.error.TableNotExistException;
import io.flussreactive.internal.meta.LeaderCache;
import io.flussreactive.internal.meta.MetadataManager;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.meta.TableLocations;
import io.flussreactive.internal.util.RunsOnce;
import io.flussreactive.internal.util.SerialExecutor;
import io.flussreactive.row.Row;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import io.flussreactive.write.WriterClosedException;
import io.flussreactive.write.WriterOptions;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The engine of a writer: takes records for one table, spreads them over buckets (and partitions),
 * fills one batch per bucket in the table's {@link BatchFormat}, and hands full or lingering batches to
 * the {@link Sender}. Append writers (log tables) and upsert writers (primary-key tables) differ only
 * in their format and request.
 *
 * <p>Threads: {@link #offer} runs on the caller's thread: it checks and measures the record and
 * reserves write-buffer bytes. Filling batches runs on one {@link SerialExecutor}, the intake, which a
 * producer finds idle nearly always and so fills its batches on its own thread; sending, answers,
 * leaders and flush bookkeeping run on another, so that the network side never holds up a producer
 * (whose records would then queue as objects). Batches are encoded (Arrow, compression) on
 * {@link Schedulers#parallel()}, so producers keep filling batches while earlier ones compress.
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

    private final TableInfo table;
    private final WriterOptions options;
    private final WriteBuffer buffer;
    private final BatchFormat format;
    private final BucketChooser buckets;
    private final Function<Row, String> partitionOf;
    private final PartitionResolver partitions;
    /** Runs the filling of batches: open batches, partitions, bucket choice. */
    private final SerialExecutor intake = new SerialExecutor();
    /** Runs the sender, the leader cache and the flush bookkeeping. */
    private final SerialExecutor serial = new SerialExecutor();
    private final Scheduler timers = Schedulers.parallel();
    private final Scheduler encoders = Schedulers.parallel();
    private final ByteBufAllocator allocator;
    private final LeaderCache leaders;
    private final Sender sender;
    private final FlushTracker flushes = new FlushTracker();
    private final Runnable onClosed;

    private final Map<PhysicalBucket, OpenBatch> open = new HashMap<>();
    /** The batches of {@link #open} of an unpartitioned table, by bucket id. */
    private final OpenBatch[] openUnpartitioned;
    private final Map<String, PartitionState> partitionStates = new HashMap<>();
    /** Partitions still being resolved that some flush waits for (the flush tracker has the details). */
    private final Set<String> partitionsAwaitedByFlush = new HashSet<>();
    /**
     * Write-buffer bytes that records taken into batches no longer need (their rows are gone), given
     * back in amounts of at least {@link #shrinkReleaseBytes} or when a batch closes.
     */
    private long unreleasedShrink;
    /** 32 KiB, or a sixteenth of a smaller buffer, so that a producer waiting for space gets it soon. */
    private final long shrinkReleaseBytes;

    /** What the records taken so far reserved when offered, on average (a guess before the first). */
    private volatile long averageRecordSize = 64;
    private long takenRecords;
    private long takenBytes;
    /** Why the writer takes no more records (closed, or its table gone), or null while it takes them. */
    private final AtomicReference<Supplier<RuntimeException>> stopReason = new AtomicReference<>();
    /** Who waits to hear that the writer stopped: the write streams feeding it. */
    private final Set<Runnable> stopListeners = ConcurrentHashMap.newKeySet();
    /**
     * Set on the intake when closing (or the table's drop) has closed the open batches for the last
     * time: a record whose offer raced with the stop and reaches the intake after that fails instead of
     * opening a batch that nothing would send.
     */
    private boolean intakeClosed;
    /**
     * Records that reached the intake after the writer stopped (their offers raced with the stop), and
     * their count when the closing last flushed: the closing flushes again while they differ. Intake only.
     */
    private long takenAfterStop;
    private long takenAfterStopAtClosingFlush;
    /** Completes (or fails like the final flush) once the writer is closed. */
    private final RunsOnce closing = new RunsOnce();

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
     * @param onClosed runs once the writer is closed and its memory released
     */
    public TableWriter(TableInfo table, WriterOptions options, WriteBuffer buffer, BatchFormat format,
            BucketChooser buckets, Function<Row, String> partitionOf, PartitionResolver partitions,
            MetadataManager metadata, WriteRpc rpc, java.util.function.Supplier<Mono<Long>> newWriterId,
            ByteBufAllocator allocator, Runnable onClosed) {
        this.table = table;
        this.options = options;
        this.buffer = buffer;
        this.format = format;
        this.buckets = buckets;
        this.openUnpartitioned = new OpenBatch[table.isPartitioned() ? 0 : table.numBuckets()];
        this.shrinkReleaseBytes = Math.min(32 * 1024, Math.max(1, buffer.capacity() / 16));
        this.partitionOf = partitionOf;
        this.partitions = partitions;
        this.allocator = allocator;
        this.onClosed = onClosed;
        this.leaders = new LeaderCache(metadata, table.tablePath(), serial, this::wakeSender, new Drops());
        this.sender = new Sender(options, serial, timers, leaders, rpc, newWriterId, buffer,
                "Writer of " + table.tablePath(), flushes::settled);
    }

    @Override
    public <T> Intake offer(WriteRecord<T> record, ResultListener<T> listener) {
        if (stopReason.get() != null) {
            return Intake.STOPPED;
        }
        PreparedRecord prepared;
        try {
            prepared = format.prepare(record);
        } catch (RuntimeException invalid) {
            reject(record, listener, invalid, 0);
            return Intake.TAKEN;
        }
        long size = prepared.reservedBytes();
        if (size > buffer.capacity() || prepared.sizeInBytes() > options.maxRequestSizeBytes()) {
            RecordTooLargeException tooLarge = new RecordTooLargeException("A row of about " + size
                    + " bytes does not fit the write buffer (" + buffer.capacity() + " bytes) or the request size limit ("
                    + options.maxRequestSizeBytes() + " bytes)");
            reject(record, listener, tooLarge, 0);
            return Intake.TAKEN;
        }
        return reserveAndTake(record, prepared, listener);
    }

    @Override
    public <T> Intake offerAgain(WriteRecord<T> record, Intake refusal, ResultListener<T> listener) {
        PreparedRecord prepared = refusal.prepared();
        if (prepared == null || stopReason.get() != null) {
            return offer(record, listener);
        }
        return reserveAndTake(record, prepared, listener);
    }

    private <T> Intake reserveAndTake(WriteRecord<T> record, PreparedRecord prepared, ResultListener<T> listener) {
        long size = prepared.reservedBytes();
        if (!buffer.tryReserve(size)) {
            return Intake.noSpace(prepared);
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
        return Intake.TAKEN;
    }

    @Override
    public RuntimeException whyStopped() {
        Supplier<RuntimeException> reason = stopReason.get();
        return reason == null ? null : reason.get();
    }

    @Override
    public Disposable whenStopped(Runnable listener) {
        stopListeners.add(listener);
        // Removing it first makes sure that it runs once, here or in stop(), whichever removes it.
        if (stopReason.get() != null && stopListeners.remove(listener)) {
            listener.run();
        }
        return () -> stopListeners.remove(listener);
    }

    /** Takes no more records from now on, for this reason, and tells the write streams feeding the writer. */
    private void stop(Supplier<RuntimeException> reason) {
        if (!stopReason.compareAndSet(null, reason)) {
            return;
        }
        for (Runnable listener : List.copyOf(stopListeners)) {
            if (stopListeners.remove(listener)) {
                listener.run();
            }
        }
    }

    @Override
    public WriteBuffer buffer() {
        return buffer;
    }

    @Override
    public long averageRecordSize() {
        return averageRecordSize;
    }

    // ---- on the intake executor ----

    private <T> void take(WriteRecord<T> record, PreparedRecord prepared, ResultListener<T> listener) {
        long size = prepared.reservedBytes();
        if (intakeClosed) {
            reject(record, listener, whyStopped(), size);
            return;
        }
        if (stopReason.get() != null) {
            takenAfterStop++;
        }
        if (partitionOf == null) {
            append(-1, null, leaders.locations(-1), record, prepared, listener);
            return;
        }
        String partitionName;
        try {
            partitionName = partitionOf.apply(record.row());
        } catch (RuntimeException invalid) {
            reject(record, listener, invalid, size);
            return;
        }
        PartitionState state = partitionStates.computeIfAbsent(partitionName, PartitionState::new);
        if (state.locations != null) {
            append(state.locations.partitionId(), partitionName, state.locations, record, prepared, listener);
            return;
        }
        state.waiting.add(new Waiting<>(record, prepared, listener));
        if (!state.resolving) {
            state.resolving = true;
            partitions.resolve(partitionName).subscribe(
                    found -> intake.execute(() -> partitionResolved(state, found)),
                    error -> intake.execute(() -> partitionFailed(state, error)));
        }
    }

    /** Appends a record to its bucket's batch; returns null, or why the record was rejected instead. */
    private <T> Throwable append(long partitionId, String partitionName, TableLocations where, WriteRecord<T> record,
            PreparedRecord prepared, ResultListener<T> listener) {
        long size = prepared.reservedBytes();
        int bucket = buckets.bucketFor(prepared.bucketKey(), where);
        OpenBatch batch = openBatchOf(partitionId, partitionName, bucket);
        if (batch.rows.rowCount() > 0 && batch.encodedBytes + prepared.sizeInBytes() > options.batchSizeBytes()) {
            // The record would take the batch past its size: the batch leaves without it, so that a
            // full batch fits the buffer it was given instead of growing into one twice as large.
            close(batch);
            bucket = buckets.bucketFor(prepared.bucketKey(), where);
            batch = openBatchOf(partitionId, partitionName, bucket);
        }
        try {
            batch.rows.append(prepared);
        } catch (RuntimeException invalid) {
            reject(record, listener, invalid, size);
            return invalid;
        }
        batch.records.add(listener, record.correlation());
        takenRecords++;
        takenBytes += size;
        long average = takenBytes / takenRecords;
        if (average != averageRecordSize) {
            averageRecordSize = average;
        }
        long keptBytes = prepared.batchedBytes();
        batch.reservedBytes += keptBytes;
        batch.encodedBytes += prepared.sizeInBytes();
        unreleasedShrink += size - keptBytes;
        if (unreleasedShrink >= shrinkReleaseBytes) {
            releaseShrink();
        }
        if (batch.encodedBytes >= options.batchSizeBytes() || batch.reservedBytes >= maxReservationOfABatch()) {
            close(batch);
        }
        return null;
    }

    /**
     * The write-buffer bytes at which a batch leaves even though its encoded rows are fewer than the batch
     * size: half the buffer's share of each open batch, and at least the batch size. Open batches hold
     * twice their encoded size of the buffer and more, so when many buckets fill at once (rows spread by a
     * hashed key) or the buffer is small, they could fill the buffer without any reaching the batch size,
     * and would then wait for their linger while producers are held back.
     */
    private long maxReservationOfABatch() {
        return Math.max(options.batchSizeBytes(), buffer.capacity() / (2L * open.size()));
    }

    /** The batch being filled for a bucket, opened if there is none. */
    private OpenBatch openBatchOf(long partitionId, String partitionName, int bucket) {
        // Unpartitioned tables (the common case) find their batch by bucket id, without a key object per record.
        if (partitionId < 0 && bucket < openUnpartitioned.length) {
            OpenBatch batch = openUnpartitioned[bucket];
            return batch != null ? batch : openBatch(new PhysicalBucket(table.tableId(), partitionId, null, bucket));
        }
        PhysicalBucket key = new PhysicalBucket(table.tableId(), partitionId, partitionName, bucket);
        OpenBatch batch = open.get(key);
        return batch != null ? batch : openBatch(key);
    }

    private OpenBatch openBatch(PhysicalBucket key) {
        OpenBatch batch = new OpenBatch(key, format.open(), System.nanoTime());
        batch.encodedBytes = format.headerBytes();
        open.put(key, batch);
        if (key.partitionId() < 0 && key.bucket() < openUnpartitioned.length) {
            openUnpartitioned[key.bucket()] = batch;
        }
        if (!options.batchLinger().isZero()) {
            batch.linger = timers.schedule(() -> intake.execute(() -> {
                if (open.get(key) == batch) {
                    close(batch);
                }
            }), options.batchLinger().toNanos(), TimeUnit.NANOSECONDS);
        }
        return batch;
    }

    /** Closes a batch being filled and hands it to the sender; it is encoded off this thread. */
    private List<WriteBatch> closeAll(java.util.function.Predicate<PhysicalBucket> which) {
        List<WriteBatch> closedBatches = new ArrayList<>();
        for (OpenBatch batch : new ArrayList<>(open.values())) {
            if (which.test(batch.key)) {
                WriteBatch closedBatch = close(batch);
                if (closedBatch != null) {
                    closedBatches.add(closedBatch);
                }
            }
        }
        return closedBatches;
    }

    private WriteBatch close(OpenBatch batch) {
        releaseShrink();
        open.remove(batch.key);
        if (batch.key.partitionId() < 0 && batch.key.bucket() < openUnpartitioned.length
                && openUnpartitioned[batch.key.bucket()] == batch) {
            openUnpartitioned[batch.key.bucket()] = null;
        }
        if (batch.linger != null) {
            batch.linger.dispose();
        }
        buckets.batchClosed(batch.key.partitionId(), batch.key.bucket());
        if (batch.rows.rowCount() == 0) {
            batch.rows.close();
            return null;
        }
        long deadline = batch.openedNanos + options.deliveryTimeout().toNanos();
        WriteBatch closedBatch = new WriteBatch(batch.key, batch.records, batch.reservedBytes, deadline, format::stamp);
        serial.execute(() -> sender.add(closedBatch));
        Mono.fromCallable(() -> {
                    try {
                        return batch.rows.encode(allocator);
                    } finally {
                        batch.rows.close();
                    }
                })
                .subscribeOn(encoders)
                .subscribe(
                        bytes -> serial.execute(() -> sender.encoded(closedBatch, bytes)),
                        error -> serial.execute(() -> sender.encodingFailed(closedBatch, error)));
        return closedBatch;
    }

    /** Gives back what records in batches no longer need of their reservations. */
    private void releaseShrink() {
        if (unreleasedShrink > 0) {
            buffer.release(unreleasedShrink);
            unreleasedShrink = 0;
        }
    }

    private void partitionResolved(PartitionState state, TableLocations found) {
        state.resolving = false;
        state.locations = found;
        leaders.put(found);
        List<Waiting<?>> waiting = new ArrayList<>(state.waiting);
        state.waiting.clear();
        long rejected = 0;
        Throwable firstRejection = null;
        for (Waiting<?> w : waiting) {
            Throwable rejection = appendWaiting(found, state, w);
            if (rejection != null) {
                rejected++;
                firstRejection = firstRejection == null ? rejection : firstRejection;
            }
        }
        if (partitionsAwaitedByFlush.remove(state.name)) {
            long partitionId = found.partitionId();
            List<WriteBatch> closedBatches = closeAll(key -> key.partitionId() == partitionId);
            long rejectedRecords = rejected;
            Throwable rejection = firstRejection;
            serial.execute(() -> flushes.partitionSettled(state.name, closedBatches, rejectedRecords, rejection));
        }
        wakeSender();
    }

    private <T> Throwable appendWaiting(TableLocations found, PartitionState state, Waiting<T> w) {
        return append(found.partitionId(), state.name, found, w.record, w.prepared, w.listener);
    }

    private void partitionFailed(PartitionState state, Throwable error) {
        state.resolving = false;
        List<Waiting<?>> waiting = new ArrayList<>(state.waiting);
        state.waiting.clear();
        partitionStates.remove(state.name);
        partitionsAwaitedByFlush.remove(state.name);
        for (Waiting<?> w : waiting) {
            rejectWaiting(w, error);
        }
        serial.execute(() -> flushes.partitionSettled(state.name, List.of(), waiting.size(), error));
    }

    private <T> void rejectWaiting(Waiting<T> w, Throwable error) {
        buffer.release(w.prepared.reservedBytes());
        w.listener.onResult(new WriteResult<>(w.record.correlation(), -1, null, -1, error));
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

    private void wakeSender() {
        serial.execute(sender::sendReady);
    }

    @Override
    public void sendOpenBatches() {
        intake.execute(() -> closeAll(key -> true));
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
            closeAll(key -> true);
            List<String> waitingPartitions = new ArrayList<>();
            for (PartitionState state : partitionStates.values()) {
                if (!state.waiting.isEmpty()) {
                    waitingPartitions.add(state.name);
                }
            }
            partitionsAwaitedByFlush.addAll(waitingPartitions);
            serial.execute(() -> flushes.start(sink, sender.unsettledBatches(), waitingPartitions));
        }));
    }

    @Override
    public Mono<Void> close() {
        // Closing runs to its end whether or not anyone still waits for it: a caller that gives up
        // waiting must not leave batches behind that nothing drives any more, holding their buffers and
        // write-buffer reservations for good.
        return closing.run(() -> {
            stop(() -> new WriterClosedException("The writer of " + table.tablePath() + " is closed"));
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
            stop(() -> new TableNotExistException("The writer of " + table.tablePath() + " stopped: its table was "
                    + "dropped", why));
            sender.tableDropped(why);
            intake.execute(() -> {
                intakeClosed = true;
                closeAll(key -> true);
                for (PartitionState state : new ArrayList<>(partitionStates.values())) {
                    if (!state.waiting.isEmpty()) {
                        partitionFailed(state, why);
                    }
                }
            });
        }

        @Override
        public void partitionDropped(long partitionId, String partitionName, PartitionNotExistException why) {
            log.warn("The writer of {} fails the records it holds for partition '{}': {}", table.tablePath(),
                    partitionName, why.getMessage());
            sender.partitionDropped(partitionId, why);
            intake.execute(() -> {
                PartitionState state = partitionStates.get(partitionName);
                if (state != null && state.locations != null && state.locations.partitionId() == partitionId) {
                    // Forgotten, so that a later record for the partition looks for it again.
                    partitionStates.remove(partitionName);
                }
                // The sender fails these batches as they arrive.
                closeAll(key -> key.partitionId() == partitionId);
            });
        }
    }

    /** A batch being filled for one bucket. */
    private static final class OpenBatch {
        final PhysicalBucket key;
        final BatchFormat.OpenBatch rows;
        final PendingRecords records = new PendingRecords();
        final long openedNanos;
        /** What the batch's records reserved in the write buffer. */
        long reservedBytes;
        /** About what the batch's records take encoded: the batch is closed when it reaches the batch size. */
        long encodedBytes;
        Disposable linger;

        OpenBatch(PhysicalBucket key, BatchFormat.OpenBatch rows, long openedNanos) {
            this.key = key;
            this.rows = rows;
            this.openedNanos = openedNanos;
        }
    }

    /** What the writer knows of one partition, and the records waiting for it. */
    private static final class PartitionState {
        final String name;
        final List<Waiting<?>> waiting = new ArrayList<>();
        TableLocations locations;
        boolean resolving;

        PartitionState(String name) {
            this.name = name;
        }
    }

    /** A record waiting for its partition to be found or created. */
    private record Waiting<T>(WriteRecord<T> record, PreparedRecord prepared, ResultListener<T> listener) {
    }
}
