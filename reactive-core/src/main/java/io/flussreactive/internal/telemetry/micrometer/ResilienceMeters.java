package io.flussreactive.internal.telemetry.micrometer;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Binds resilience4j's own meters ({@code resilience4j.retry.*}, {@code resilience4j.circuitbreaker.*})
 * of a retry and a breaker registry. Apart from {@link MicrometerTelemetry} because
 * {@code resilience4j-micrometer} is optional even for an application with Micrometer: this class is
 * loaded only when it is there.
 */
final class ResilienceMeters {

    private static final String BINDER = "io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics";

    private ResilienceMeters() {
    }

    /** Whether {@code resilience4j-micrometer} is on the class path. */
    static boolean available() {
        try {
            Class.forName(BINDER, false, ResilienceMeters.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    /**
     * Binds the meters of the registries given.
     *
     * @param retries a retry registry, or null
     * @param breakers a circuit breaker registry, or null
     */
    static void bind(MeterRegistry meters, RetryRegistry retries, CircuitBreakerRegistry breakers) {
        if (retries != null) {
            TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
        }
        if (breakers != null) {
            TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        }
    }
}
