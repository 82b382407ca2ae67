package io.flussreactive.test.internal;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.fluss.config.ConfigOptions;
import org.apache.fluss.config.Configuration;
import org.apache.fluss.rpc.netty.NettyUtils;
import org.apache.fluss.server.tablet.TabletServer;

/**
 * One tablet server of the embedded cluster, across restarts: it keeps its id, its data folder and,
 * once first bound, its ports, so a restarted server is found at the same address with its data.
 */
public final class TabletServerInstance {

    /**
     * A port just released can stay unavailable for a moment while the old server's sockets wind
     * down; a restart retries binding for this long before it gives up.
     */
    private static final Duration REBIND_TIMEOUT = Duration.ofSeconds(10);

    private static final long REBIND_PAUSE_MILLIS = 100;

    private final int id;
    private final Path dataDirectory;
    private final boolean saslListener;
    /** The internal listener's port; the clients' too unless there is a SASL listener. */
    private int port;
    /** The SASL listener's port, when there is one. */
    private int saslPort;
    private TabletServer server;

    /**
     * A tablet server with the given id that keeps its data in {@code dataDirectory}; not started.
     *
     * @param saslListener whether clients reach it on a SASL listener beside the internal one
     */
    public TabletServerInstance(int id, Path dataDirectory, boolean saslListener) {
        this.id = id;
        this.dataDirectory = dataDirectory;
        this.saslListener = saslListener;
    }

    /** The tablet server id. */
    public int id() {
        return id;
    }

    /** Whether the server is currently running. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The running server; {@code null} while stopped. */
    public synchronized TabletServer server() {
        return server;
    }

    /**
     * The {@code host:port} clients reach this server on (its SASL listener, if it has one); stays the
     * same while it is stopped and after it restarts.
     *
     * @throws IllegalStateException if the server was never started
     */
    public synchronized String address() {
        if (port == 0) {
            throw new IllegalStateException("Tablet server " + id + " has never been started");
        }
        return ServerAddresses.loopbackAddress(saslListener ? saslPort : port);
    }

    /**
     * Starts the server with the cluster-wide settings plus its own id, data folder and listener;
     * does nothing if it is running.
     */
    public synchronized void start(Configuration clusterConfiguration) throws Exception {
        if (server != null) {
            return;
        }
        long deadline = System.nanoTime() + REBIND_TIMEOUT.toNanos();
        while (true) {
            TabletServer candidate = new TabletServer(configuration(clusterConfiguration));
            try {
                candidate.start();
                ServerShutdownHooks.remove(candidate);
                server = candidate;
                port = ServerAddresses.boundPort(candidate.getRpcServer());
                if (saslListener) {
                    saslPort = ServerAddresses.boundPort(candidate.getRpcServer(), ServerAddresses.SASL_LISTENER_NAME);
                }
                return;
            } catch (Exception e) {
                boolean mayRetry = port != 0 && NettyUtils.isBindFailure(e) && System.nanoTime() < deadline;
                if (!mayRetry) {
                    throw e;
                }
                Thread.sleep(REBIND_PAUSE_MILLIS);
            }
        }
    }

    /** Shuts the server down in an orderly way; does nothing if it is stopped. */
    public synchronized void stop() throws Exception {
        if (server == null) {
            return;
        }
        TabletServer stopping = server;
        server = null;
        stopping.close();
    }

    private Configuration configuration(Configuration clusterConfiguration) {
        Configuration configuration = new Configuration(clusterConfiguration);
        configuration.set(ConfigOptions.TABLET_SERVER_ID, id);
        configuration.setString(ConfigOptions.DATA_DIR, dataDirectory.toString());
        configuration.setString(ConfigOptions.BIND_LISTENERS, saslListener
                ? ServerAddresses.listenersOnLoopback(port, saslPort)
                : ServerAddresses.listenerOnLoopback(port));
        return configuration;
    }
}
