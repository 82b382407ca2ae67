package io.flussreactive.internal.fetch;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;

/**
 * The Arrow allocator of one scan subscription, closed once the subscription ended and the last of
 * its batches was closed (batches outlive the subscription in the hands of downstream).
 */
final class ScanMemory {

    private static final Logger log = LoggerFactory.getLogger(ScanMemory.class);

    private final BufferAllocator allocator;
    private final String scan;
    private final AtomicInteger openBatches = new AtomicInteger();
    private final AtomicInteger droppedUnclosed = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param allocator the scan's own allocator
     * @param scan the scan and where its batches go, for log lines
     */
    ScanMemory(BufferAllocator allocator, String scan) {
        this.allocator = allocator;
        this.scan = scan;
    }

    BufferAllocator allocator() {
        return allocator;
    }

    /** The scan and where its batches are delivered, for messages. */
    String scan() {
        return scan;
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

    /**
     * The garbage collector found a batch that nobody closed (its memory is being released now). Said
     * once per scan, so that an application that never closes its batches is told without a flood.
     */
    void batchDroppedUnclosed(String batch) {
        if (droppedUnclosed.getAndIncrement() == 0) {
            log.warn("A batch of the {} was dropped without being closed ({}); its Arrow memory waited for the "
                    + "garbage collector. Close every RecordBatch, and where operators such as publishOn or "
                    + "flatMap may drop batches on cancel, apply RecordBatch.closeDiscarded() after them. "
                    + "Further batches of this scan dropped so are logged at DEBUG", scan, batch);
        } else {
            log.debug("A batch of the {} was dropped without being closed: {}", scan, batch);
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

    /**
     * The operators the batches pass through after the scan ({@code publishOn -> take -> lambda}), to say
     * in a log line where a batch went that nobody closed. Computed once per subscription: the scan
     * must not keep its subscriber for that, since the batches it dropped would stay reachable.
     */
    static String stepsOf(CoreSubscriber<?> subscriber) {
        Scannable first = Scannable.from(subscriber);
        if (!first.isScanAvailable()) {
            return subscriber.getClass().getName();
        }
        return Stream.concat(Stream.of(first), first.actuals())
                .limit(12)
                .map(Scannable::stepName)
                .collect(Collectors.joining(" -> "));
    }
}
