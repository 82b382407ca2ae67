package io.flussreactive.internal.write;

import io.flussreactive.write.WriteResult;
import java.util.List;
import java.util.Queue;
import java.util.function.Consumer;
import reactor.util.concurrent.Queues;

/**
 * The results waiting for a write stream's downstream, in the runs the writer hands them over in (a
 * batch's worth at a time), so that a batch's results are queued as one object. Runs are added from any
 * thread; they are taken by the stream's drain loop only.
 *
 * @param <T> the correlation metadata type
 */
final class ResultQueue<T> {

    private final Queue<List<WriteResult<T>>> runs = Queues.<List<WriteResult<T>>>unboundedMultiproducer().get();
    /** The run being delivered, and the next to deliver of it. */
    private List<WriteResult<T>> current;
    private int next;

    /** Adds a run of results; any thread. */
    void add(List<WriteResult<T>> run) {
        runs.offer(run);
    }

    /** Whether no result waits; drain loop only. */
    boolean isEmpty() {
        return current == null && runs.isEmpty();
    }

    /**
     * Delivers results, at most {@code demand}; drain loop only.
     *
     * @return how many were delivered
     */
    long deliver(long demand, Consumer<WriteResult<T>> downstream) {
        long emitted = 0;
        while (emitted != demand) {
            if (current == null) {
                current = runs.poll();
                next = 0;
                if (current == null) {
                    break;
                }
            }
            WriteResult<T> result = current.get(next++);
            if (next == current.size()) {
                current = null;
            }
            downstream.accept(result);
            emitted++;
        }
        return emitted;
    }

    /** Drops every result (downstream cancelled); drain loop only. */
    void clear() {
        runs.clear();
        current = null;
    }
}
