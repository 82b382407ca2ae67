package io.flussreactive.internal.rpc;

import com.google.protobuf.MessageLite;
import io.flussreactive.error.NetworkException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Mono;

/**
 * The client side of one server address: it opens a connection on first use, shares it among all
 * requests, and opens a new one on the next request after the old one closed.
 *
 * <p>Reconnection is lazy on purpose: a closed connection fails the requests it carried with a
 * retriable error, and whoever retries them (or sends anything new) brings the connection back.
 */
public final class NodeClient {

    private final String host;
    private final int port;
    private final TransportOptions options;
    private final Mono<RpcConnection> connection;
    private final AtomicReference<RpcConnection> current = new AtomicReference<>();
    private final LongAdder[] requestsSent;
    private volatile boolean closed;

    NodeClient(String host, int port, TransportOptions options, LongAdder[] requestsSent) {
        this.host = host;
        this.port = port;
        this.options = options;
        this.requestsSent = requestsSent;
        this.connection = Mono.defer(this::openConnection)
                // Keep the connection while it is open (checked on every use, so a request sent right
                // after a close reconnects); a failed connect is not remembered.
                .cacheInvalidateIf(c -> !c.isOpen());
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
    public <Q extends MessageLite, R> Mono<R> send(ApiMethod<Q, R> method, Q request) {
        return connection.flatMap(c -> {
            requestsSent[method.key().ordinal()].increment();
            return c.send(method, request);
        });
    }

    /** Whether a connection is open right now (for tests and diagnostics). */
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
            if (closed) {
                // close() ran while we were connecting and did not see this connection.
                c.dispose();
                return Mono.error(clientClosed());
            }
            return Mono.just(c);
        });
    }

    /** Closes the connection, if any; later requests fail. Safe to call more than once. */
    public Mono<Void> close() {
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

    /** Drops the current connection as if the network failed (for tests). */
    void disconnect() {
        RpcConnection c = current.get();
        if (c != null) {
            c.dispose();
        }
    }

    private NetworkException clientClosed() {
        return new NetworkException("The client is closed; no more requests to " + address());
    }
}
