package io.flussreactive.internal.write;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import reactor.core.Disposable;

/**
 * Why a writer takes no more records, once it stops (closed, or its table dropped), and the write
 * streams waiting to hear it. Thread-safe.
 */
final class StopSignal {

    private final AtomicReference<Supplier<RuntimeException>> reason = new AtomicReference<>();
    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();

    /** Whether the writer stopped. */
    boolean isStopped() {
        return reason.get() != null;
    }

    /** Why the writer stopped, as a new exception for each caller; null while it takes records. */
    RuntimeException why() {
        Supplier<RuntimeException> stopped = reason.get();
        return stopped == null ? null : stopped.get();
    }

    /** See {@link RecordWriter#whenStopped}. */
    Disposable whenStopped(Runnable listener) {
        listeners.add(listener);
        // Removing it first makes sure that it runs once, here or in stop(), whichever removes it.
        if (isStopped() && listeners.remove(listener)) {
            listener.run();
        }
        return () -> listeners.remove(listener);
    }

    /**
     * Stops the writer for this reason, unless it stopped already, and tells the listeners.
     *
     * @param why makes the exception each write stream ends with
     */
    void stop(Supplier<RuntimeException> why) {
        if (!reason.compareAndSet(null, why)) {
            return;
        }
        for (Runnable listener : List.copyOf(listeners)) {
            if (listeners.remove(listener)) {
                listener.run();
            }
        }
    }
}
