package io.flussreactive.internal.write;

import io.flussreactive.write.WriteFailedException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import reactor.core.publisher.MonoSink;

/**
 * The {@code flush()} calls of one writer that wait: each waits for the batches unsettled when it was
 * called, and for the partitions its records were still waiting for, and fails when any of its
 * records failed. Used from the writer's serial executor.
 *
 * <p>A failure is reported by the flushes waiting for it; a failure no flush waits for (an invalid
 * row, or a batch that failed while no flush was running) is reported by the next flush. Each failure
 * is reported by one flush at least.
 */
final class FlushTracker {

    private final List<Waiter> waiters = new ArrayList<>();
    private long rejectedSinceFlush;
    private Throwable firstRejection;

    /** Records failed before they reached a batch. */
    void rejected(long records, Throwable error) {
        rejectedSinceFlush += records;
        if (firstRejection == null) {
            firstRejection = error;
        }
    }

    /** A flush starts: it waits for these batches and partitions. */
    void start(MonoSink<Void> sink, Collection<WriteBatch> unsettled, Collection<String> waitingPartitions) {
        Waiter waiter = new Waiter(sink, unsettled, waitingPartitions, rejectedSinceFlush, firstRejection);
        rejectedSinceFlush = 0;
        firstRejection = null;
        if (!waiter.completeIfDone()) {
            waiters.add(waiter);
            sink.onCancel(() -> waiters.remove(waiter));
        }
    }

    /** A batch was acknowledged or failed. */
    void settled(WriteBatch batch, Throwable error) {
        boolean reported = false;
        Iterator<Waiter> it = waiters.iterator();
        while (it.hasNext()) {
            Waiter waiter = it.next();
            if (waiter.batches.remove(batch)) {
                if (error != null) {
                    waiter.failed(batch.recordCount(), error);
                    reported = true;
                }
                if (waiter.completeIfDone()) {
                    it.remove();
                }
            }
        }
        if (error != null && !reported) {
            rejected(batch.recordCount(), error);
        }
    }

    /**
     * The records that waited for a partition went into these batches, or failed.
     *
     * @param batches the batches now holding them (each waiter waiting for the partition waits for these)
     * @param failedRecords how many of them failed
     * @param error why they failed, or null
     */
    void partitionSettled(String partitionName, Collection<WriteBatch> batches, long failedRecords, Throwable error) {
        boolean reported = false;
        Iterator<Waiter> it = waiters.iterator();
        while (it.hasNext()) {
            Waiter waiter = it.next();
            if (waiter.partitions.remove(partitionName)) {
                waiter.batches.addAll(batches);
                if (failedRecords > 0) {
                    waiter.failed(failedRecords, error);
                    reported = true;
                }
                if (waiter.completeIfDone()) {
                    it.remove();
                }
            }
        }
        if (failedRecords > 0 && !reported) {
            rejected(failedRecords, error);
        }
    }

    /** One waiting flush. */
    private static final class Waiter {
        final MonoSink<Void> sink;
        final Set<WriteBatch> batches = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        final Set<String> partitions;
        long failedRecords;
        Throwable firstFailure;

        Waiter(MonoSink<Void> sink, Collection<WriteBatch> batches, Collection<String> partitions, long failed,
                Throwable firstFailure) {
            this.sink = sink;
            this.batches.addAll(batches);
            this.partitions = new HashSet<>(partitions);
            this.failedRecords = failed;
            this.firstFailure = firstFailure;
        }

        void failed(long records, Throwable error) {
            failedRecords += records;
            if (firstFailure == null) {
                firstFailure = error;
            }
        }

        boolean completeIfDone() {
            if (!batches.isEmpty() || !partitions.isEmpty()) {
                return false;
            }
            if (failedRecords > 0) {
                sink.error(new WriteFailedException(failedRecords, firstFailure));
            } else {
                sink.success();
            }
            return true;
        }
    }
}
