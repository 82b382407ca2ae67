package io.flussreactive.test.internal;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.apache.fluss.config.Configuration;
import org.apache.fluss.server.metadata.ServerMetadataCache;
import org.apache.fluss.server.tablet.TabletServer;

/** A tablet server of the embedded cluster that runs in the cluster's own JVM. */
public final class TabletServerInstance implements TabletServerNode {

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

    @Override
    public int id() {
        return id;
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public synchronized String address() {
        if (port == 0) {
            throw new IllegalStateException("Tablet server " + id + " has never been started");
        }
        return ServerAddresses.loopbackAddress(saslListener ? saslPort : port);
    }

    @Override
    public synchronized void start(Configuration clusterConfiguration) throws Exception {
        if (server != null) {
            return;
        }
        Configuration configuration =
                TabletServerLaunch.configuration(clusterConfiguration, id, dataDirectory, saslListener, port, saslPort);
        TabletServer started = TabletServerLaunch.start(configuration, port != 0);
        // The cluster stops its servers at exit itself, in order.
        ServerShutdownHooks.remove(started);
        server = started;
        port = ServerAddresses.boundPort(started.getRpcServer());
        if (saslListener) {
            saslPort = ServerAddresses.boundPort(started.getRpcServer(), ServerAddresses.SASL_LISTENER_NAME);
        }
    }

    @Override
    public synchronized void stop() throws Exception {
        if (server == null) {
            return;
        }
        TabletServer stopping = server;
        server = null;
        stopping.close();
    }

    /** A server in the cluster's JVM cannot be killed without killing the cluster. */
    @Override
    public void kill() {
        throw new UnsupportedOperationException("Tablet server " + id + " runs in the cluster's JVM and cannot be"
                + " killed; build the cluster with tabletServersInOwnProcesses()");
    }

    @Override
    public synchronized Optional<Set<Integer>> liveTabletServers() {
        if (server == null) {
            return Optional.empty();
        }
        ServerMetadataCache cache = server.getMetadataCache();
        return MetadataAgreement.knowsCoordinator(cache)
                ? Optional.of(MetadataAgreement.liveIds(cache))
                : Optional.empty();
    }
}
