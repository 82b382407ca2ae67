package io.flussreactive;

import io.flussreactive.error.FlussException;
import io.flussreactive.error.UnknownServerException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How the client retries what failed for a reason that may pass (a leader that moved, a server that is
 * starting, a connection that dropped): one resilience4j {@link RetryConfig} per {@link Operation}.
 * Immutable; build one with {@link #builder()}.
 *
 * <p>By default every operation backs off exponentially with jitter and retries only failures whose
 * {@link FlussException#isRetriable()} says so (writes also retry an unknown server error, see
 * {@link #isRetriableWrite(Throwable)}); before retrying a failure caused by stale metadata
 * the client forgets what it knew of the table's leaders. Writes are retried until their writer's
 * delivery timeout and scans until they are cancelled, whatever the attempt limit.
 *
 * <p>Retries are named {@code fluss.<operation>} (for example {@code fluss.lookup}) and made through a
 * {@link RetryRegistry}: pass the application's own with {@link Builder#registry(RetryRegistry)} to see
 * their events and metrics next to the application's other retries. A retry whose name is already in
 * that registry is used as it is, with the registry's configuration.
 *
 * <pre>{@code
 * RetryPolicies retries = RetryPolicies.builder()
 *         .registry(applicationRetryRegistry)
 *         .policy(RetryPolicies.Operation.LOOKUP, RetryConfig.from(RetryPolicies.defaults()
 *                         .policy(RetryPolicies.Operation.LOOKUP))
 *                 .maxAttempts(10)
 *                 .build())
 *         .build();
 * FlussClientOptions options = FlussClientOptions.builder().retryPolicies(retries)...
 * }</pre>
 */
public final class RetryPolicies {

    /** What the client retries, each with a policy of its own. */
    public enum Operation {
        /** Finding servers, tables, partitions and bucket leaders. */
        METADATA("metadata", 10, Duration.ofMillis(50), Duration.ofSeconds(1), RetryPolicies::isRetriable),
        /**
         * Admin requests that only read (offsets, descriptions). Requests that change the cluster (create,
         * drop) are never retried: their first attempt may have taken effect.
         */
        ADMIN_READ("admin-read", 6, Duration.ofMillis(100), Duration.ofSeconds(1), RetryPolicies::isRetriable),
        /**
         * Sending batches of appended, upserted or deleted rows, until the writer's delivery timeout; retries
         * what {@link #isRetriableWrite(Throwable)} accepts.
         */
        WRITE("write", Integer.MAX_VALUE, Duration.ofMillis(100), Duration.ofSeconds(1),
                RetryPolicies::isRetriableWrite),
        /** Fetching a bucket's log, for as long as its scan runs. */
        FETCH("fetch", Integer.MAX_VALUE, Duration.ofMillis(100), Duration.ofSeconds(2), RetryPolicies::isRetriable),
        /** Point and prefix lookups. */
        LOOKUP("lookup", 6, Duration.ofMillis(50), Duration.ofSeconds(1), RetryPolicies::isRetriable);

        private final String retryName;
        private final int defaultMaxAttempts;
        private final Duration defaultFirstBackoff;
        private final Duration defaultMaxBackoff;
        private final Predicate<Throwable> defaultRetriable;

        Operation(String name, int maxAttempts, Duration firstBackoff, Duration maxBackoff,
                Predicate<Throwable> retriable) {
            this.retryName = "fluss." + name;
            this.defaultMaxAttempts = maxAttempts;
            this.defaultFirstBackoff = firstBackoff;
            this.defaultMaxBackoff = maxBackoff;
            this.defaultRetriable = retriable;
        }

        /** The name of this operation's retry in the registry, such as {@code fluss.lookup}. */
        public String retryName() {
            return retryName;
        }

        /**
         * The default policy: up to this operation's number of attempts, the first retry after its first
         * backoff, each next one after twice as long, up to its longest backoff, each randomised by ±50 %.
         */
        RetryConfig defaultPolicy() {
            return RetryConfig.custom()
                    .maxAttempts(defaultMaxAttempts)
                    .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                            defaultFirstBackoff, 2.0, 0.5, defaultMaxBackoff))
                    .retryOnException(defaultRetriable)
                    .build();
        }
    }

    private static final RetryPolicies DEFAULTS = builder().build();

    private final Map<Operation, RetryConfig> policies;
    private final RetryRegistry registry;

    private RetryPolicies(Builder builder) {
        this.policies = Map.copyOf(builder.policies);
        this.registry = builder.registry;
    }

    /** The default policies, with a registry of the client's own. */
    public static RetryPolicies defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether the default policies retry a failure: a {@link FlussException} whose error code says that
     * the call may succeed if sent again.
     *
     * @param failure what a call failed with
     * @return whether to retry it
     */
    public static boolean isRetriable(Throwable failure) {
        return failure instanceof FlussException fluss && fluss.isRetriable();
    }

    /**
     * Whether the default write policy retries a failure: what {@link #isRetriable(Throwable)} accepts, and
     * also an {@link UnknownServerException}. A server's internal failure on one produce or put request
     * (for example a request whose connection closed while the server was reading it) usually does not
     * happen again, and a batch that did get stored is recognised by its writer id and sequence when an
     * idempotent writer sends it again. The writer's delivery timeout bounds the retries of a failure
     * that does not pass.
     *
     * @param failure what sending a batch failed with
     * @return whether to send it again
     */
    public static boolean isRetriableWrite(Throwable failure) {
        return isRetriable(failure) || failure instanceof UnknownServerException;
    }

    /** The policy of an operation. */
    public RetryConfig policy(Operation operation) {
        return policies.get(Objects.requireNonNull(operation, "operation"));
    }

    /** The registry the application passed, if any; without one the client keeps a registry of its own. */
    public Optional<RetryRegistry> registry() {
        return Optional.ofNullable(registry);
    }

    @Override
    public String toString() {
        return "RetryPolicies{" + (registry == null ? "own registry" : "application's registry") + "}";
    }

    /** Builds {@link RetryPolicies}. */
    public static final class Builder {
        private final Map<Operation, RetryConfig> policies = new EnumMap<>(Operation.class);
        private RetryRegistry registry;

        private Builder() {
            for (Operation operation : Operation.values()) {
                policies.put(operation, operation.defaultPolicy());
            }
        }

        /**
         * Replaces the policy of one operation. Start from {@code RetryConfig.from(defaults().policy(op))}
         * to keep what you do not change.
         *
         * @param operation the operation
         * @param policy its policy
         * @return this builder
         */
        public Builder policy(Operation operation, RetryConfig policy) {
            policies.put(Objects.requireNonNull(operation, "operation"), Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * The registry the client makes its retries through, for example the application's own.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder registry(RetryRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** The policies. */
        public RetryPolicies build() {
            return new RetryPolicies(this);
        }
    }
}
