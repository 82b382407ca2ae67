package io.flussreactive.test.internal;

import java.util.Optional;
import java.util.Set;
import org.apache.fluss.config.Configuration;

/**
 * One tablet server of the embedded cluster, across restarts, wherever it runs: in the cluster's JVM
 * ({@link TabletServerInstance}) or in a JVM of its own ({@link TabletServerProcess}). It keeps its id,
 * its data folder and, once first bound, its ports, so a restarted server is found at the same address
 * with its data.
 */
public interface TabletServerNode {

    /** The tablet server id. */
    int id();

    /** Whether the server is currently running. */
    boolean isRunning();

    /**
     * The {@code host:port} clients reach this server on (its SASL listener, if it has one); stays the
     * same while it is stopped and after it restarts.
     *
     * @throws IllegalStateException if the server was never started
     */
    String address();

    /**
     * Starts the server with the cluster-wide settings plus its own id, data folder and listeners, and
     * returns once it is registered; does nothing if it is running.
     */
    void start(Configuration clusterConfiguration) throws Exception;

    /** Shuts the server down in an orderly way; does nothing if it is stopped. */
    void stop() throws Exception;

    /**
     * Ends the server at once, without telling anybody (SIGKILL for a server in a JVM of its own); does
     * nothing if it is stopped.
     *
     * @throws UnsupportedOperationException if the server runs in the cluster's JVM
     */
    void kill() throws Exception;

    /**
     * The tablet servers this server's metadata lists as live, or empty while it is stopped or does not
     * know the coordinator yet.
     */
    Optional<Set<Integer>> liveTabletServers() throws Exception;
}
