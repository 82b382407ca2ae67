package io.flussreactive.test.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.apache.fluss.shaded.zookeeper3.org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.fluss.shaded.zookeeper3.org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A standalone ZooKeeper server on an ephemeral loopback port, using the ZooKeeper copy that the
 * Fluss server jar carries.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

    /**
     * Short ticks make session expiry precise: ZooKeeper checks for expired sessions once per tick.
     */
    private static final int TICK_MILLIS = 500;

    /**
     * ZooKeeper caps a client's session timeout at 20 ticks by default (10 s here); raise the cap so
     * that a session timeout configured for the servers is honoured as given.
     */
    private static final int MAX_SESSION_TIMEOUT_MILLIS = 300_000;

    private static final int MAX_CLIENT_CONNECTIONS = 1_000;

    private final ZooKeeperServer server;
    private final ServerCnxnFactory connectionFactory;

    private EmbeddedZooKeeper(ZooKeeperServer server, ServerCnxnFactory connectionFactory) {
        this.server = server;
        this.connectionFactory = connectionFactory;
    }

    /** Starts a ZooKeeper that keeps its snapshots and transaction log under {@code dataDir}. */
    public static EmbeddedZooKeeper start(Path dataDir) throws IOException, InterruptedException {
        ZooKeeperServer server =
                new ZooKeeperServer(dataDir.toFile(), dataDir.toFile(), TICK_MILLIS);
        server.setMaxSessionTimeout(MAX_SESSION_TIMEOUT_MILLIS);
        ServerCnxnFactory connectionFactory = ServerCnxnFactory.createFactory(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), MAX_CLIENT_CONNECTIONS);
        try {
            connectionFactory.startup(server);
        } catch (IOException | InterruptedException | RuntimeException e) {
            connectionFactory.shutdown();
            throw e;
        }
        return new EmbeddedZooKeeper(server, connectionFactory);
    }

    /** The {@code host:port} string that ZooKeeper clients connect to. */
    public String connectString() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + connectionFactory.getLocalPort();
    }

    /** Stops accepting clients, closes every session and releases the data files. */
    @Override
    public void close() throws IOException {
        connectionFactory.shutdown();
        server.shutdown(true);
        if (server.getZKDatabase() != null) {
            server.getZKDatabase().close();
        }
    }
}
