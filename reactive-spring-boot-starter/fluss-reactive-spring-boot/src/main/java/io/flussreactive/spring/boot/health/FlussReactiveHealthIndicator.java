package io.flussreactive.spring.boot.health;

import io.flussreactive.FlussClient;
import io.flussreactive.admin.ServerNode;
import io.flussreactive.admin.ServerType;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/**
 * The health of the Fluss cluster a {@link FlussClient} reaches: asks the coordinator for the cluster's
 * servers ({@link io.flussreactive.admin.FlussAdmin#serverNodes()}).
 *
 * <ul>
 *   <li>UP when the coordinator answers and names at least one tablet server; details
 *       {@code coordinator} (its address) and {@code tabletServers} (how many);
 *   <li>DOWN when the coordinator names no tablet server (nothing can be written or read), with a
 *       {@code reason};
 *   <li>DOWN with the {@code error} when the cluster cannot be reached, or does not answer within the
 *       timeout.
 * </ul>
 */
public final class FlussReactiveHealthIndicator extends AbstractReactiveHealthIndicator {

    private final FlussClient client;
    private final Duration timeout;

    /**
     * An indicator of the cluster the client reaches.
     *
     * @param client the client
     * @param timeout how long a check waits for the coordinator's answer before it reports the cluster down
     */
    public FlussReactiveHealthIndicator(FlussClient client, Duration timeout) {
        super("Fluss health check failed");
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return client.admin().serverNodes().collectList()
                // Bounded here and not only by the client's request timeout: the bootstrap may try several
                // addresses, each up to the connect timeout, and the metadata policy retries.
                .timeout(timeout, Mono.error(() -> new TimeoutException(
                        "No answer from the Fluss coordinator within " + timeout)))
                .map(servers -> health(builder, servers));
    }

    private static Health health(Health.Builder builder, List<ServerNode> servers) {
        long tabletServers = servers.stream().filter(server -> server.serverType() == ServerType.TABLET_SERVER).count();
        servers.stream()
                .filter(server -> server.serverType() == ServerType.COORDINATOR)
                .findFirst()
                .ifPresent(coordinator -> builder.withDetail("coordinator", coordinator.address()));
        builder.withDetail("tabletServers", tabletServers);
        if (tabletServers == 0) {
            return builder.down().withDetail("reason", "The coordinator knows no live tablet server").build();
        }
        return builder.up().build();
    }
}
