package io.flussreactive.internal.rpc;

import io.flussreactive.CircuitBreakerPolicy;
import io.flussreactive.error.ServerUnavailableException;
import io.flussreactive.internal.util.TroubleLog;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The circuit breaker of one server, shared by all its connections: every request asks it for
 * permission, and tells it how the request ended.
 */
final class ServerBreaker {

    private static final Logger log = LoggerFactory.getLogger(ServerBreaker.class);

    /** What requests to the server are: the one part of the server's trouble log. */
    private static final String REQUESTS = "requests";

    private final String server;
    /** Disabled when servers have no breakers: then requests only go into the trouble log. */
    private final CircuitBreaker breaker;
    /** Says once when the server has been failing requests for a while, and once when it answers again. */
    private final TroubleLog trouble;

    private ServerBreaker(String server, CircuitBreaker breaker) {
        this.server = server;
        this.breaker = breaker;
        this.trouble = new TroubleLog(log, "Fluss server " + server);
    }

    /**
     * Makes the breakers of a policy, one per server address, through {@link #registryOf its registry}.
     *
     * @return the breaker of a {@code host:port}
     */
    static Function<String, ServerBreaker> perServer(CircuitBreakerPolicy policy) {
        return perServer(policy, registryOf(policy));
    }

    /**
     * Where the breakers of a policy are made: the application's registry, one of the client's own, or
     * none when the policy is disabled.
     */
    static CircuitBreakerRegistry registryOf(CircuitBreakerPolicy policy) {
        return policy.isEnabled() ? policy.registry().orElseGet(CircuitBreakerRegistry::ofDefaults) : null;
    }

    /**
     * Makes the breakers of a policy, one per server address.
     *
     * @param registry where the breakers are made when the policy is enabled: the policy's or one of the client's own
     * @return the breaker of a {@code host:port}
     */
    static Function<String, ServerBreaker> perServer(CircuitBreakerPolicy policy, CircuitBreakerRegistry registry) {
        if (!policy.isEnabled()) {
            // A breaker that lets everything through and records nothing, so that the requests still go
            // into the trouble log; kept out of any registry, since it is not a breaker to watch.
            return address -> {
                CircuitBreaker disabled = CircuitBreaker.of("fluss.server." + address, policy.config());
                disabled.transitionToDisabledState();
                return new ServerBreaker(address, disabled);
            };
        }
        return address -> new ServerBreaker(address, registry.circuitBreaker("fluss.server." + address, policy::config));
    }

    /**
     * Runs a request if the breaker permits it, recording how it ends; fails at once with
     * {@link ServerUnavailableException} if the breaker is open.
     *
     * @param request the request, subscribed only if permitted
     */
    <R> Mono<R> call(Mono<R> request) {
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
                trouble.recovered(REQUESTS);
            }
        }

        void failed(Throwable error) {
            if (told.compareAndSet(false, true)) {
                // The configuration decides whether the error counts against the server.
                breaker.onError(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS, error);
                if (breaker.getCircuitBreakerConfig().getRecordExceptionPredicate().test(error)) {
                    trouble.failed(REQUESTS, error);
                }
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
