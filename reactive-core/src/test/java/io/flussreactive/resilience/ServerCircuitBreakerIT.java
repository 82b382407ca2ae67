package io.flussreactive.resilience;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flussreactive.CircuitBreakerPolicy;
import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.RetryPolicies;
import io.flussreactive.RetryPolicies.Operation;
import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.error.ServerUnavailableException;
import io.flussreactive.error.TimeoutException;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.test.TcpProxy;
import io.flussreactive.type.DataTypes;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tablet server that stops answering: after a few requests time out, its circuit breaker opens and
 * requests routed to it fail at once with a retriable {@link ServerUnavailableException} instead of
 * each waiting for the request timeout; once it answers again, a probe closes the breaker. The
 * application sees the breaker in its own registry.
 */
@ExtendWith(FlussClusterExtension.class)
class ServerCircuitBreakerIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("breaker");

    @Test
    void aServerThatStopsAnsweringIsSkippedAtOnceAfterAFewTimeoutsAndTakenBackWhenItAnswersAgain(
            EmbeddedFlussCluster cluster) throws Exception {
        TablePath path = db.createTable("offsets", TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.INT()).build())
                .distributedBy(1)
                .build());
        String tabletServer = cluster.tabletServerAddress(cluster.tabletServerIds().get(0));
        CircuitBreakerRegistry applicationBreakers = CircuitBreakerRegistry.ofDefaults();
        List<String> transitions = new ArrayList<>();
        applicationBreakers.getEventPublisher().onEntryAdded(added -> added.getAddedEntry().getEventPublisher()
                .onStateTransition(event -> transitions.add(event.getStateTransition().name())));
        try (TcpProxy proxy = TcpProxy.start(tabletServer)) {
            FlussClient client = TestClients.clientVia(cluster, FlussClientOptions.builder()
                            .requestTimeout(Duration.ofMillis(500))
                            // One attempt per offset lookup, so that each call is one request.
                            .retryPolicies(RetryPolicies.builder()
                                    .policy(Operation.ADMIN_READ, RetryConfig.custom().maxAttempts(1).build())
                                    .build())
                            .circuitBreakerPolicy(CircuitBreakerPolicy.builder()
                                    .registry(applicationBreakers)
                                    .config(CircuitBreakerConfig.from(CircuitBreakerPolicy.defaults().config())
                                            .waitDurationInOpenState(Duration.ofMillis(300))
                                            .build())
                                    .build()),
                    address -> address.equals(tabletServer) ? proxy.address() : address);
            try {
                assertThat(latestOffsets(client, path)).containsEntry(0, 0L);

                proxy.pause();
                for (int i = 0; i < CircuitBreakerPolicy.DEFAULT_FAILURES_TO_OPEN; i++) {
                    assertThatThrownBy(() -> latestOffsets(client, path)).isInstanceOf(TimeoutException.class);
                }
                CircuitBreaker breaker = applicationBreakers.circuitBreaker("fluss.server." + tabletServer);
                assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
                assertThatThrownBy(() -> latestOffsets(client, path))
                        .isInstanceOf(ServerUnavailableException.class)
                        .hasMessageContaining(tabletServer);

                proxy.resume();
                await().atMost(TIMEOUT).ignoreExceptions()
                        .until(() -> latestOffsets(client, path).get(0) == 0L);
                assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
                assertThat(transitions).contains("CLOSED_TO_OPEN", "OPEN_TO_HALF_OPEN", "HALF_OPEN_TO_CLOSED");
            } finally {
                client.close().block(TIMEOUT);
            }
        }
    }

    private static Map<Integer, Long> latestOffsets(FlussClient client, TablePath path) {
        return client.admin().listOffsets(path, List.of(0), OffsetSpec.latest()).block(TIMEOUT);
    }
}
