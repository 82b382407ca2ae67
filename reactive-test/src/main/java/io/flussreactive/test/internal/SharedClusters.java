package io.flussreactive.test.internal;

import io.flussreactive.test.EmbeddedFlussCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The running clusters that tests of this JVM share, by shape, for tests that JUnit's extension store
 * cannot reach (a Spring test's context is built by Spring, which knows nothing of the test run).
 *
 * <p>A test run publishes each cluster it starts and withdraws it when the run closes it; a cluster
 * started here because no run had one of its shape lives until the JVM exits (its own shutdown hook
 * closes it). Runs may nest (a test that launches a run of its own), so a shape may have several
 * clusters at once; the latest published that still runs is the one handed out.
 */
public final class SharedClusters {

    private static final Map<ClusterShape, List<EmbeddedFlussCluster>> RUNNING = new HashMap<>();

    private SharedClusters() {}

    /**
     * Makes a test run's cluster the one handed out for its shape, until withdrawn.
     *
     * @param shape the cluster's shape
     * @param cluster the running cluster
     */
    public static synchronized void publish(ClusterShape shape, EmbeddedFlussCluster cluster) {
        RUNNING.computeIfAbsent(shape, any -> new ArrayList<>()).add(cluster);
    }

    /**
     * Stops handing out a cluster, before its run closes it.
     *
     * @param shape the cluster's shape
     * @param cluster the cluster published for it
     */
    public static synchronized void withdraw(ClusterShape shape, EmbeddedFlussCluster cluster) {
        List<EmbeddedFlussCluster> clusters = RUNNING.get(shape);
        if (clusters != null) {
            clusters.remove(cluster);
        }
    }

    /**
     * The running cluster of this shape that tests share, started if there is none. Starting blocks for
     * a few seconds, holding up other callers meanwhile: they would otherwise start clusters of their own.
     *
     * @param shape the shape asked for
     * @return a running cluster of that shape
     */
    public static synchronized EmbeddedFlussCluster runningOrStart(ClusterShape shape) {
        List<EmbeddedFlussCluster> clusters = RUNNING.computeIfAbsent(shape, any -> new ArrayList<>());
        // A test may have closed a shared cluster (it should not); such a one is never handed out again.
        clusters.removeIf(cluster -> !cluster.isRunning());
        if (!clusters.isEmpty()) {
            return clusters.get(clusters.size() - 1);
        }
        EmbeddedFlussCluster started = shape.startCluster();
        clusters.add(started);
        return started;
    }
}
