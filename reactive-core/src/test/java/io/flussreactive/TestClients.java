package io.flussreactive;

import io.flussreactive.internal.rpc.ApiKey;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.table.FlussTable;
import io.flussreactive.test.EmbeddedFlussCluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

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

    /** A client with these options (bootstrap servers are set from the cluster). */
    public static FlussClient client(EmbeddedFlussCluster cluster, FlussClientOptions.Builder options) {
        return FlussClient.create(options.bootstrapServers(cluster.bootstrapServers()).build());
    }

    /**
     * A client that connects to every server through {@code connectAddress} (for example a proxy's
     * address for one server); the servers still see and report their own addresses.
     */
    public static FlussClient clientVia(EmbeddedFlussCluster cluster, FlussClientOptions.Builder options,
            UnaryOperator<String> connectAddress) {
        return FlussClient.createConnectingVia(
                options.bootstrapServers(cluster.bootstrapServers()).build(), connectAddress);
    }

    /** How many requests of an API the client sent so far. */
    public static long requestsSent(FlussClient client, ApiKey api) {
        return client.rpc().requestsSent(api);
    }

    /**
     * The number of rows of each batch stored in a table's log, in the order read: how a writer cut its
     * batches, for a log table, or how the server cut the changelog of a primary-key table (one batch per
     * KV batch written).
     */
    public static List<Integer> rowsPerStoredBatch(FlussTable table) {
        return table.scan().untilLatest().batches()
                .map(batch -> {
                    try (RecordBatch b = batch) {
                        return b.rowCount();
                    }
                })
                .collectList()
                .block(TIMEOUT);
    }

    /** A name no other test of this run uses, so tests sharing the cluster do not collide. */
    public static String uniqueName(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + NEXT_NAME.incrementAndGet();
    }
}
