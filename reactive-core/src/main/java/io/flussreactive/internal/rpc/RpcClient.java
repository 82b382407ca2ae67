package io.flussreactive.internal.rpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * All connections of one Fluss client: one {@link NodeClient} per server address, created on first use.
 */
public final class RpcClient {

    private final TransportOptions options;
    private final Map<String, NodeClient> nodes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Creates a client that connects nowhere until asked.
     *
     * @param options timeouts and limits for every connection
     */
    public RpcClient(TransportOptions options) {
        this.options = options;
    }

    /**
     * The client for the server at {@code host:port}.
     *
     * @param host the server host
     * @param port the server port
     * @return the node client, shared by every caller
     */
    public NodeClient node(String host, int port) {
        NodeClient node = nodes.computeIfAbsent(host + ":" + port, address -> new NodeClient(host, port, options));
        if (closed) {
            // Requests through it fail at once; it holds no connection.
            node.close().subscribe();
        }
        return node;
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
