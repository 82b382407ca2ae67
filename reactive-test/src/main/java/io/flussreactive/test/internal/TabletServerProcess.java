package io.flussreactive.test.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.fluss.config.Configuration;

/**
 * A tablet server of the embedded cluster that runs in a JVM of its own ({@link TabletServerMain}), on
 * the cluster's class path, so that it can be killed (SIGKILL) and started again. Its output goes to
 * {@code tablet-server-<id>.log} in the cluster's folder, and its {@code java.io.tmpdir} is that
 * folder's {@code tmp}.
 */
public final class TabletServerProcess implements TabletServerNode {

    /**
     * How long a start may take. A server started again right after a crash waits until ZooKeeper has
     * expired its old registration (the session timeout), and Fluss tries again only every 3 s.
     */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** How long an orderly stop may take before the server is killed. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);

    /** Stands for the end of the child's stdout in the queue of its lines. */
    private static final String END_OF_OUTPUT = "\0end";

    /**
     * Small servers: a test's traffic is light, and several of them share the machine with the tests.
     * A server that runs out of memory dies, as a crashed one, rather than limping on.
     */
    private static final List<String> JVM_OPTIONS =
            List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

    private final int id;
    private final Path clusterDirectory;
    private final Path dataDirectory;
    private final boolean saslListener;
    private int port;
    private int saslPort;
    private Process process;
    private OutputStream requests;
    private BlockingQueue<String> lines;

    /**
     * A tablet server with the given id that keeps its data in {@code tablet-server-<id>} of the
     * cluster's folder; not started.
     *
     * @param saslListener whether clients reach it on a SASL listener beside the internal one
     */
    public TabletServerProcess(int id, Path clusterDirectory, boolean saslListener) {
        this.id = id;
        this.clusterDirectory = clusterDirectory;
        this.dataDirectory = clusterDirectory.resolve("tablet-server-" + id);
        this.saslListener = saslListener;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized String address() {
        if (port == 0) {
            throw new IllegalStateException("Tablet server " + id + " has never been started");
        }
        return ServerAddresses.loopbackAddress(saslListener ? saslPort : port);
    }

    /** The server's log file, which every start appends to. */
    public Path logFile() {
        return clusterDirectory.resolve("tablet-server-" + id + ".log");
    }

    @Override
    public synchronized void start(Configuration clusterConfiguration) throws Exception {
        if (isRunning()) {
            return;
        }
        Path configurationFile = clusterDirectory.resolve("tablet-server-" + id + ".properties");
        TabletServerMain.store(TabletServerLaunch.configuration(
                clusterConfiguration, id, dataDirectory, saslListener, port, saslPort), configurationFile);
        Path tmp = Files.createDirectories(clusterDirectory.resolve("tmp"));
        Process started = ChildJvm.start(jvmOptions(), TabletServerMain.class.getName(),
                List.of(configurationFile.toString(), String.valueOf(port != 0)), tmp, logFile());
        BlockingQueue<String> output = readLines(started);
        String ready;
        try {
            ready = await(output, TabletServerMain.READY, START_TIMEOUT);
        } catch (Exception e) {
            started.destroyForcibly();
            started.waitFor();
            throw new IllegalStateException("Tablet server " + id + " did not start (see " + logFile() + ")", e);
        }
        String[] ports = ready.split(" ");
        port = Integer.parseInt(ports[1]);
        saslPort = Integer.parseInt(ports[2]);
        process = started;
        requests = started.getOutputStream();
        lines = output;
    }

    /** Stops the server as a SIGTERM would: Fluss's own shutdown hook moves its leaders away first. */
    @Override
    public synchronized void stop() throws Exception {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        process = null;
    }

    /** Kills the server's JVM with SIGKILL and returns once it is gone. */
    @Override
    public synchronized void kill() throws Exception {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        process.waitFor();
        process = null;
    }

    @Override
    public synchronized Optional<Set<Integer>> liveTabletServers() throws Exception {
        if (!isRunning()) {
            return Optional.empty();
        }
        // Lines left by an earlier request that timed out would answer this one.
        for (String stale; (stale = lines.poll()) != null; ) {
            if (stale.equals(END_OF_OUTPUT)) {
                return Optional.empty();
            }
        }
        try {
            requests.write((TabletServerMain.STATUS_REQUEST + "\n").getBytes(StandardCharsets.UTF_8));
            requests.flush();
            return TabletServerMain.parseStatus(await(lines, TabletServerMain.STATUS, STATUS_TIMEOUT));
        } catch (IOException e) {
            // It died since: as good as stopped.
            return Optional.empty();
        }
    }

    private static List<String> jvmOptions() {
        String logging = System.getProperty("logback.configurationFile");
        if (logging == null) {
            return JVM_OPTIONS;
        }
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        options.add("-Dlogback.configurationFile=" + logging);
        return options;
    }

    /** The child's stdout, line by line, read on a daemon thread so that it never blocks on a full pipe. */
    private BlockingQueue<String> readLines(Process child) {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    queue.add(line);
                }
            } catch (IOException e) {
                // The child is gone.
            }
            queue.add(END_OF_OUTPUT);
        }, "tablet-server-" + id + "-output");
        reader.setDaemon(true);
        reader.start();
        return queue;
    }

    /** The next line starting with {@code prefix}; fails on a FAILED line, the end of output, or the timeout. */
    private String await(BlockingQueue<String> queue, String prefix, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IOException("Tablet server " + id + " said nothing for " + timeout.toSeconds() + " s");
            }
            if (line.equals(END_OF_OUTPUT)) {
                // Seen again by whoever asks next.
                queue.add(END_OF_OUTPUT);
                throw new IOException("Tablet server " + id + "'s JVM ended");
            }
            if (line.startsWith(TabletServerMain.FAILED)) {
                throw new IOException("Tablet server " + id + ": " + line);
            }
            if (line.startsWith(prefix + " ")) {
                return line;
            }
        }
    }
}
