package io.flussreactive.internal.write;

import io.flussreactive.internal.meta.LeaderCache;
import io.flussreactive.internal.meta.TableLocations;
import io.flussreactive.internal.util.SerialExecutor;
import io.flussreactive.row.Row;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The partitions of a partitioned table's records: each partition is found (or created) once, the
 * records that come for it meanwhile wait here, and they go to their batches when it is found (or fail
 * with the reason when it cannot be).
 *
 * <p>Everything here runs on the writer's intake executor.
 */
final class PartitionRouting {

    private final Function<Row, String> partitionOf;
    private final PartitionResolver partitions;
    /** Runs work on the intake from other threads without taking it from a producer (a chore). */
    private final Executor intake;
    private final SerialExecutor serial;
    private final BatchFiller batches;
    private final LeaderCache leaders;
    private final FlushTracker flushes;
    private final WriteBuffer buffer;
    private final BatchFiller.Rejection rejection;
    private final Runnable wakeSender;

    private final Map<String, PartitionState> states = new HashMap<>();
    /** Partitions still being resolved that some flush waits for (the flush tracker has the details). */
    private final Set<String> awaitedByFlush = new HashSet<>();

    PartitionRouting(Function<Row, String> partitionOf, PartitionResolver partitions, Executor intake,
            SerialExecutor serial, BatchFiller batches, LeaderCache leaders, FlushTracker flushes, WriteBuffer buffer,
            BatchFiller.Rejection rejection, Runnable wakeSender) {
        this.partitionOf = partitionOf;
        this.partitions = partitions;
        this.intake = intake;
        this.serial = serial;
        this.batches = batches;
        this.leaders = leaders;
        this.flushes = flushes;
        this.buffer = buffer;
        this.rejection = rejection;
        this.wakeSender = wakeSender;
    }

    /** Sends a record to its partition's batch, or has it wait until the partition is found. */
    <T> void take(WriteRecord<T> record, PreparedRecord prepared, ResultListener<T> listener) {
        String partitionName;
        try {
            partitionName = partitionOf.apply(record.row());
        } catch (RuntimeException invalid) {
            rejection.reject(record, listener, invalid, prepared.reservedBytes());
            return;
        }
        PartitionState state = states.computeIfAbsent(partitionName, PartitionState::new);
        if (state.locations != null) {
            batches.append(state.locations.partitionId(), partitionName, state.locations, record, prepared, listener);
            return;
        }
        state.waiting.add(new Waiting<>(record, prepared, listener));
        if (!state.resolving) {
            state.resolving = true;
            partitions.resolve(partitionName).subscribe(
                    found -> intake.execute(() -> resolved(state, found)),
                    error -> intake.execute(() -> failed(state, error)));
        }
    }

    /**
     * The partitions whose records still wait for them, now awaited by a flush: when each is found or
     * fails, the flush tracker hears what became of its records.
     */
    List<String> awaitForFlush() {
        List<String> waiting = new ArrayList<>();
        for (PartitionState state : states.values()) {
            if (!state.waiting.isEmpty()) {
                waiting.add(state.name);
            }
        }
        awaitedByFlush.addAll(waiting);
        return waiting;
    }

    /** Fails every record waiting for a partition (the table is gone). */
    void failWaiting(Throwable why) {
        for (PartitionState state : new ArrayList<>(states.values())) {
            if (!state.waiting.isEmpty()) {
                failed(state, why);
            }
        }
    }

    /** Forgets a dropped partition, so that a later record for its name looks for it again. */
    void forget(String partitionName, long partitionId) {
        PartitionState state = states.get(partitionName);
        if (state != null && state.locations != null && state.locations.partitionId() == partitionId) {
            states.remove(partitionName);
        }
    }

    private void resolved(PartitionState state, TableLocations found) {
        state.resolving = false;
        state.locations = found;
        leaders.put(found);
        List<Waiting<?>> waiting = new ArrayList<>(state.waiting);
        state.waiting.clear();
        long rejected = 0;
        Throwable firstRejection = null;
        for (Waiting<?> w : waiting) {
            Throwable rejection = append(found, state, w);
            if (rejection != null) {
                rejected++;
                firstRejection = firstRejection == null ? rejection : firstRejection;
            }
        }
        if (awaitedByFlush.remove(state.name)) {
            long partitionId = found.partitionId();
            List<WriteBatch> closedBatches = batches.closeAll(key -> key.partitionId() == partitionId);
            long rejectedRecords = rejected;
            Throwable rejection = firstRejection;
            serial.execute(() -> flushes.partitionSettled(state.name, closedBatches, rejectedRecords, rejection));
        }
        wakeSender.run();
    }

    private <T> Throwable append(TableLocations found, PartitionState state, Waiting<T> w) {
        return batches.append(found.partitionId(), state.name, found, w.record, w.prepared, w.listener);
    }

    private void failed(PartitionState state, Throwable error) {
        state.resolving = false;
        List<Waiting<?>> waiting = new ArrayList<>(state.waiting);
        state.waiting.clear();
        states.remove(state.name);
        awaitedByFlush.remove(state.name);
        for (Waiting<?> w : waiting) {
            fail(w, error);
        }
        serial.execute(() -> flushes.partitionSettled(state.name, List.of(), waiting.size(), error));
    }

    private <T> void fail(Waiting<T> w, Throwable error) {
        buffer.release(w.prepared.reservedBytes());
        w.listener.onResult(new WriteResult<>(w.record.correlation(), -1, null, -1, error));
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
