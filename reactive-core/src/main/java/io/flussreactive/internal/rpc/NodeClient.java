package io.flussreactive.internal.rpc;

import com.google.protobuf.MessageLite;
import io.flussreactive.error.NetworkException;
import io.flussreactive.internal.telemetry.ServerTelemetry;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The client side of one connection to a server: it opens the connection on first use, shares it
 * among all requests, and opens a new one on the next request after the old one closed.
 *
 * <p>A server is reached through a fixed set of such connections, its <em>lanes</em>
 * ({@link #lane(int)}). The server answers the requests of one connection one after another on one
 * of its request threads, so a single connection caps what one client gets from a server at one of
 * its cores; requests spread over lanes are served side by side. A writer keeps each bucket on one
 * lane, so the batches of a bucket still arrive in the order they were sent.
 *
 * <p>Reconnection is lazy on purpose: a closed connection fails the requests it carried with a
 * retriable error, and whoever retries them (or sends anything new) brings the connection back.
 *
 * <p>Requests made while a connection is being opened (connected, versions negotiated, credentials
 * accepted) wait for it, each step within its timeout, and none is sent before it is ready; when
 * opening fails, all of them fail with that one error, a refusal of the credentials included.
 */
public final class NodeClient implements ServerLane {

    private final String host;
    private final int port;
    private final TransportOptions options;
    private final Mono<RpcConnection> connection;
    private final AtomicReference<RpcConnection> current = new AtomicReference<>();
    private final LongAdder[] requestsSent;
    /** The server's circuit breaker, shared by its lanes. */
    private final ServerBreaker breaker;
    /** Where the server's requests and connections are recorded, shared by its lanes. */
    private final ServerTelemetry telemetry;
    /** Every lane of this server, this one included, shared by all of them. */
    private final NodeClient[] lanes;
    private volatile boolean closed;

    private NodeClient(String host, int port, TransportOptions options, LongAdder[] requestsSent,
            ServerBreaker breaker, ServerTelemetry telemetry, NodeClient[] lanes) {
        this.host = host;
        this.telemetry = telemetry;
        this.breaker = breaker;
        this.port = port;
        this.options = options;
        this.requestsSent = requestsSent;
        this.lanes = lanes;
        this.connection = Mono.defer(this::openConnection)
                // Keep the connection while it is open (checked on every use, so a request sent right
                // after a close reconnects); a failed connect is not remembered.
                .cacheInvalidateIf(c -> !c.isOpen());
    }

    /**
     * Creates the lanes of one server; none connects until used.
     *
     * @return the first lane, which carries every request not sent through {@link #lane(int)}
     */
    static NodeClient create(String host, int port, TransportOptions options, LongAdder[] requestsSent,
            ServerBreaker breaker, ServerTelemetry telemetry) {
        NodeClient[] lanes = new NodeClient[options.connectionsPerServer()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new NodeClient(host, port, options, requestsSent, breaker, telemetry, lanes);
        }
        return lanes[0];
    }

    /**
     * The lane of this server that carries requests for {@code key}: the same key always gets the same
     * connection, so requests with one key reach the server in the order they were sent.
     *
     * @param key any number, for example a bucket's id or a running count to spread requests
     * @return one of this server's lanes
     */
    @Override
    public NodeClient lane(int key) {
        return lanes[Math.floorMod(key, lanes.length)];
    }

    /** {@code host:port} of this server. */
    public String address() {
        return host + ":" + port;
    }

    /**
     * Sends one request to this server, connecting first if needed.
     *
     * @see RpcConnection#send(ApiMethod, MessageLite)
     */
    @Override
    public <Q extends MessageLite, R> Mono<R> send(ApiMethod<Q, R> method, Q request) {
        return sendOn(method.key(), c -> c.send(method, request));
    }

    /**
     * Sends one request whose record batches go into the frame by reference, connecting first if needed.
     *
     * @see RpcConnection#send(ApiMethod, RecordsMessage)
     */
    @Override
    public <Q extends MessageLite, R> Mono<R> send(ApiMethod<Q, R> method, RecordsMessage<Q> request) {
        return sendOn(method.key(), c -> c.send(method, request));
    }

    /**
     * Counts a request of {@code key} and sends it on this lane's connection, connecting first if needed,
     * unless the server's circuit breaker is open.
     */
    private <R> Mono<R> sendOn(ApiKey key, Function<RpcConnection, Mono<R>> send) {
        return breaker.call(connection.flatMap(c -> {
            requestsSent[key.ordinal()].increment();
            return telemetry.timed(key, send.apply(c));
        }));
    }

    /** Whether a connection of this lane is open right now (for tests and diagnostics). */
    public boolean isConnected() {
        RpcConnection c = current.get();
        return c != null && c.isOpen();
    }

    private Mono<RpcConnection> openConnection() {
        if (closed) {
            return Mono.error(clientClosed());
        }
        return RpcConnection.open(host, port, options).flatMap(c -> {
            current.set(c);
            telemetry.connectionOpened();
            c.onClose().subscribe(null, closed -> telemetry.connectionClosed(), telemetry::connectionClosed);
            if (closed) {
                // close() ran while we were connecting and did not see this connection.
                c.dispose();
                return Mono.error(clientClosed());
            }
            return Mono.just(c);
        });
    }

    /** Closes every lane of this server; later requests fail. Safe to call more than once. */
    public Mono<Void> close() {
        return Flux.fromArray(lanes).flatMap(NodeClient::closeLane).then();
    }

    private Mono<Void> closeLane() {
        return Mono.defer(() -> {
            closed = true;
            RpcConnection c = current.getAndSet(null);
            if (c == null) {
                return Mono.empty();
            }
            c.dispose();
            return c.onClose();
        });
    }

    /** Drops the connections of every lane as if the network failed (for tests). */
    void disconnect() {
        for (NodeClient lane : lanes) {
            RpcConnection c = lane.current.get();
            if (c != null) {
                c.dispose();
            }
        }
    }

    private NetworkException clientClosed() {
        return new NetworkException("The client is closed; no more requests to " + address());
    }
}
