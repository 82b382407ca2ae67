package io.flussreactive.test;

import io.flussreactive.test.internal.BucketLeaders;
import io.flussreactive.test.internal.Directories;
import io.flussreactive.test.internal.EmbeddedZooKeeper;
import io.flussreactive.test.internal.MetadataAgreement;
import io.flussreactive.test.internal.Polling;
import io.flussreactive.test.internal.ServerAddresses;
import io.flussreactive.test.internal.ServerShutdownHooks;
import io.flussreactive.test.internal.TabletServerInstance;
import io.flussreactive.test.internal.TabletServerNode;
import io.flussreactive.test.internal.TabletServerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.fluss.config.ConfigOptions;
import org.apache.fluss.config.Configuration;
import org.apache.fluss.server.coordinator.CoordinatorServer;

/**
 * A real Apache Fluss cluster inside the current JVM, for tests, demos and local development:
 * a ZooKeeper, one coordinator server and one or more tablet servers, all listening on ephemeral
 * ports of 127.0.0.1, with their data in a fresh folder that {@link #close()} deletes.
 *
 * <pre>{@code
 * try (EmbeddedFlussCluster cluster = EmbeddedFlussCluster.builder().tabletServers(3).build()) {
 *     cluster.start();
 *     String bootstrap = cluster.bootstrapServers();
 *     ...
 * }
 * }</pre>
 *
 * <p>Tablet servers have the ids {@code 0} to {@code n - 1}. One can be stopped and started again
 * to test a client's fail-over; it comes back on the same address with the same data. Starting a
 * cluster takes a few seconds and a few hundred MiB of heap, so test suites share one (see
 * {@link FlussClusterExtension}).
 *
 * <p>With {@link Builder#tabletServersInOwnProcesses()}, each tablet server runs in a JVM of its own
 * (ZooKeeper and the coordinator stay in this one), so that a test can kill it as a crash would
 * ({@link #killTabletServer(int)}, SIGKILL) and start it again. Those JVMs run on this JVM's class path,
 * write their output to {@code tablet-server-<id>.log} in the cluster's folder, keep their temp files in
 * its {@code tmp} folder, and die with this JVM: killed when it exits, and halting on their own when it
 * was killed.
 *
 * <p>With users ({@link Builder#saslPlainUser}), clients must authenticate with SASL/PLAIN: every
 * server then has two listeners, an internal one without authentication on which the servers talk
 * to each other, and a SASL one for clients, whose addresses are the ones this class hands out.
 *
 * <p>The servers need {@code --add-opens=java.base/java.nio=ALL-UNNAMED}, and RocksDB unpacks its
 * native library into {@code java.io.tmpdir} and leaves it there: point that at a build folder.
 *
 * <p>All methods are thread-safe.
 */
public final class EmbeddedFlussCluster implements AutoCloseable {

    /** How long {@link #start()} and the tablet server controls wait for the servers to agree. */
    private static final Duration METADATA_AGREEMENT_TIMEOUT = Duration.ofSeconds(60);

    /** Resource that {@link #main} hands to Logback, unless the user chose a configuration. */
    private static final String MAIN_LOGBACK_CONFIGURATION = "io/flussreactive/test/embedded-cluster-logback.xml";

    private enum State { NEW, RUNNING, CLOSED }

    private final int tabletServerCount;
    private final Map<String, String> serverProperties;
    private final Path baseDirectory;
    private final int coordinatorPort;
    private final boolean sasl;
    private final boolean tabletServersInOwnProcesses;

    private State state = State.NEW;
    private Path clusterDirectory;
    private Configuration clusterConfiguration;
    private EmbeddedZooKeeper zooKeeper;
    private CoordinatorServer coordinator;
    private String coordinatorAddress;
    private final SortedMap<Integer, TabletServerNode> tabletServers = new TreeMap<>();
    /** Opened on first use, by {@link #bucketLeader}. */
    private BucketLeaders bucketLeaders;
    private final Thread closeAtExit = new Thread(this::close, "embedded-fluss-cluster-shutdown");

    private EmbeddedFlussCluster(Builder builder) {
        this.tabletServerCount = builder.tabletServerCount;
        this.serverProperties = builder.serverProperties();
        this.baseDirectory = builder.baseDirectory;
        this.coordinatorPort = builder.coordinatorPort;
        this.sasl = !builder.saslUsers.isEmpty();
        this.tabletServersInOwnProcesses = builder.tabletServersInOwnProcesses;
    }

    /** A builder for a cluster with one tablet server and the defaults it documents. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts ZooKeeper, the coordinator and the tablet servers, and returns once every server lists
     * every tablet server as live, so that a client connecting right away can create tables and find
     * their bucket leaders. Calling it again on a running cluster does nothing.
     *
     * <p>If a server fails to start, whatever was started is stopped and the folder deleted.
     *
     * @return this cluster
     * @throws IllegalStateException if the cluster was closed, or could not be started
     */
    public synchronized EmbeddedFlussCluster start() {
        if (state == State.RUNNING) {
            return this;
        }
        if (state == State.CLOSED) {
            throw new IllegalStateException("The cluster was closed; build a new one");
        }
        // Registered first, so that even a JVM that exits while the servers start cleans up.
        Runtime.getRuntime().addShutdownHook(closeAtExit);
        try {
            startServers();
            state = State.RUNNING;
            return this;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            IllegalStateException failure = new IllegalStateException("Could not start the embedded Fluss cluster", e);
            try {
                stopEverything();
            } catch (Exception cleanupFailure) {
                failure.addSuppressed(cleanupFailure);
            }
            state = State.CLOSED;
            unregisterCloseAtExit();
            throw failure;
        }
    }

    private void startServers() throws Exception {
        Path parent = baseDirectory != null ? baseDirectory : Path.of(System.getProperty("java.io.tmpdir"));
        clusterDirectory = Directories.createFreshDirectory(parent, "fluss-cluster-");
        zooKeeper = EmbeddedZooKeeper.start(Files.createDirectory(clusterDirectory.resolve("zookeeper")));

        clusterConfiguration = Configuration.fromMap(serverProperties);
        clusterConfiguration.setString(ConfigOptions.ZOOKEEPER_ADDRESS, zooKeeper.connectString());
        if (!serverProperties.containsKey(ConfigOptions.REMOTE_DATA_DIR.key())) {
            // Tiered segments and KV snapshots stay in the cluster's folder, unless a test points them elsewhere (S3).
            clusterConfiguration.setString(
                    ConfigOptions.REMOTE_DATA_DIR, clusterDirectory.resolve("remote").toUri().toString());
        }

        Configuration coordinatorConfiguration = new Configuration(clusterConfiguration);
        // The fixed port, if any, is the one clients use.
        coordinatorConfiguration.setString(ConfigOptions.BIND_LISTENERS, sasl
                ? ServerAddresses.listenersOnLoopback(0, coordinatorPort)
                : ServerAddresses.listenerOnLoopback(coordinatorPort));
        coordinator = new CoordinatorServer(coordinatorConfiguration);
        coordinator.start();
        ServerShutdownHooks.remove(coordinator);
        coordinatorAddress = ServerAddresses.loopbackAddress(ServerAddresses.boundPort(coordinator.getRpcServer(),
                sasl ? ServerAddresses.SASL_LISTENER_NAME : ServerAddresses.LISTENER_NAME));

        for (int id = 0; id < tabletServerCount; id++) {
            TabletServerNode tabletServer = tabletServersInOwnProcesses
                    ? new TabletServerProcess(id, clusterDirectory, sasl)
                    : new TabletServerInstance(id, clusterDirectory.resolve("tablet-server-" + id), sasl);
            tabletServers.put(id, tabletServer);
        }
        startTabletServers();
        awaitMetadataAgreement();
    }

    /**
     * Starts the tablet servers: one after the other in this JVM, all at once in JVMs of their own,
     * where each JVM's start-up would otherwise add up.
     */
    private void startTabletServers() throws Exception {
        if (!tabletServersInOwnProcesses) {
            for (TabletServerNode tabletServer : tabletServers.values()) {
                tabletServer.start(clusterConfiguration);
            }
            return;
        }
        List<Thread> starters = new ArrayList<>();
        List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
        for (TabletServerNode tabletServer : tabletServers.values()) {
            Thread starter = new Thread(() -> {
                try {
                    tabletServer.start(clusterConfiguration);
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "start-tablet-server-" + tabletServer.id());
            starter.start();
            starters.add(starter);
        }
        for (Thread starter : starters) {
            starter.join();
        }
        if (!failures.isEmpty()) {
            Exception first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    /**
     * Whether the cluster was started and not closed since (a stopped or killed tablet server does not
     * change it).
     *
     * @return true between {@link #start()} and {@link #close()}
     */
    public synchronized boolean isRunning() {
        return state == State.RUNNING;
    }

    /**
     * The servers a client bootstraps from: the coordinator first, then every tablet server, as
     * {@code host:port} separated by commas (the form of Fluss's {@code bootstrap.servers}); their
     * SASL listeners when the cluster has users. Addresses never change while the cluster lives, even
     * across tablet server restarts.
     *
     * @throws IllegalStateException if the cluster is not running
     */
    public synchronized String bootstrapServers() {
        requireRunning();
        List<String> addresses = new ArrayList<>();
        addresses.add(coordinatorAddress);
        for (TabletServerNode tabletServer : tabletServers.values()) {
            addresses.add(tabletServer.address());
        }
        return String.join(",", addresses);
    }

    /**
     * The coordinator's {@code host:port} for clients (its SASL listener when the cluster has users).
     *
     * @throws IllegalStateException if the cluster is not running
     */
    public synchronized String coordinatorAddress() {
        requireRunning();
        return coordinatorAddress;
    }

    /**
     * A tablet server's {@code host:port} for clients (its SASL listener when the cluster has users);
     * the same while it is stopped and after it restarts.
     *
     * @throws IllegalArgumentException if there is no tablet server with this id
     * @throws IllegalStateException if the cluster is not running
     */
    public synchronized String tabletServerAddress(int id) {
        return tabletServer(id).address();
    }

    /**
     * The ids of all tablet servers, running or stopped, in ascending order: {@code 0} to
     * {@code n - 1}.
     *
     * @throws IllegalStateException if the cluster is not running
     */
    public synchronized List<Integer> tabletServerIds() {
        requireRunning();
        return List.copyOf(tabletServers.keySet());
    }

    /**
     * Whether a tablet server is running.
     *
     * @throws IllegalArgumentException if there is no tablet server with this id
     * @throws IllegalStateException if the cluster is not running
     */
    public synchronized boolean isTabletServerRunning(int id) {
        return tabletServer(id).isRunning();
    }

    /**
     * Shuts a tablet server down in an orderly way (it first asks the coordinator to move its bucket
     * leaders elsewhere, once) and returns when the remaining servers no longer list it. Its address
     * and data folder are kept for {@link #startTabletServer(int)}. Does nothing if it is stopped.
     *
     * @throws IllegalArgumentException if there is no tablet server with this id
     * @throws IllegalStateException if the cluster is not running, or the server did not stop cleanly
     */
    public synchronized void stopTabletServer(int id) {
        TabletServerNode tabletServer = tabletServer(id);
        if (!tabletServer.isRunning()) {
            return;
        }
        runServerControl("stop tablet server " + id, () -> {
            tabletServer.stop();
            awaitMetadataAgreement();
        });
    }

    /**
     * Kills a tablet server that runs in a JVM of its own with SIGKILL, as a crash would: it neither
     * moves its leaders away nor deregisters, and returns once the JVM is gone. The cluster notices
     * when the server's ZooKeeper session expires ({@code zookeeper.client.session-timeout}, 6 s by
     * default) and then elects new leaders for its buckets; {@link #bucketLeader} tells when. Its address
     * and data folder are kept for {@link #startTabletServer(int)}. Does nothing if it is stopped.
     *
     * @throws IllegalArgumentException if there is no tablet server with this id
     * @throws IllegalStateException if the cluster is not running, or its tablet servers run in this
     *     JVM (see {@link Builder#tabletServersInOwnProcesses()})
     */
    public synchronized void killTabletServer(int id) {
        TabletServerNode tabletServer = tabletServer(id);
        if (!tabletServersInOwnProcesses) {
            throw new IllegalStateException("Tablet server " + id + " runs in this JVM and cannot be killed;"
                    + " build the cluster with tabletServersInOwnProcesses()");
        }
        runServerControl("kill tablet server " + id, tabletServer::kill);
    }

    /**
     * The tablet server that leads a bucket of a table without partitions, as the coordinator last
     * decided (read from ZooKeeper, where it records each election before telling anybody); empty when
     * the table does not exist or the bucket has no leader, as while every replica is down.
     *
     * @param database the table's database
     * @param table the table's name
     * @param bucket the bucket, from 0
     * @throws IllegalStateException if the cluster is not running, or ZooKeeper cannot be read
     */
    public synchronized OptionalInt bucketLeader(String database, String table, int bucket) {
        requireRunning();
        try {
            if (bucketLeaders == null) {
                bucketLeaders = BucketLeaders.connect(clusterConfiguration);
            }
            return bucketLeaders.leader(database, table, bucket);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(
                    "Could not read the leader of bucket " + bucket + " of " + database + "." + table, e);
        }
    }

    /**
     * Starts a stopped tablet server again on the same address with the same data, and returns when
     * every server lists it as live again. Does nothing if it is running.
     *
     * <p>Buckets that had no other replica come back online a moment later, once the coordinator has
     * elected their leaders again; clients retry until then. A killed server comes back only once the
     * cluster has noticed that it died (see {@link #killTabletServer(int)}), so this can take seconds.
     *
     * @throws IllegalArgumentException if there is no tablet server with this id
     * @throws IllegalStateException if the cluster is not running, or the server could not start
     */
    public synchronized void startTabletServer(int id) {
        TabletServerNode tabletServer = tabletServer(id);
        if (tabletServer.isRunning()) {
            return;
        }
        runServerControl("start tablet server " + id, () -> {
            tabletServer.start(clusterConfiguration);
            awaitMetadataAgreement();
        });
    }

    /**
     * The folder that holds all of this cluster's data; {@link #close()} deletes it.
     *
     * @throws IllegalStateException if the cluster was never started
     */
    public synchronized Path directory() {
        if (clusterDirectory == null) {
            throw new IllegalStateException("The cluster was never started");
        }
        return clusterDirectory;
    }

    /**
     * Stops every server and ZooKeeper and deletes the cluster's folder. Calling it again, or on a
     * cluster never started, does nothing. A started cluster that is never closed is closed when the
     * JVM exits.
     *
     * @throws IllegalStateException if something could not be stopped or deleted; everything else
     *     is still stopped
     */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasStarted = state == State.RUNNING;
        state = State.CLOSED;
        if (wasStarted) {
            unregisterCloseAtExit();
        }
        try {
            stopEverything();
        } catch (Exception e) {
            throw new IllegalStateException("Could not close the embedded Fluss cluster cleanly", e);
        }
    }

    private void unregisterCloseAtExit() {
        if (Thread.currentThread() == closeAtExit) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(closeAtExit);
        } catch (IllegalStateException e) {
            // The JVM is exiting, and the hook is closing this cluster or about to find it closed.
        }
    }

    /** Stops whatever is running, in the reverse order of starting, then deletes the folder. */
    private void stopEverything() throws Exception {
        Exception failure = null;
        if (bucketLeaders != null) {
            try {
                bucketLeaders.close();
            } catch (RuntimeException e) {
                failure = firstOrSuppressed(failure, e);
            }
            bucketLeaders = null;
        }
        // One after the other: servers stopped together make the coordinator log errors while it
        // tries to tell each about the others' departure. Servers in JVMs of their own are killed:
        // their data goes with the folder, and an orderly stop would only cost seconds.
        for (TabletServerNode tabletServer : tabletServers.values()) {
            try {
                if (tabletServersInOwnProcesses) {
                    tabletServer.kill();
                } else {
                    tabletServer.stop();
                }
            } catch (Exception e) {
                failure = firstOrSuppressed(failure, e);
            }
        }
        if (coordinator != null) {
            try {
                coordinator.close();
            } catch (Exception e) {
                failure = firstOrSuppressed(failure, e);
            }
            coordinator = null;
        }
        if (zooKeeper != null) {
            try {
                zooKeeper.close();
            } catch (IOException e) {
                failure = firstOrSuppressed(failure, e);
            }
            zooKeeper = null;
        }
        if (clusterDirectory != null) {
            try {
                Directories.deleteRecursively(clusterDirectory);
            } catch (IOException e) {
                failure = firstOrSuppressed(failure, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Exception firstOrSuppressed(Exception first, Exception next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private void awaitMetadataAgreement() throws TimeoutException, InterruptedException {
        Set<Integer> runningIds = new TreeSet<>();
        List<TabletServerNode> running = new ArrayList<>();
        for (TabletServerNode tabletServer : tabletServers.values()) {
            if (tabletServer.isRunning()) {
                runningIds.add(tabletServer.id());
                running.add(tabletServer);
            }
        }
        Polling.await(
                () -> {
                    try {
                        return MetadataAgreement.reached(coordinator, running, runningIds);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    } catch (Exception e) {
                        return false;
                    }
                },
                METADATA_AGREEMENT_TIMEOUT,
                () -> "the coordinator and tablet servers " + runningIds + " all list exactly tablet servers "
                        + runningIds + " as live (the coordinator lists "
                        + MetadataAgreement.liveIds(coordinator.getMetadataCache()) + ")");
    }

    private interface ServerControl {
        void run() throws Exception;
    }

    private void runServerControl(String description, ServerControl control) {
        try {
            control.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Could not " + description, e);
        }
    }

    private TabletServerNode tabletServer(int id) {
        requireRunning();
        TabletServerNode tabletServer = tabletServers.get(id);
        if (tabletServer == null) {
            throw new IllegalArgumentException(
                    "No tablet server with id " + id + "; the ids are " + tabletServers.keySet());
        }
        return tabletServer;
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException(
                    state == State.NEW ? "The cluster is not started yet" : "The cluster was closed");
        }
    }

    /**
     * Runs a cluster until the JVM is stopped (Ctrl-C), for trying a client by hand.
     *
     * <p>Arguments: {@code --tablet-servers N} (default 1), {@code --port P} for a fixed
     * coordinator port (default 0: any free port), also as {@code --option=value}, and
     * {@code --own-processes} to run each tablet server in a JVM of its own. From this
     * project's build: {@code ./mvnw -q -pl reactive-test exec:exec -Dfluss.tablet-servers=3
     * -Dfluss.coordinator-port=9123}. Prints the bootstrap address on one line. Server logs are kept
     * to warnings when Logback is on the class path and no configuration was chosen with
     * {@code -Dlogback.configurationFile}.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        // Before anything touches SLF4J: the choice is read once, when logging starts.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", MAIN_LOGBACK_CONFIGURATION);
        }
        Builder builder = builder();
        try {
            parseArguments(args, builder);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            printUsage(System.err);
            System.exit(2);
            return;
        }
        EmbeddedFlussCluster cluster = builder.build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Returns once the cluster's own exit hook, running alongside, has closed it.
            cluster.close();
            System.out.println("Fluss cluster stopped.");
        }, "embedded-fluss-cluster-main-shutdown"));
        System.out.println("Fluss cluster ready. bootstrap.servers=" + cluster.bootstrapServers());
        System.out.println("Data in " + cluster.directory() + " (deleted on exit). Press Ctrl-C to stop.");
        try {
            new CountDownLatch(1).await(); // until the JVM is stopped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the command line of {@link #main} into the builder. */
    static void parseArguments(String[] args, Builder builder) {
        for (int i = 0; i < args.length; i++) {
            // Both "--option value" and "--option=value".
            String argument = args[i];
            int equals = argument.indexOf('=');
            String option = equals > 0 ? argument.substring(0, equals) : argument;
            switch (option) {
                case "--help", "-h" -> {
                    printUsage(System.out);
                    System.exit(0);
                }
                case "--own-processes" -> builder.tabletServersInOwnProcesses();
                case "--property" -> {
                    String property = equals > 0 ? argument.substring(equals + 1) : next(args, ++i, option);
                    int split = property.indexOf('=');
                    if (split <= 0) {
                        throw new IllegalArgumentException(option + " needs KEY=VALUE, not " + property);
                    }
                    builder.property(property.substring(0, split).trim(), property.substring(split + 1).trim());
                }
                case "--tablet-servers", "--port" -> {
                    String value = equals > 0 ? argument.substring(equals + 1) : next(args, ++i, option);
                    if (option.equals("--port")) {
                        builder.coordinatorPort(number(option, value));
                    } else {
                        builder.tabletServers(number(option, value));
                    }
                }
                default -> throw new IllegalArgumentException("Unknown argument: " + argument);
            }
        }
    }

    private static String next(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not " + value);
        }
    }

    private static void printUsage(PrintStream out) {
        out.println("Usage: EmbeddedFlussCluster [--tablet-servers N] [--port COORDINATOR_PORT] [--own-processes]"
                + " [--property KEY=VALUE]...");
        out.println("  --tablet-servers N   number of tablet servers (default 1)");
        out.println("  --port P             coordinator port (default 0: any free port)");
        out.println("  --own-processes      each tablet server in a JVM of its own");
        out.println("  --property K=V       a Fluss server option for every server, such as"
                + " log.replica.fetch.wait-max-time=20ms");
    }

    /**
     * Settings of an {@link EmbeddedFlussCluster}. Unless overridden with {@link #property}, every
     * server gets these test-friendly settings:
     *
     * <ul>
     *   <li>{@code default.replication.factor} = min(3, number of tablet servers): tables are
     *       replicated as in production when there are servers to replicate to, and creating a table
     *       never fails for lack of servers.
     *   <li>{@code tablet-server.controlled-shutdown.max-retries} = 1: a stopping tablet server asks
     *       the coordinator once to move its bucket leaders elsewhere, instead of up to three times a
     *       second apart, which makes stopping a lone tablet server seconds faster.
     *   <li>{@code zookeeper.client.session-timeout} = 6 s (Fluss's default is 60 s): a server that
     *       vanishes without deregistering is declared dead, and its buckets fail over, within
     *       about 7 s.
     *   <li>{@code zookeeper.client.connection-timeout} = 6 s (Fluss's default is 15 s): no longer
     *       than the session timeout, as ZooKeeper's client expects.
     *   <li>{@code netty.server.num-network-threads} = 1 and {@code netty.server.num-worker-threads}
     *       = 3: test traffic is light, and fewer threads per server keep the JVM lean.
     * </ul>
     *
     * <p>The cluster itself sets, per server, {@code zookeeper.address}, {@code bind.listeners},
     * {@code tablet-server.id} and {@code data.dir}; the builder refuses those keys. It also points
     * {@code remote.data.dir} into the cluster's folder, unless a property sets it (for example to an
     * {@code s3://} bucket, with the servers' S3 plugin on the class path).
     *
     * <p>With users ({@link #saslPlainUser}), every server also gets {@code security.protocol.map}
     * = {@code CLIENT:SASL}, {@code security.sasl.enabled.mechanisms} = {@code PLAIN} and
     * {@code security.sasl.plain.jaas.config} listing the users; {@link #property} overrides them too.
     * The internal listener keeps Fluss's default name, {@code FLUSS}, and no authentication.
     */
    public static final class Builder {

        /** The server option holding the JAAS entry of the PLAIN mechanism for every SASL listener. */
        private static final String PLAIN_JAAS_CONFIG_KEY = "security.sasl.plain.jaas.config";

        /** Fluss's login module for PLAIN, which reads users from {@code user_<name>} options. */
        private static final String PLAIN_LOGIN_MODULE = "org.apache.fluss.security.auth.sasl.plain.PlainLoginModule";

        /** A word to the JAAS configuration's tokenizer, which the option key {@code user_<name>} must be. */
        private static final Pattern SASL_USER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.$-]*");

        private static final Set<String> KEYS_SET_BY_CLUSTER = Set.of(
                ConfigOptions.ZOOKEEPER_ADDRESS.key(),
                ConfigOptions.BIND_LISTENERS.key(),
                ConfigOptions.TABLET_SERVER_ID.key(),
                ConfigOptions.DATA_DIR.key());

        private int tabletServerCount = 1;
        private final Map<String, String> userProperties = new LinkedHashMap<>();
        private Path baseDirectory;
        private int coordinatorPort;
        private final Map<String, String> saslUsers = new LinkedHashMap<>();
        private boolean tabletServersInOwnProcesses;

        private Builder() {}

        /**
         * The number of tablet servers, at least 1; default 1.
         *
         * @param count the number of tablet servers
         * @return this builder
         */
        public Builder tabletServers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("A cluster needs at least one tablet server, not " + count);
            }
            this.tabletServerCount = count;
            return this;
        }

        /**
         * Runs each tablet server in a JVM of its own instead of this one, so that
         * {@link EmbeddedFlussCluster#killTabletServer(int)} can kill it as a crash would (see the class
         * description). Starting takes a few seconds more, and each server a JVM of up to 512 MiB heap.
         *
         * @return this builder
         */
        public Builder tabletServersInOwnProcesses() {
            this.tabletServersInOwnProcesses = true;
            return this;
        }

        /**
         * Sets a Fluss server option on every server, overriding this builder's default for it.
         *
         * @param key a Fluss server option such as {@code default.bucket.number}
         * @param value its value in Fluss's configuration syntax, such as {@code 3} or {@code 10 s}
         * @return this builder
         * @throws IllegalArgumentException for a key the cluster sets per server
         */
        public Builder property(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (KEYS_SET_BY_CLUSTER.contains(key)) {
                throw new IllegalArgumentException(key + " is set by the embedded cluster for each server");
            }
            userProperties.put(key, value);
            return this;
        }

        /**
         * The folder under which the cluster creates its own fresh folder; default
         * {@code java.io.tmpdir}. It is created if missing and is not deleted on close (only the
         * cluster's own folder inside it is).
         *
         * @param directory the parent folder
         * @return this builder
         */
        public Builder baseDirectory(Path directory) {
            this.baseDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * A fixed port for the coordinator; default 0, any free port.
         *
         * @param port the port, 0 to 65535
         * @return this builder
         */
        public Builder coordinatorPort(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            this.coordinatorPort = port;
            return this;
        }

        /**
         * Adds a user that clients authenticate as with SASL/PLAIN, and so makes the cluster's client
         * listeners require SASL/PLAIN (see the class description). Adding a user again replaces
         * its password.
         *
         * @param user the user name: letters, digits, {@code _ . $ -} (a key of the servers' JAAS
         *     configuration)
         * @param password the password; not empty, on one line
         * @return this builder
         */
        public Builder saslPlainUser(String user, String password) {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (!SASL_USER_NAME.matcher(user).matches()) {
                throw new IllegalArgumentException("A SASL user name may hold letters, digits and _ . $ - only, and"
                        + " start with a letter: " + user);
            }
            if (password.isEmpty() || password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0
                    || password.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(
                        "The password of SASL user " + user + " must be one line, not empty, without NUL");
            }
            saslUsers.put(user, password);
            return this;
        }

        /**
         * A cluster with these settings, not yet started.
         *
         * @return the cluster
         */
        public EmbeddedFlussCluster build() {
            return new EmbeddedFlussCluster(this);
        }

        /**
         * The servers' JAAS entry for PLAIN: one {@code user_<name>="<password>"} option per user.
         * Its parser reads quoted values with Java-like escapes, hence the escaped backslashes and quotes.
         */
        String plainJaasConfig() {
            StringBuilder config = new StringBuilder(PLAIN_LOGIN_MODULE).append(" required");
            saslUsers.forEach((user, password) -> config.append(" user_").append(user).append("=\"")
                    .append(password.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"'));
            return config.append(';').toString();
        }

        /** The options every server gets: the defaults above, then those set with {@link #property}. */
        Map<String, String> serverProperties() {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put(
                    ConfigOptions.DEFAULT_REPLICATION_FACTOR.key(), String.valueOf(Math.min(3, tabletServerCount)));
            properties.put(ConfigOptions.TABLET_SERVER_CONTROLLED_SHUTDOWN_MAX_RETRIES.key(), "1");
            properties.put(ConfigOptions.ZOOKEEPER_SESSION_TIMEOUT.key(), "6s");
            properties.put(ConfigOptions.ZOOKEEPER_CONNECTION_TIMEOUT.key(), "6s");
            properties.put(ConfigOptions.NETTY_SERVER_NUM_NETWORK_THREADS.key(), "1");
            properties.put(ConfigOptions.NETTY_SERVER_NUM_WORKER_THREADS.key(), "3");
            if (!saslUsers.isEmpty()) {
                properties.put(ConfigOptions.SERVER_SECURITY_PROTOCOL_MAP.key(),
                        ServerAddresses.SASL_LISTENER_NAME + ":SASL");
                properties.put(ConfigOptions.SERVER_SASL_ENABLED_MECHANISMS_CONFIG.key(), "PLAIN");
                properties.put(PLAIN_JAAS_CONFIG_KEY, plainJaasConfig());
            }
            properties.putAll(userProperties);
            return Collections.unmodifiableMap(properties);
        }
    }
}
