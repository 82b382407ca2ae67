package io.flussreactive.internal.write;

import io.flussreactive.internal.meta.PhysicalBucket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Who waits for the records of one batch, in the batch's row order: each record's listener and
 * correlation metadata. The rows themselves are not kept: once in the batch they live in its
 * encoded form.
 *
 * <p>Kept compact, as a batch may hold tens of thousands of records: listeners as runs (a batch's
 * records usually all come from one writer stream), correlations only once one is not null.
 */
final class PendingRecords {

    private final List<ListenerRun> runs = new ArrayList<>(1);
    private Object[] correlations;
    private int size;

    @SuppressWarnings("unchecked")
    <T> void add(ResultListener<T> listener, T correlation) {
        ResultListener<Object> any = (ResultListener<Object>) (ResultListener<?>) listener;
        ListenerRun last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        if (last != null && last.listener == any) {
            last.count++;
        } else {
            runs.add(new ListenerRun(any));
        }
        if (correlation != null) {
            if (correlations == null) {
                correlations = new Object[Math.max(16, size + 1)];
            } else if (correlations.length == size) {
                correlations = Arrays.copyOf(correlations, size + (size >> 1) + 1);
            }
            correlations[size] = correlation;
        } else if (correlations != null && correlations.length == size) {
            correlations = Arrays.copyOf(correlations, size + (size >> 1) + 1);
        }
        size++;
    }

    int size() {
        return size;
    }

    /** Tells every record it was stored, at consecutive offsets from {@code baseOffset} (or -1 each). */
    void succeed(PhysicalBucket bucket, long baseOffset) {
        deliver(bucket.bucket(), bucket.partitionName(), baseOffset, null);
    }

    /** Tells every record it failed. */
    void fail(PhysicalBucket bucket, Throwable error) {
        deliver(bucket == null ? -1 : bucket.bucket(), bucket == null ? null : bucket.partitionName(), -1, error);
    }

    /** Hands the results over run by run, so a listener passing results to another thread does so once per run. */
    private void deliver(int bucket, String partition, long baseOffset, Throwable error) {
        int first = 0;
        for (ListenerRun run : runs) {
            run.listener.onResults(new LazyResults<>(correlations, first, run.count, bucket, partition, baseOffset, error));
            first += run.count;
        }
    }

    /** Consecutive records with the same listener. */
    private static final class ListenerRun {
        final ResultListener<Object> listener;
        int count = 1;

        ListenerRun(ResultListener<Object> listener) {
            this.listener = listener;
        }
    }
}
