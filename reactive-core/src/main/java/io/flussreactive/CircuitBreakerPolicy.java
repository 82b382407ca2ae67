package io.flussreactive;

import io.flussreactive.error.NetworkException;
import io.flussreactive.error.ServerUnavailableException;
import io.flussreactive.error.TimeoutException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The circuit breaker the client keeps for each server: a resilience4j {@link CircuitBreakerConfig}.
 * Immutable; build one with {@link #builder()}.
 *
 * <p>By default a server's breaker opens when its last {@value #DEFAULT_FAILURES_TO_OPEN} requests all
 * failed for the server's sake: the connection could not be opened or dropped
 * ({@link NetworkException}), or no answer came within the request timeout ({@link TimeoutException}).
 * An answer with an error code is an answer: the server is there. While a breaker is open, requests
 * routed to its server fail at once with {@link ServerUnavailableException}, which is retriable after a
 * metadata refresh, so writers, scans and lookups look for the bucket's new leader instead of waiting for
 * timeouts; after {@link #DEFAULT_WAIT_IN_OPEN_STATE} the next request goes through as a probe, and
 * closes the breaker if it is answered.
 *
 * <p>Breakers are named {@code fluss.server.<host>:<port>} and made through a
 * {@link CircuitBreakerRegistry}: pass the application's own with {@link Builder#registry} to see
 * their state and events next to the application's other breakers.
 */
public final class CircuitBreakerPolicy {

    /** How many requests in a row must fail for the server's sake before its breaker opens, by default. */
    public static final int DEFAULT_FAILURES_TO_OPEN = 5;

    /** How long a breaker stays open before it lets a probe through, by default. */
    public static final Duration DEFAULT_WAIT_IN_OPEN_STATE = Duration.ofSeconds(2);

    private static final CircuitBreakerPolicy DEFAULTS = builder().build();
    private static final CircuitBreakerPolicy DISABLED = builder().disabled().build();

    private final CircuitBreakerConfig config;
    private final CircuitBreakerRegistry registry;
    private final boolean enabled;

    private CircuitBreakerPolicy(Builder builder) {
        this.config = builder.config;
        this.registry = builder.registry;
        this.enabled = builder.enabled;
    }

    /** The default breaker of each server, in a registry of the client's own. */
    public static CircuitBreakerPolicy defaults() {
        return DEFAULTS;
    }

    /** No breakers: requests always go to their server. */
    public static CircuitBreakerPolicy disabled() {
        return DISABLED;
    }

    /** A builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether a failed request counts against its server by default: the connection failed, or the
     * request timed out.
     *
     * @param failure what the request failed with
     * @return whether it counts as a failure of the server
     */
    public static boolean isServerFailure(Throwable failure) {
        return failure instanceof NetworkException || failure instanceof TimeoutException;
    }

    /** The configuration of each server's breaker. */
    public CircuitBreakerConfig config() {
        return config;
    }

    /** The registry the application passed, if any; without one the client keeps a registry of its own. */
    public Optional<CircuitBreakerRegistry> registry() {
        return Optional.ofNullable(registry);
    }

    /** Whether servers have breakers at all. */
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public String toString() {
        return "CircuitBreakerPolicy{" + (!enabled ? "disabled"
                : registry == null ? "own registry" : "application's registry") + "}";
    }

    /** Builds a {@link CircuitBreakerPolicy}. */
    public static final class Builder {
        private CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                // The last N requests, all failed: in effect N failures in a row.
                .slidingWindow(DEFAULT_FAILURES_TO_OPEN, DEFAULT_FAILURES_TO_OPEN, SlidingWindowType.COUNT_BASED,
                        // Recorded on event-loop threads: no lock.
                        SlidingWindowSynchronizationStrategy.LOCK_FREE)
                .failureRateThreshold(100)
                .recordException(CircuitBreakerPolicy::isServerFailure)
                .waitDurationInOpenState(DEFAULT_WAIT_IN_OPEN_STATE)
                .permittedNumberOfCallsInHalfOpenState(1)
                .build();
        private CircuitBreakerRegistry registry;
        private boolean enabled = true;

        private Builder() {}

        /**
         * The configuration of each server's breaker. Start from
         * {@code CircuitBreakerConfig.from(defaults().config())} to keep what you do not change.
         *
         * @param config the configuration
         * @return this builder
         */
        public Builder config(CircuitBreakerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * The registry the client makes its breakers through, for example the application's own.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder registry(CircuitBreakerRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * No breakers: requests always go to their server.
         *
         * @return this builder
         */
        public Builder disabled() {
            this.enabled = false;
            return this;
        }

        /** The policy. */
        public CircuitBreakerPolicy build() {
            return new CircuitBreakerPolicy(this);
        }
    }
}
