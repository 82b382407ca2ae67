package io.flussreactive.benchmarks;

import io.flussreactive.benchmarks.ClientDriver.Outcome;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Keeps a fixed number of operations outstanding, each completion starting the next on the thread
 * that completed it, and records when each was started and completed: the bookkeeping both clients'
 * pipelined drivers share, so that they differ only in how one operation is started.
 */
final class ClosedLoop {

    private final int count;
    private final long[] issuedAt;
    private final long[] completedAt;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong found = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch done;
    private IntConsumer start;

    /**
     * @param count the operations to run
     */
    ClosedLoop(int count) {
        this.count = count;
        this.issuedAt = new long[count];
        this.completedAt = new long[count];
        this.done = new CountDownLatch(count);
    }

    /**
     * Runs every operation with {@code inFlight} outstanding at once.
     *
     * @param inFlight how many operations are outstanding at once
     * @param timeout how long all of them may take
     * @param start starts operation {@code index}, which must end in {@link #completed} once
     * @return the wall time, the operations {@link #found}, their latencies and completion times
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if an operation failed or they did not finish in time
     */
    Outcome run(int inFlight, Duration timeout, IntConsumer start) throws InterruptedException {
        this.start = start;
        long begin = System.nanoTime();
        for (int k = 0; k < inFlight; k++) {
            startNext();
        }
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("The operations did not complete within " + timeout);
        }
        long nanos = System.nanoTime() - begin;
        if (failure.get() != null) {
            throw new IllegalStateException("An operation failed", failure.get());
        }
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            latencies[i] = completedAt[i] - issuedAt[i];
        }
        return new Outcome(nanos, found.get(), latencies, completedAt);
    }

    /** Counts an operation that found what it looked for. */
    void found() {
        found.incrementAndGet();
    }

    /**
     * Ends operation {@code index} and starts the next one.
     *
     * @param index the operation
     * @param error why it failed, or null
     */
    void completed(int index, Throwable error) {
        completedAt[index] = System.nanoTime();
        if (error != null) {
            failure.compareAndSet(null, error);
        }
        done.countDown();
        startNext();
    }

    private void startNext() {
        int index = next.getAndIncrement();
        if (index >= count) {
            return;
        }
        issuedAt[index] = System.nanoTime();
        try {
            start.accept(index);
        } catch (Throwable e) {
            // Runs on the clients' own threads: a failure must end the wait, not just its chain.
            failure.compareAndSet(null, e);
            while (done.getCount() > 0) {
                done.countDown();
            }
        }
    }
}
