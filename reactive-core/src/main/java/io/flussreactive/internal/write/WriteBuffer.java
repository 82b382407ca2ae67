package io.flussreactive.internal.write;

import io.flussreactive.write.WriteBufferUsage;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client-wide byte budget of rows accepted for writing and not yet acknowledged.
 *
 * <p>A writer reserves a row's size before it takes the row and releases it when the row's batch
 * is acknowledged or fails for good. A reservation that does not fit is refused at once, never
 * waited for: the writer then stops asking its upstream for rows and registers a callback with
 * {@link #whenSpaceFreed(long, Runnable)}, which runs once enough bytes are free. This is how a full
 * buffer becomes "no more demand" without parking a thread.
 */
public final class WriteBuffer implements WriteBufferUsage {

    private final long capacity;
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicLong peakReserved = new AtomicLong();
    // One entry per waiting writer at most (writers register once until called back), so the queue
    // is bounded by the number of writers.
    private final Queue<SpaceWaiter> spaceWaiters = new ConcurrentLinkedQueue<>();

    /**
     * Creates a budget.
     *
     * @param capacity the number of bytes that may be reserved at once
     */
    public WriteBuffer(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("Write buffer capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * What a record reserves: room for it in its batch's buffers, plus an allowance for the heap it
     * keeps. Batch buffers grow by doubling, so a record may take up to twice its encoded size there.
     * While the record waits to be put into a batch, its row's values are Java objects too, about
     * three times their encoded size, plus some 64 bytes of references. A record with correlation
     * metadata keeps that allowance until its result is delivered, as the metadata (often the row
     * itself) stays alive. A record without correlation keeps only its batch room and 16 bytes once
     * in its batch, and gives the rest back; the same budget then holds more records, in larger batches.
     *
     * @param encodedBytes about what the record takes in an encoded batch
     * @param keepsObjects whether the record keeps its row or correlation metadata on the heap
     * @return the bytes to reserve
     */
    public static long reservationFor(long encodedBytes, boolean keepsObjects) {
        return keepsObjects ? encodedBytes * 4 + 64 : encodedBytes * 2 + 16;
    }

    /**
     * Reserves {@code bytes} if they fit.
     *
     * @return whether the bytes were reserved
     */
    public boolean tryReserve(long bytes) {
        for (;;) {
            long current = reserved.get();
            long next = current + bytes;
            if (next > capacity) {
                return false;
            }
            if (reserved.compareAndSet(current, next)) {
                long peak;
                while (next > (peak = peakReserved.get()) && !peakReserved.compareAndSet(peak, next)) {
                    // Another reservation raised the peak meanwhile: compare again.
                }
                return true;
            }
        }
    }

    /** Gives back bytes reserved earlier, and calls back the writers waiting for that much space. */
    public void release(long bytes) {
        if (bytes <= 0) {
            return;
        }
        long left = reserved.addAndGet(-bytes);
        if (left < 0) {
            throw new IllegalStateException("Released more bytes than were reserved: " + left);
        }
        runWaitersThatFit();
    }

    /**
     * Runs {@code callback} once, as soon as {@code bytes} are free: now, on this thread, if they are
     * free already, else on the thread of the release that frees them. The callback must be cheap
     * and must not block: it typically re-runs a writer's drain loop.
     *
     * @param bytes how many bytes the caller needs (at least 1)
     * @param callback what to run
     */
    public void whenSpaceFreed(long bytes, Runnable callback) {
        spaceWaiters.add(new SpaceWaiter(Math.max(1, Math.min(bytes, capacity)), callback));
        // A release that ran between the caller's failed reservation and the add above did not see
        // this waiter.
        runWaitersThatFit();
    }

    /**
     * Runs the waiters whose bytes are free; the others stay queued. Looks at each waiter queued when
     * it starts once, so a callback that takes the space and registers again waits for a later release
     * instead of making this loop run for ever.
     */
    private void runWaitersThatFit() {
        int waiting = spaceWaiters.size();
        for (int i = 0; i < waiting; i++) {
            SpaceWaiter waiter = spaceWaiters.poll();
            if (waiter == null) {
                return;
            }
            if (available() >= waiter.bytes) {
                waiter.callback.run();
            } else {
                spaceWaiters.add(waiter);
            }
        }
    }

    /** Whether a writer is waiting for space: its producers paused because the buffer is full. */
    public boolean hasSpaceWaiters() {
        return !spaceWaiters.isEmpty();
    }

    @Override
    public long capacity() {
        return capacity;
    }

    @Override
    public long reserved() {
        return reserved.get();
    }

    /** The number of bytes that may still be reserved now. */
    public long available() {
        return capacity - reserved.get();
    }

    @Override
    public long peakReserved() {
        return peakReserved.get();
    }

    /** A writer waiting for {@code bytes} to be free. */
    private record SpaceWaiter(long bytes, Runnable callback) {
    }
}
