package io.flussreactive.internal.write;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A first-in first-out queue of waiters that any thread may join and any thread may take from, holding
 * at most a given number: a sink's {@code emit()} and {@code whenReady()} calls come from the
 * application's threads at once, and are taken by whichever thread frees space or ends the sink.
 *
 * @param <W> a waiter
 */
final class BoundedWaiters<W> {

    private final Queue<W> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;

    /**
     * @param capacity the most waiters held at once
     */
    BoundedWaiters(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Joins the queue.
     *
     * @return false, and the waiter is not queued, if the queue holds {@code capacity} waiters already
     */
    boolean offer(W waiter) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        queue.offer(waiter);
        return true;
    }

    /** The waiter at the head, left in the queue; null if none. */
    W peek() {
        return queue.peek();
    }

    /** Takes the waiter at the head; null if none. */
    W poll() {
        W waiter = queue.poll();
        if (waiter != null) {
            size.decrementAndGet();
        }
        return waiter;
    }
}
