package io.flussreactive.benchmarks;

import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.internal.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Fluss cluster (ZooKeeper, a coordinator and tablet servers) in a JVM of its own, so that the
 * servers' CPU and memory are not the client's. Stopping it deletes its data.
 */
final class ClusterProcess implements AutoCloseable {

    private static final String READY = "bootstrap.servers=";

    private final Process process;
    private final String bootstrapServers;

    private ClusterProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts a cluster and waits until it is ready.
     *
     * @param tabletServers how many tablet servers (tables are replicated min(3, this) times)
     * @param serverProperties Fluss server options for every server, as {@code KEY=VALUE}
     * @param log where the cluster's output goes
     * @return the running cluster
     * @throws IOException if it does not start
     */
    static ClusterProcess start(int tabletServers, List<String> serverProperties, Path log) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--tablet-servers", String.valueOf(tabletServers)));
        for (String property : serverProperties) {
            arguments.add("--property");
            arguments.add(property);
        }
        Process process = ChildJvm.start(List.of("-Xmx2g"), EmbeddedFlussCluster.class, arguments, log);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            int at = line.indexOf(READY);
            if (at >= 0) {
                drainInBackground(out, log);
                return new ClusterProcess(process, line.substring(at + READY.length()).trim());
            }
        }
        process.destroyForcibly();
        throw new IOException("The Fluss cluster did not start; see " + log);
    }

    /** Keeps reading the cluster's stdout into the log, so the cluster never blocks on a full pipe. */
    private static void drainInBackground(BufferedReader out, Path log) {
        Thread drain = new Thread(() -> {
            try (OutputStream file = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                String line;
                while ((line = out.readLine()) != null) {
                    file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the cluster stopped
            }
        }, "cluster-output");
        drain.setDaemon(true);
        drain.start();
    }

    /**
     * Returns the address clients bootstrap from.
     *
     * @return {@code host:port}
     */
    String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Returns the CPU time the cluster's JVM has used so far.
     *
     * @return seconds, or 0 where the platform does not tell
     */
    double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9;
    }

    /** Stops the cluster (its shutdown hook deletes its data), killing it if it does not stop. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
