package io.flussreactive.write;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/**
 * A subscriber that requests nothing by itself: the test asks for items with {@link #request(long)}
 * from its own thread and reads what arrived, so no waiting ever happens on a stream thread.
 *
 * @param <T> the item type
 */
public final class ManualSubscriber<T> extends BaseSubscriber<T> {

    private final AtomicLong received = new AtomicLong();
    private final Queue<T> items = new ConcurrentLinkedQueue<>();
    private final boolean keepItems;
    private volatile boolean completed;
    private volatile Throwable error;

    /**
     * A subscriber with no demand yet.
     *
     * @param keepItems whether to keep the items (else they are only counted)
     */
    public ManualSubscriber(boolean keepItems) {
        this.keepItems = keepItems;
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        // No demand until the test asks.
    }

    @Override
    protected void hookOnNext(T item) {
        if (keepItems) {
            items.add(item);
        }
        received.incrementAndGet();
    }

    @Override
    protected void hookOnComplete() {
        completed = true;
    }

    @Override
    protected void hookOnError(Throwable throwable) {
        error = throwable;
    }

    /** How many items arrived. */
    public long received() {
        return received.get();
    }

    /** The items that arrived, in order (empty unless they are kept). */
    public Queue<T> items() {
        return items;
    }

    /** Whether the stream completed. */
    public boolean isCompleted() {
        return completed;
    }

    /** The error that ended the stream, or null. */
    public Throwable error() {
        return error;
    }
}
