package io.flussreactive.internal.rpc;

import io.flussreactive.CircuitBreakerPolicy;
import io.flussreactive.internal.telemetry.ClientTelemetry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * All connections of one Fluss client: one set of {@link NodeClient} lanes per server address, created on
 * first use.
 */
public final class RpcClient {

    private final TransportOptions options;
    private final UnaryOperator<String> connectAddress;
    private final Map<String, NodeClient> nodes = new ConcurrentHashMap<>();
    private final LongAdder[] requestsSent = new LongAdder[ApiKey.values().length];
    private final Function<String, ServerBreaker> breakers;
    /** The breakers' registry when the client made it itself (not the application's), else null. */
    private final CircuitBreakerRegistry ownBreakerRegistry;
    private final ClientTelemetry telemetry;
    private volatile boolean closed;

    /**
     * Creates a client that connects nowhere until asked.
     *
     * @param options timeouts and limits for every connection
     */
    public RpcClient(TransportOptions options) {
        this(options, UnaryOperator.identity());
    }

    /**
     * Creates a client that connects somewhere else than the addresses it is given, for tests that put
     * a proxy between client and servers.
     *
     * @param options timeouts and limits for every connection
     * @param connectAddress maps a server's {@code host:port} to the {@code host:port} to connect to
     */
    public RpcClient(TransportOptions options, UnaryOperator<String> connectAddress) {
        this(options, connectAddress, CircuitBreakerPolicy.disabled());
    }

    /**
     * Creates a client whose servers each have a circuit breaker, made by a policy.
     *
     * @param options timeouts and limits for every connection
     * @param connectAddress maps a server's {@code host:port} to the {@code host:port} to connect to
     * @param breakers the circuit breaker of each server
     */
    public RpcClient(TransportOptions options, UnaryOperator<String> connectAddress, CircuitBreakerPolicy breakers) {
        this(options, connectAddress, breakers, ClientTelemetry.NONE);
    }

    /**
     * Creates a client whose servers each have a circuit breaker, and whose requests and connections are
     * recorded.
     *
     * @param options timeouts and limits for every connection
     * @param connectAddress maps a server's {@code host:port} to the {@code host:port} to connect to
     * @param breakers the circuit breaker of each server
     * @param telemetry where each server's requests and connections are recorded
     */
    public RpcClient(TransportOptions options, UnaryOperator<String> connectAddress, CircuitBreakerPolicy breakers,
            ClientTelemetry telemetry) {
        this.options = options;
        this.connectAddress = connectAddress;
        this.telemetry = telemetry;
        CircuitBreakerRegistry registry = ServerBreaker.registryOf(breakers);
        this.ownBreakerRegistry = breakers.registry().isPresent() ? null : registry;
        this.breakers = ServerBreaker.perServer(breakers, registry);
        for (int i = 0; i < requestsSent.length; i++) {
            requestsSent[i] = new LongAdder();
        }
    }

    /**
     * The client for the server at {@code host:port}.
     *
     * @param host the server host
     * @param port the server port
     * @return the server's first lane, shared by every caller
     */
    public NodeClient node(String host, int port) {
        NodeClient node = nodes.computeIfAbsent(host + ":" + port, address -> {
            String target = connectAddress.apply(address);
            int colon = target.lastIndexOf(':');
            return NodeClient.create(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)), options,
                    requestsSent, breakers.apply(address), telemetry.server(address));
        });
        if (closed) {
            // Requests through it fail at once; it holds no connection.
            node.close().subscribe();
        }
        return node;
    }

    /** How many requests of an API were sent (or attempted) so far, over every connection. */
    public long requestsSent(ApiKey key) {
        return requestsSent[key.ordinal()].sum();
    }

    /**
     * The registry of the servers' circuit breakers when the client made it itself; null when they are in
     * the application's registry or disabled.
     */
    public CircuitBreakerRegistry ownBreakerRegistry() {
        return ownBreakerRegistry;
    }

    /** The settings every connection uses. */
    public TransportOptions options() {
        return options;
    }

    /** Closes every connection. Safe to call more than once. */
    public Mono<Void> close() {
        return Mono.defer(() -> {
            closed = true;
            return Flux.fromIterable(nodes.values()).flatMap(NodeClient::close).then();
        });
    }
}
