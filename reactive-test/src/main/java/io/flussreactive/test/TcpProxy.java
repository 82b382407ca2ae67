package io.flussreactive.test;

import io.flussreactive.test.internal.ForwardingGate;
import io.flussreactive.test.internal.ProxiedConnection;
import io.flussreactive.test.internal.ServerAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy for fault-injection tests: it listens on an ephemeral port of 127.0.0.1 and connects
 * every accepted connection to a target address, copying bytes both ways. A test points a client
 * at {@link #address()} instead of the server, then makes the network misbehave:
 * {@link #pause()} holds all bytes (requests go unanswered, connections stay open),
 * {@link #resume()} lets them through again, {@link #dropConnections()} resets every connection as
 * if the peer had died.
 *
 * <p>Fluss clients learn every server's real address from metadata, so only connections made to the
 * proxy's own address pass through it.
 *
 * <p>Built on plain JDK sockets with daemon threads (two per connection); meant for tests only.
 */
public final class TcpProxy implements AutoCloseable {

    private static final int TARGET_CONNECT_TIMEOUT_MILLIS = 10_000;

    private static final long ACCEPTOR_EXIT_TIMEOUT_MILLIS = 10_000;

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final ForwardingGate toTargetGate = new ForwardingGate();
    private final ForwardingGate toClientGate = new ForwardingGate();
    private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong acceptedCount = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closed;

    private TcpProxy(String targetHost, int targetPort, ServerSocket listener) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = listener;
        this.acceptor = new Thread(this::acceptConnections, "tcp-proxy-" + listener.getLocalPort() + "-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * Starts a proxy to {@code targetHost:targetPort}.
     *
     * @param targetHost the host to forward to
     * @param targetPort the port to forward to
     * @return the running proxy
     * @throws IOException if no loopback port can be bound
     */
    public static TcpProxy start(String targetHost, int targetPort) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        TcpProxy proxy = new TcpProxy(targetHost, targetPort, listener);
        proxy.acceptor.start();
        return proxy;
    }

    /**
     * Starts a proxy to a {@code host:port} address, such as
     * {@link EmbeddedFlussCluster#tabletServerAddress(int)} returns.
     *
     * @param targetAddress {@code host:port}
     * @return the running proxy
     * @throws IOException if no loopback port can be bound
     */
    public static TcpProxy start(String targetAddress) throws IOException {
        int colon = targetAddress.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Expected host:port, not " + targetAddress);
        }
        return start(targetAddress.substring(0, colon), Integer.parseInt(targetAddress.substring(colon + 1)));
    }

    /** The port the proxy listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** The {@code host:port} a client connects to instead of the target. */
    public String address() {
        return ServerAddresses.loopbackAddress(port());
    }

    /**
     * Stops copying bytes in both directions, on current and new connections, without closing
     * anything: whatever a client sends from now on goes unanswered until {@link #resume()}.
     */
    public void pause() {
        toTargetGate.close();
        toClientGate.close();
    }

    /**
     * Stops forwarding the target's answers to the client, but keeps forwarding the client's bytes
     * to the target: requests arrive and are processed, their answers are held. With
     * {@link #dropConnections()} this loses answers to requests the server handled.
     */
    public void pauseResponses() {
        toClientGate.close();
    }

    /** Copies bytes again; whatever was held back during the pause is delivered first, in order. */
    public void resume() {
        toTargetGate.open();
        toClientGate.open();
    }

    /** Whether the proxy is paused. */
    public boolean isPaused() {
        return !toTargetGate.isOpen() || !toClientGate.isOpen();
    }

    /**
     * Resets every current connection on both sides, as if the peer had crashed: the client and the
     * target see the connection fail. New connections are accepted as before.
     */
    public void dropConnections() {
        for (ProxiedConnection connection : List.copyOf(connections)) {
            connection.closeAbruptly();
        }
    }

    /** The number of connections currently open through the proxy. */
    public int connectionCount() {
        return connections.size();
    }

    /** The number of connections the proxy has accepted since it started. */
    public long acceptedCount() {
        return acceptedCount.get();
    }

    /**
     * Stops listening and resets every connection; once it returns, the port refuses connections.
     * Calling it again does nothing.
     */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // The listener is unusable either way.
        }
        // The socket keeps listening until the thread blocked in accept() has let go of it.
        try {
            acceptor.join(ACCEPTOR_EXIT_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dropConnections();
    }

    private void acceptConnections() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            acceptedCount.incrementAndGet();
            connect(client);
        }
    }

    private void connect(Socket client) {
        Socket target = new Socket();
        try {
            client.setTcpNoDelay(true);
            target.setTcpNoDelay(true);
            target.connect(new InetSocketAddress(targetHost, targetPort), TARGET_CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            // The target refuses: so does the proxy, by resetting the client's connection.
            ProxiedConnection refused = new ProxiedConnection(client, target, toTargetGate, toClientGate, ignored -> {});
            refused.closeAbruptly();
            return;
        }
        ProxiedConnection connection = new ProxiedConnection(client, target, toTargetGate, toClientGate, connections::remove);
        connections.add(connection);
        if (closed) {
            connection.closeAbruptly();
            return;
        }
        connection.start("tcp-proxy-" + port() + "-connection-" + acceptedCount.get());
    }
}
