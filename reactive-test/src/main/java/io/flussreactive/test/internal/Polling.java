package io.flussreactive.test.internal;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition that other threads make true, by checking it at a short interval. */
public final class Polling {

    private static final long INTERVAL_MILLIS = 20;

    private Polling() {}

    /**
     * Returns once {@code condition} holds.
     *
     * @param condition checked at once, then every few milliseconds
     * @param timeout how long to keep checking
     * @param whatIsAwaited describes the condition for the timeout message; called only on timeout
     * @throws TimeoutException if the condition still does not hold after {@code timeout}
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public static void await(BooleanSupplier condition, Duration timeout, Supplier<String> whatIsAwaited)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException(
                        "Gave up after " + timeout.toMillis() + " ms waiting until " + whatIsAwaited.get());
            }
            Thread.sleep(INTERVAL_MILLIS);
        }
    }
}
