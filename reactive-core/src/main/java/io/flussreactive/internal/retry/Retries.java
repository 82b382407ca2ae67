package io.flussreactive.internal.retry;

import io.flussreactive.RetryPolicies;
import io.flussreactive.RetryPolicies.Operation;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;

/**
 * The retries of one client, made from its {@link RetryPolicies} through one registry. Every retry the
 * client does goes through here: cold requests with {@link #onMono}, the state machines (a writer's
 * batches, a scan's buckets, lookups) with a {@link Retry.AsyncContext} from {@link #retry} that decides
 * whether and when.
 */
public final class Retries {

    private final RetryPolicies policies;
    private final RetryRegistry registry;

    /** Retries made through the policies' registry, or a registry of their own. */
    public Retries(RetryPolicies policies) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.registry = policies.registry().orElseGet(RetryRegistry::ofDefaults);
    }

    /** The registry of the client's own, or null when the retries are in the application's registry. */
    public RetryRegistry ownRegistry() {
        return policies.registry().isPresent() ? null : registry;
    }

    /** The default policies in a registry of their own: for tests and tools. */
    public static Retries defaults() {
        return new Retries(RetryPolicies.defaults());
    }

    /** The retry of an operation, named {@code fluss.<operation>}. */
    public Retry retry(Operation operation) {
        return registry.retry(operation.retryName(), () -> policies.policy(operation));
    }

    /**
     * A retry with the operation's attempts and backoff for a condition of one call site that its policy
     * does not cover (a server still starting, a partition just created and not yet in the metadata),
     * named {@code fluss.<operation>.<purpose>}.
     *
     * @param operation the operation whose attempts and backoff apply
     * @param purpose what the retry waits for, in the retry's name
     * @param retriable the failures that mean the condition has not passed yet
     * @return the retry
     */
    public Retry retry(Operation operation, String purpose, Predicate<Throwable> retriable) {
        return registry.retry(operation.retryName() + "." + purpose,
                () -> RetryConfig.from(policies.policy(operation)).retryOnException(retriable).build());
    }

    /**
     * Runs a cold request again, after the retry's backoff, for as long as the retry allows. Each
     * subscription counts its own attempts.
     *
     * @param retry the retry
     * @param <T> what the request gives
     * @return the operator, for {@code transformDeferred}
     */
    public static <T> Function<Mono<T>, Mono<T>> onMono(Retry retry) {
        RetryOperator<T> operator = RetryOperator.of(retry);
        return mono -> Mono.from(operator.apply(mono));
    }
}
