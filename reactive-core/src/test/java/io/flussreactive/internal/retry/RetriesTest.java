package io.flussreactive.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.FlussClientOptions;
import io.flussreactive.RetryPolicies;
import io.flussreactive.RetryPolicies.Operation;
import io.flussreactive.error.ErrorCode;
import io.flussreactive.error.LeaderNotAvailableException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class RetriesTest {

    private static final RetryConfig QUICK = RetryConfig.custom()
            .maxAttempts(4)
            .intervalFunction(IntervalFunction.of(Duration.ofMillis(1)))
            .retryOnException(RetryPolicies::isRetriable)
            .build();

    private final Retries retries =
            new Retries(RetryPolicies.builder().policy(Operation.ADMIN_READ, QUICK).build());

    @Test
    void aColdRequestFailingForAReasonThatMayPassIsSentAgainUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        Mono<String> request = Mono.defer(() -> attempts.incrementAndGet() < 3
                ? Mono.error(new LeaderNotAvailableException("no leader yet"))
                : Mono.just("found"));

        String answer = request.transformDeferred(Retries.onMono(retries.retry(Operation.ADMIN_READ)))
                .block(Duration.ofSeconds(5));

        assertThat(answer).isEqualTo("found");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aFailureThatCannotPassIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        Mono<String> request = Mono.defer(() -> {
            attempts.incrementAndGet();
            return Mono.error(ErrorCode.TABLE_NOT_EXIST.toException("no such table"));
        });

        assertThatThrownBy(() -> request.transformDeferred(Retries.onMono(retries.retry(Operation.ADMIN_READ)))
                .block(Duration.ofSeconds(5)))
                .hasMessageContaining("no such table");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void afterItsLastAttemptARequestFailsWithTheLastFailure() {
        AtomicInteger attempts = new AtomicInteger();
        Mono<String> request = Mono.defer(() ->
                Mono.error(new LeaderNotAvailableException("attempt " + attempts.incrementAndGet())));

        assertThatThrownBy(() -> request.transformDeferred(Retries.onMono(retries.retry(Operation.ADMIN_READ)))
                .block(Duration.ofSeconds(5)))
                .isInstanceOf(LeaderNotAvailableException.class)
                .hasMessageContaining("attempt 4");
        assertThat(attempts).hasValue(4);
    }

    @Test
    void eachSubscriptionCountsItsOwnAttempts() {
        Retry retry = retries.retry(Operation.ADMIN_READ);
        AtomicInteger attempts = new AtomicInteger();
        Mono<String> request = Mono.defer(() -> attempts.incrementAndGet() % 3 != 0
                ? Mono.error(new LeaderNotAvailableException("not yet"))
                : Mono.just("found")).transformDeferred(Retries.onMono(retry));

        // Three attempts each: with a shared count, the second subscription would run out of attempts.
        assertThat(request.block(Duration.ofSeconds(5))).isEqualTo("found");
        assertThat(request.block(Duration.ofSeconds(5))).isEqualTo("found");
        assertThat(attempts).hasValue(6);
    }

    @Test
    void retriesAreMadeInTheApplicationsRegistryUnderTheirOperationsNames() {
        RetryRegistry registry = RetryRegistry.ofDefaults();
        Retries inApplication = new Retries(RetryPolicies.builder()
                .registry(registry)
                .policy(Operation.LOOKUP, QUICK)
                .build());
        List<String> events = new ArrayList<>();
        Retry lookup = inApplication.retry(Operation.LOOKUP);
        lookup.getEventPublisher().onEvent(event -> events.add(event.getEventType().name()));

        AtomicInteger attempts = new AtomicInteger();
        Mono.defer(() -> attempts.incrementAndGet() < 2
                        ? Mono.error(new LeaderNotAvailableException("moved"))
                        : Mono.just(1))
                .transformDeferred(Retries.onMono(lookup))
                .block(Duration.ofSeconds(5));

        assertThat(registry.find("fluss.lookup")).containsSame(lookup);
        assertThat(lookup.getRetryConfig().getMaxAttempts()).isEqualTo(4);
        assertThat(events).containsExactly("RETRY", "SUCCESS");
        assertThat(inApplication.retry(Operation.METADATA, "cluster-starting", e -> true).getName())
                .isEqualTo("fluss.metadata.cluster-starting");
    }

    @Test
    void theDefaultPoliciesBackOffExponentiallyWithJitterUpToALimit() {
        var lookupBackoff = RetryPolicies.defaults().policy(Operation.LOOKUP).getIntervalBiFunction();
        for (int attempt = 1; attempt <= 12; attempt++) {
            long nominal = Math.min(50L << (attempt - 1), 1_000);
            long backoff = lookupBackoff.apply(attempt, null);
            assertThat(backoff).as("backoff before attempt %d", attempt + 1)
                    .isBetween(nominal / 2, nominal * 3 / 2);
        }
        assertThat(RetryPolicies.defaults().policy(Operation.WRITE).getMaxAttempts()).isEqualTo(Integer.MAX_VALUE);
        assertThat(RetryPolicies.defaults().policy(Operation.METADATA).getExceptionPredicate()
                .test(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void onlyWritesRetryAnUnknownServerErrorByDefault() {
        var unknown = ErrorCode.UNKNOWN_SERVER_ERROR.toException("NullPointerException in the server");
        for (Operation operation : Operation.values()) {
            assertThat(RetryPolicies.defaults().policy(operation).getExceptionPredicate().test(unknown))
                    .as("%s retries an unknown server error", operation)
                    .isEqualTo(operation == Operation.WRITE);
            assertThat(RetryPolicies.defaults().policy(operation).getExceptionPredicate()
                    .test(ErrorCode.TABLE_NOT_EXIST.toException("dropped")))
                    .as("%s retries a missing table", operation)
                    .isFalse();
        }
    }

    @Test
    void clientOptionsCarryThePoliciesTheyWereGiven() {
        RetryPolicies policies = RetryPolicies.builder().policy(Operation.FETCH, QUICK).build();

        FlussClientOptions options = FlussClientOptions.builder()
                .bootstrapServers("127.0.0.1:9123")
                .retryPolicies(policies)
                .build();

        assertThat(options.retryPolicies().policy(Operation.FETCH)).isSameAs(QUICK);
        assertThat(FlussClientOptions.builder().bootstrapServers("127.0.0.1:9123").build().retryPolicies())
                .isSameAs(RetryPolicies.defaults());
    }
}
