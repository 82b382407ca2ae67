package io.flussreactive;

import io.flussreactive.test.EmbeddedFlussCluster;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Clients and names for tests that share one embedded cluster. */
public final class TestClients {

    /** How long a test waits for one admin call. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final AtomicInteger NEXT_NAME = new AtomicInteger();

    private TestClients() {
    }

    /** A client of the cluster with default settings. */
    public static FlussClient client(EmbeddedFlussCluster cluster) {
        return FlussClient.create(FlussClientOptions.builder().bootstrapServers(cluster.bootstrapServers()).build());
    }

    /** A name no other test of this run uses, so tests sharing the cluster do not collide. */
    public static String uniqueName(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + NEXT_NAME.incrementAndGet();
    }
}
