package io.flussreactive.test.internal;

import java.util.function.BooleanSupplier;

/** Lets bytes through while open; holds every forwarding thread of a proxy while closed. */
public final class ForwardingGate {

    private boolean open = true;

    /** Holds forwarding threads at {@link #awaitOpen} from now on. */
    public synchronized void close() {
        open = false;
    }

    /** Releases every held forwarding thread. */
    public synchronized void open() {
        open = true;
        notifyAll();
    }

    /** Whether the gate is open. */
    public synchronized boolean isOpen() {
        return open;
    }

    /** Wakes held threads so they can notice that their connection was closed. */
    public synchronized void wakeAll() {
        notifyAll();
    }

    /**
     * Waits while the gate is closed.
     *
     * @param abandoned whether the waiting thread should give up; checked after every wake-up
     * @return {@code true} once the gate is open, {@code false} if the thread gave up
     */
    public synchronized boolean awaitOpen(BooleanSupplier abandoned) throws InterruptedException {
        while (!open) {
            if (abandoned.getAsBoolean()) {
                return false;
            }
            wait();
        }
        return !abandoned.getAsBoolean();
    }
}
