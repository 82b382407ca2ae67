package io.flussreactive.internal.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.CircuitBreakerPolicy;
import io.flussreactive.error.ErrorCode;
import io.flussreactive.error.NetworkException;
import io.flussreactive.error.ServerUnavailableException;
import io.flussreactive.error.TimeoutException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class ServerBreakerTest {

    private static final String SERVER = "127.0.0.1:9123";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
    private final AtomicInteger subscribed = new AtomicInteger();

    @Test
    void fiveConnectionFailuresOrTimeoutsInARowOpenTheBreakerAndLaterRequestsFailAtOnceWithoutBeingSent() {
        ServerBreaker breaker = breaker(CircuitBreakerPolicy.builder().registry(registry).build());
        for (int i = 0; i < 4; i++) {
            fail(breaker, i % 2 == 0 ? new NetworkException("refused") : new TimeoutException("no answer"));
        }
        assertThat(state()).isEqualTo(CircuitBreaker.State.CLOSED);
        fail(breaker, new NetworkException("refused"));
        assertThat(state()).isEqualTo(CircuitBreaker.State.OPEN);

        assertThatThrownBy(() -> breaker.call(request(Mono.just("answer"))).block(WAIT))
                .isInstanceOf(ServerUnavailableException.class)
                .hasMessageContaining(SERVER)
                .satisfies(e -> assertThat(((ServerUnavailableException) e).isRetriable()).isTrue())
                .satisfies(e -> assertThat(((ServerUnavailableException) e).errorCode().isInvalidMetadata()).isTrue());
        assertThat(subscribed).hasValue(5);
    }

    @Test
    void anAnswerWithAnErrorCodeIsAnAnswerAndDoesNotCountAgainstTheServer() {
        ServerBreaker breaker = breaker(CircuitBreakerPolicy.builder().registry(registry).build());
        for (int i = 0; i < 10; i++) {
            fail(breaker, ErrorCode.NOT_LEADER_OR_FOLLOWER.toException("moved"));
        }
        assertThat(state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void afterItsWaitAnOpenBreakerLetsOneProbeThroughAndClosesWhenItIsAnswered() throws InterruptedException {
        ServerBreaker breaker = breaker(CircuitBreakerPolicy.builder()
                .registry(registry)
                .config(CircuitBreakerConfig.from(CircuitBreakerPolicy.defaults().config())
                        .waitDurationInOpenState(Duration.ofMillis(50))
                        .build())
                .build());
        for (int i = 0; i < 5; i++) {
            fail(breaker, new NetworkException("refused"));
        }
        Thread.sleep(100);

        Sinks.One<String> probeAnswer = Sinks.one();
        Mono<String> probe = breaker.call(request(probeAnswer.asMono())).cache();
        probe.subscribe();
        assertThat(state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        // Only the probe goes while it waits for its answer.
        assertThatThrownBy(() -> breaker.call(request(Mono.just("other"))).block(WAIT))
                .isInstanceOf(ServerUnavailableException.class);

        probeAnswer.tryEmitValue("answer");
        assertThat(probe.block(WAIT)).isEqualTo("answer");
        assertThat(state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.call(request(Mono.just("again"))).block(WAIT)).isEqualTo("again");
    }

    @Test
    void aRequestCancelledBeforeItsAnswerIsNotCounted() {
        ServerBreaker breaker = breaker(CircuitBreakerPolicy.builder().registry(registry).build());
        for (int i = 0; i < 10; i++) {
            breaker.call(request(Mono.never())).subscribe().dispose();
        }
        CircuitBreaker.Metrics metrics = registry.circuitBreaker("fluss.server." + SERVER).getMetrics();
        assertThat(metrics.getNumberOfBufferedCalls()).isZero();
        assertThat(state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aDisabledPolicyLetsEveryRequestThrough() {
        ServerBreaker breaker = breaker(CircuitBreakerPolicy.disabled());
        for (int i = 0; i < 10; i++) {
            fail(breaker, new NetworkException("refused"));
        }
        assertThat(breaker.call(request(Mono.just("answer"))).block(WAIT)).isEqualTo("answer");
        assertThat(registry.getAllCircuitBreakers()).isEmpty();
    }

    private static ServerBreaker breaker(CircuitBreakerPolicy policy) {
        Function<String, ServerBreaker> perServer = ServerBreaker.perServer(policy);
        return perServer.apply(SERVER);
    }

    private CircuitBreaker.State state() {
        return registry.circuitBreaker("fluss.server." + SERVER).getState();
    }

    private void fail(ServerBreaker breaker, Throwable error) {
        assertThatThrownBy(() -> breaker.call(request(Mono.<String>error(error))).block(WAIT))
                .isSameAs(error);
    }

    private <T> Mono<T> request(Mono<T> answer) {
        return answer.doOnSubscribe(s -> subscribed.incrementAndGet());
    }
}
