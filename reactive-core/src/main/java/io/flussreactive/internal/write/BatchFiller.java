package io.flussreactive.internal.write;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.meta.TableLocations;
import io.flussreactive.internal.util.SerialExecutor;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriterOptions;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The batches a writer is filling, one per bucket: a record goes into its bucket's batch, and a batch
 * leaves for the {@link Sender} when its rows reach the batch size, when it holds its share of the write
 * buffer, as soon as the producers pause while its bucket has no batch unsettled (nothing in flight:
 * there is no answer worth waiting for), or after the linger as a last resort. So a lone record costs one
 * round trip and a moment, rows that arrive while a batch of their bucket is in flight leave together once
 * it is answered, and a producer with records at hand fills batches instead of sending each record as it
 * comes: batches grow with the load instead of with a delay. Whether the producers paused is the writer's
 * to tell ({@link #producersQuiet()}). Closed batches are encoded
 * (Arrow, compression) on the encoding scheduler, so producers keep filling batches while earlier ones
 * compress.
 *
 * <p>"Nothing in flight" is counted per bucket, not per server, because a bucket is what orders batches:
 * its sequences and its in-flight limit are the {@link Sender}'s per bucket, and the filler does not know
 * leaders. Batches of several buckets that are ready together still share a request per connection.
 * Without {@link WriterOptions#lingerOnlyWhenBusy()} a batch leaves only when full or after the linger.
 *
 * <p>Everything here runs on the writer's intake executor, except the counters read by
 * {@link #averageRecordSize()}.
 */
final class BatchFiller {

    /** Fails a record that did not reach a batch, giving back its write-buffer bytes. */
    interface Rejection {
        <T> void reject(WriteRecord<T> record, ResultListener<T> listener, Throwable error, long reservedBytes);
    }

    private final TableInfo table;
    private final WriterOptions options;
    private final WriteBuffer buffer;
    private final BatchFormat format;
    private final BucketChooser buckets;
    /** Runs work on the intake from other threads (a linger that ran out), without taking it from a producer. */
    private final Executor intake;
    private final SerialExecutor serial;
    private final Sender sender;
    private final Scheduler timers;
    private final Scheduler encoders;
    private final ByteBufAllocator allocator;
    private final Rejection rejection;

    /** The batches being filled, by partition and bucket. */
    private final PerBucket<OpenBatch> open;
    /** Batches that may leave before they are full, once the producers pause. */
    private final ArrayDeque<OpenBatch> leavingOnceQuiet = new ArrayDeque<>();
    /** The producers paused for buffer space: the next record taken or batch settled asks for another look. */
    private boolean lookForQuietAfterWaitForSpace;
    /** Asks the writer to call {@link #producersQuiet()} once the producers pause. */
    private final Runnable whenQuiet;
    /** The batches closed and not settled yet, per bucket: a bucket with none sends its next row at once. */
    private final UnsettledBatches unsettled;
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

    BatchFiller(TableInfo table, WriterOptions options, WriteBuffer buffer, BatchFormat format, BucketChooser buckets,
            Executor intake, SerialExecutor serial, Sender sender, Scheduler timers, Scheduler encoders,
            ByteBufAllocator allocator, Rejection rejection, Runnable whenQuiet) {
        this.table = table;
        this.options = options;
        this.buffer = buffer;
        this.format = format;
        this.buckets = buckets;
        this.intake = intake;
        this.serial = serial;
        this.sender = sender;
        this.timers = timers;
        this.encoders = encoders;
        this.allocator = allocator;
        this.rejection = rejection;
        this.whenQuiet = whenQuiet;
        this.open = new PerBucket<>(table.numBuckets());
        this.unsettled = new UnsettledBatches(table.isPartitioned() ? 0 : table.numBuckets());
        this.shrinkReleaseBytes = Math.min(32 * 1024, Math.max(1, buffer.capacity() / 16));
    }

    /** What the records taken so far reserved when offered, on average; read from any thread. */
    long averageRecordSize() {
        return averageRecordSize;
    }

    /**
     * Appends a record to its bucket's batch.
     *
     * @param partitionId the partition's id, or -1 for a table that is not partitioned
     * @param partitionName the partition's name, or null
     * @param where the buckets of the (physical) table
     * @return null, or why the record was rejected instead (its result is failed already)
     */
    <T> Throwable append(long partitionId, String partitionName, TableLocations where, WriteRecord<T> record,
            PreparedRecord prepared, ResultListener<T> listener) {
        lookAgainAfterAPauseForSpace();
        long size = prepared.reservedBytes();
        int bucket = buckets.bucketFor(prepared.bucketKey(), where);
        OpenBatch batch = openBatchOf(partitionId, partitionName, bucket);
        if (batch.rows.rowCount() > 0 && batch.encodedBytes + prepared.sizeInBytes() > options.batchSizeBytes()) {
            // The record would take the batch past its size: the batch leaves without it, so that a
            // full batch fits the buffer it was given instead of growing into one twice as large.
            close(batch, true);
            bucket = buckets.bucketFor(prepared.bucketKey(), where);
            batch = openBatchOf(partitionId, partitionName, bucket);
        }
        try {
            batch.rows.append(prepared);
        } catch (RuntimeException invalid) {
            rejection.reject(record, listener, invalid, size);
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
            close(batch, true);
            return null;
        }
        if (options.lingerOnlyWhenBusy() && batch.bucketIdle) {
            leaveOnceQuiet(batch);
        }
        if (batch.linger == null && !options.batchLinger().isZero()) {
            lingerThenClose(batch);
        }
        return null;
    }

    /**
     * The batch may leave before it is full: its bucket has nothing in flight. It leaves once the
     * producers pause, so that a producer with records at hand fills it first instead of sending them a
     * few at a time; a lone record leaves a moment after it came.
     */
    private void leaveOnceQuiet(OpenBatch batch) {
        if (!batch.leavesOnceQuiet) {
            batch.leavesOnceQuiet = true;
            leavingOnceQuiet.add(batch);
            whenQuiet.run();
        }
    }

    /**
     * The producers paused: the batches waiting for that leave, unless their buckets got something in
     * flight meanwhile (they then leave with its answer).
     */
    void producersQuiet() {
        if (buffer.hasSpaceWaiters() && unsettled.anyUnsettled()) {
            // They paused only for want of buffer space, which the batches on their way give back: the
            // rows taken then fill these batches further, instead of each leaving with a few rows.
            lookForQuietAfterWaitForSpace = true;
            return;
        }
        OpenBatch batch;
        while ((batch = leavingOnceQuiet.poll()) != null) {
            batch.leavesOnceQuiet = false;
            if (isOpen(batch) && batch.rows.rowCount() > 0 && unsettled.isIdle(batch.key)) {
                close(batch, false);
            }
        }
    }

    /**
     * After the producers paused for buffer space (see {@link #producersQuiet()}), the next row taken or
     * batch settled asks for another look: either may have ended that wait.
     */
    private void lookAgainAfterAPauseForSpace() {
        if (lookForQuietAfterWaitForSpace) {
            lookForQuietAfterWaitForSpace = false;
            whenQuiet.run();
        }
    }

    private boolean isOpen(OpenBatch batch) {
        return open.get(batch.key.partitionId(), batch.key.bucket()) == batch;
    }

    /**
     * A batch of this bucket was settled (acknowledged or failed for good): if it was the bucket's last
     * unsettled one and it was stored, the batch filled meanwhile leaves now, with every row that arrived
     * while the bucket waited for its answer. After a failure the batch waits for its linger instead.
     *
     * @param stored whether the settled batch was stored
     */
    void batchSettled(PhysicalBucket bucket, boolean stored) {
        boolean idle = unsettled.settled(bucket, stored);
        lookAgainAfterAPauseForSpace();
        OpenBatch batch = open.get(bucket.partitionId(), bucket.bucket());
        if (batch != null) {
            batch.bucketIdle = idle;
        }
        if (!idle || !options.lingerOnlyWhenBusy()) {
            return;
        }
        if (batch != null && batch.rows.rowCount() > 0) {
            leaveOnceQuiet(batch);
        }
    }

    /**
     * Closes the batches being filled for these buckets and hands them to the sender.
     *
     * @return the batches closed (empty ones are dropped, not handed over)
     */
    List<WriteBatch> closeAll(Predicate<PhysicalBucket> which) {
        List<WriteBatch> closedBatches = new ArrayList<>();
        for (OpenBatch batch : open.values()) {
            if (which.test(batch.key)) {
                WriteBatch closedBatch = close(batch, true);
                if (closedBatch != null) {
                    closedBatches.add(closedBatch);
                }
            }
        }
        return closedBatches;
    }

    /**
     * A partition was dropped: its batches being filled leave (the sender fails them), and what was kept
     * of its buckets is forgotten.
     */
    void partitionDropped(long partitionId) {
        closeAll(key -> key.partitionId() == partitionId);
        unsettled.forgetPartition(partitionId);
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
        OpenBatch batch = open.get(partitionId, bucket);
        return batch != null ? batch : openBatch(new PhysicalBucket(table.tableId(), partitionId, partitionName, bucket));
    }

    private OpenBatch openBatch(PhysicalBucket key) {
        OpenBatch batch = new OpenBatch(key, format.open(), System.nanoTime());
        batch.encodedBytes = format.headerBytes();
        batch.bucketIdle = unsettled.isIdle(key);
        open.put(key.partitionId(), key.bucket(), batch);
        return batch;
    }

    /**
     * Closes the batch after the linger unless it left before: the bound on a row's wait should an answer
     * take long. Started only for a batch that does not leave with its first row, so that a lone record
     * costs no timer.
     */
    private void lingerThenClose(OpenBatch batch) {
        batch.linger = timers.schedule(() -> intake.execute(() -> {
            if (isOpen(batch)) {
                close(batch, true);
            }
        }), options.batchLinger().toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Closes a batch being filled and hands it to the sender; it is encoded off this thread.
     *
     * @param movesStickyBucket whether a sticky bucket chooser moves on to another bucket: yes when the
     *     batch is full (or lingered, or is flushed), as before batches left early; not when it leaves
     *     because its bucket has nothing in flight, else each such batch would send the next row to
     *     another bucket with nothing in flight, and rows would go one per batch
     */
    private WriteBatch close(OpenBatch batch, boolean movesStickyBucket) {
        releaseShrink();
        open.remove(batch.key.partitionId(), batch.key.bucket(), batch);
        if (batch.linger != null) {
            batch.linger.dispose();
        }
        if (movesStickyBucket) {
            buckets.batchClosed(batch.key.partitionId(), batch.key.bucket());
        }
        if (batch.rows.rowCount() == 0) {
            batch.rows.close();
            return null;
        }
        unsettled.closed(batch.key);
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
        /** Whether the batch is among those that leave once the producers pause. */
        boolean leavesOnceQuiet;
        /**
         * Whether its bucket has no batch closed and not settled (see {@link UnsettledBatches#isIdle}): found
         * when the batch opens and kept by {@link BatchFiller#batchSettled}, since only a settlement changes
         * it while the batch is open (the bucket's next batch closed is this one), so that no record looks
         * it up.
         */
        boolean bucketIdle;

        OpenBatch(PhysicalBucket key, BatchFormat.OpenBatch rows, long openedNanos) {
            this.key = key;
            this.rows = rows;
            this.openedNanos = openedNanos;
        }
    }
}
