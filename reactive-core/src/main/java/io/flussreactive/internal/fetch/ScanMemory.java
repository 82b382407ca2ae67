package io.flussreactive.internal.fetch;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Arrow allocator of one scan subscription, closed once the subscription ended and the last of
 * its batches was closed (batches outlive the subscription in the hands of downstream).
 */
final class ScanMemory {

    private static final Logger log = LoggerFactory.getLogger(ScanMemory.class);

    private final BufferAllocator allocator;
    private final AtomicInteger openBatches = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    ScanMemory(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    BufferAllocator allocator() {
        return allocator;
    }

    /** A batch now holds memory of this allocator. */
    void batchOpened() {
        openBatches.incrementAndGet();
    }

    /** A batch released its memory. */
    void batchClosed() {
        if (openBatches.decrementAndGet() == 0 && ended.get()) {
            close();
        }
    }

    /** The subscription ended: no new batches. */
    void end() {
        if (ended.compareAndSet(false, true) && openBatches.get() == 0) {
            close();
        }
    }

    private void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                allocator.close();
            } catch (RuntimeException e) {
                log.error("A scan's Arrow memory was not all released: {}", e.getMessage());
            }
        }
    }
}
