package io.flussreactive.test.internal;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.fluss.config.ConfigOptions;
import org.apache.fluss.config.Configuration;
import org.apache.fluss.rpc.netty.NettyUtils;
import org.apache.fluss.server.tablet.TabletServer;

/** How a tablet server of the embedded cluster is configured and started, in its JVM or the cluster's. */
public final class TabletServerLaunch {

    /**
     * A port just released can stay unavailable for a moment while the old server's sockets wind
     * down; a restart retries binding for this long before it gives up.
     */
    private static final Duration REBIND_TIMEOUT = Duration.ofSeconds(10);

    private static final long REBIND_PAUSE_MILLIS = 100;

    private TabletServerLaunch() {}

    /**
     * The cluster-wide settings plus one server's id, data folder and listeners on the loopback
     * interface.
     *
     * @param port the internal listener's port, 0 for any free one
     * @param saslPort the SASL listener's port, 0 for any free one; ignored without a SASL listener
     */
    public static Configuration configuration(Configuration clusterConfiguration, int id, Path dataDirectory,
            boolean saslListener, int port, int saslPort) {
        Configuration configuration = new Configuration(clusterConfiguration);
        configuration.set(ConfigOptions.TABLET_SERVER_ID, id);
        configuration.setString(ConfigOptions.DATA_DIR, dataDirectory.toString());
        configuration.setString(ConfigOptions.BIND_LISTENERS, saslListener
                ? ServerAddresses.listenersOnLoopback(port, saslPort)
                : ServerAddresses.listenerOnLoopback(port));
        return configuration;
    }

    /**
     * Starts a tablet server; with fixed ports (a restart), tries again for a while when they are still
     * taken. The started server keeps the shutdown hook Fluss registers; failed attempts do not.
     *
     * @param portsFixed whether the configuration names the ports (else any free port is taken)
     */
    public static TabletServer start(Configuration configuration, boolean portsFixed) throws Exception {
        long deadline = System.nanoTime() + REBIND_TIMEOUT.toNanos();
        while (true) {
            TabletServer candidate = new TabletServer(configuration);
            try {
                candidate.start();
                return candidate;
            } catch (Exception e) {
                // A failed start has cleaned up after itself but left its hook registered.
                ServerShutdownHooks.remove(candidate);
                boolean mayRetry = portsFixed && NettyUtils.isBindFailure(e) && System.nanoTime() < deadline;
                if (!mayRetry) {
                    throw e;
                }
                Thread.sleep(REBIND_PAUSE_MILLIS);
            }
        }
    }
}
