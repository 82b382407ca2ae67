package io.flussreactive.internal.rpc;

import io.flussreactive.CircuitBreakerPolicy;
import io.flussreactive.error.ServerUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The circuit breaker of one server, shared by all its connections: every request asks it for
 * permission, and tells it how the request ended.
 */
final class ServerBreaker {

    /** Lets every request through and records nothing: servers without breakers. */
    static final ServerBreaker NONE = new ServerBreaker(null, null);

    private final String server;
    private final CircuitBreaker breaker;

    private ServerBreaker(String server, CircuitBreaker breaker) {
        this.server = server;
        this.breaker = breaker;
    }

    /**
     * Makes the breakers of a policy, one per server address, through its registry (or one of their own).
     *
     * @return the breaker of a {@code host:port}
     */
    static Function<String, ServerBreaker> perServer(CircuitBreakerPolicy policy) {
        if (!policy.isEnabled()) {
            return address -> NONE;
        }
        CircuitBreakerRegistry registry = policy.registry().orElseGet(CircuitBreakerRegistry::ofDefaults);
        return address -> new ServerBreaker(address, registry.circuitBreaker("fluss.server." + address, policy::config));
    }

    /**
     * Runs a request if the breaker permits it, recording how it ends; fails at once with
     * {@link ServerUnavailableException} if the breaker is open.
     *
     * @param request the request, subscribed only if permitted
     */
    <R> Mono<R> call(Mono<R> request) {
        if (breaker == null) {
            return request;
        }
        return Mono.defer(() -> {
            if (!breaker.tryAcquirePermission()) {
                return Mono.error(new ServerUnavailableException("Not sent to Fluss server " + server
                        + ": its circuit breaker is " + breaker.getState() + " after its last requests failed to "
                        + "connect or timed out"));
            }
            Outcome outcome = new Outcome(System.nanoTime());
            return request
                    .doOnSuccess(answer -> outcome.succeeded())
                    .doOnError(outcome::failed)
                    .doOnCancel(outcome::cancelled);
        });
    }

    /** How one permitted request ended, told to the breaker exactly once. */
    private final class Outcome {
        private final long startNanos;
        private final AtomicBoolean told = new AtomicBoolean();

        Outcome(long startNanos) {
            this.startNanos = startNanos;
        }

        void succeeded() {
            if (told.compareAndSet(false, true)) {
                breaker.onSuccess(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
            }
        }

        void failed(Throwable error) {
            if (told.compareAndSet(false, true)) {
                // The configuration decides whether the error counts against the server.
                breaker.onError(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS, error);
            }
        }

        void cancelled() {
            if (told.compareAndSet(false, true)) {
                // Nobody waits for the answer any more: it says nothing about the server.
                breaker.releasePermission();
            }
        }
    }
}
