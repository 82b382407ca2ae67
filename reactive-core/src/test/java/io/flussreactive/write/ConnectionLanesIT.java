package io.flussreactive.write;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.lookup.LookupResult;
import io.flussreactive.lookup.Lookuper;
import io.flussreactive.row.GenericRow;
import io.flussreactive.scan.ScanRecord;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.test.TcpProxy;
import io.flussreactive.type.DataTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

/**
 * A client reaches a tablet server over several connections: writes of different buckets are spread
 * over them, while the batches of one bucket keep their order; lookups keep to the first.
 * The tablet server is reached through a proxy that counts connections.
 */
@ExtendWith(FlussClusterExtension.class)
class ConnectionLanesIT {

    private static final int ROWS = 20_000;

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("lanes");

    @Test
    void writesOfThreeBucketsTravelOnThreeConnectionsAndEachBucketKeepsItsOrder(EmbeddedFlussCluster cluster)
            throws Exception {
        assertThat(connectionsToWrite(cluster, "three_lanes", 3)).isEqualTo(3);
    }

    @Test
    void withOneConnectionPerServerEverythingSharesIt(EmbeddedFlussCluster cluster) throws Exception {
        assertThat(connectionsToWrite(cluster, "one_lane", 1)).isEqualTo(1);
    }

    @Test
    void lookupsKeepToOneConnection(EmbeddedFlussCluster cluster) throws Exception {
        TablePath path = db.createTable("lookups", TableDescriptor.builder()
                        .schema(Schema.newBuilder()
                                .column("id", DataTypes.INT())
                                .column("v", DataTypes.STRING())
                                .primaryKey("id")
                                .build())
                        .distributedBy(1)
                        .build());
        UpsertWriter upserts = db.client().table(path).block(TIMEOUT).upsertWriter();
        upserts.writeRows(Flux.range(0, 1_000).map(i -> GenericRow.of(i, "v" + i))).then().block(TIMEOUT);
        upserts.close().block(TIMEOUT);
        try (TcpProxy proxy = TcpProxy.start(tabletServer(cluster))) {
            FlussClient client = clientThrough(proxy, cluster, 2);
            try {
                Lookuper lookuper = client.table(path).block(TIMEOUT).lookuper();
                long found = lookuper.lookupAll(Flux.range(0, 1_000).map(GenericRow::of))
                        .filter(LookupResult::found)
                        .count()
                        .block(TIMEOUT);

                assertThat(found).isEqualTo(1_000);
                // Two requests in flight at once, both on the first connection (their answers then arrive
                // on one thread).
                assertThat(proxy.acceptedCount()).as("connections to the tablet server").isEqualTo(1);
            } finally {
                client.close().block(TIMEOUT);
            }
        }
    }

    /**
     * Writes ROWS rows to a new table of three buckets with small batches (several in flight per
     * bucket), checks that all are stored once and in order per bucket, and returns how many
     * connections the client opened to the tablet server.
     */
    private static long connectionsToWrite(EmbeddedFlussCluster cluster, String name, int connectionsPerServer)
            throws Exception {
        TablePath path = db.createTable(name, TableDescriptor.builder()
                        .schema(Schema.newBuilder().column("id", DataTypes.INT()).column("v", DataTypes.STRING()).build())
                        .distributedBy(3)
                        .build());
        try (TcpProxy proxy = TcpProxy.start(tabletServer(cluster))) {
            FlussClient client = clientThrough(proxy, cluster, connectionsPerServer);
            try {
                FlussTable table = client.table(path).block(TIMEOUT);
                AppendWriter writer = table.appendWriter(WriterOptions.builder()
                        .batchSizeBytes(16 * 1024)
                        .batchLinger(Duration.ofMillis(5))
                        .build());
                List<WriteResult<Integer>> results = writer.write(Flux.range(0, ROWS)
                                .map(i -> WriteRecord.of(GenericRow.of(i, "row-" + i), i)))
                        .collectList()
                        .block(TIMEOUT);
                writer.close().block(TIMEOUT);

                assertThat(results).hasSize(ROWS).allSatisfy(r -> assertThat(r.isSuccess()).as("%s", r).isTrue());
                assertThat(results.stream().map(WriteResult::bucket).distinct()).hasSize(3);
                assertBucketsHoldRowsInWriteOrder(table);
                return proxy.acceptedCount();
            } finally {
                client.close().block(TIMEOUT);
            }
        }
    }

    private static String tabletServer(EmbeddedFlussCluster cluster) {
        return cluster.tabletServerAddress(cluster.tabletServerIds().get(0));
    }

    /** A client whose connections to the tablet server go through {@code proxy}. */
    private static FlussClient clientThrough(TcpProxy proxy, EmbeddedFlussCluster cluster, int connectionsPerServer) {
        String tabletServer = tabletServer(cluster);
        return TestClients.clientVia(cluster, FlussClientOptions.builder().connectionsPerServer(connectionsPerServer),
                address -> address.equals(tabletServer) ? proxy.address() : address);
    }

    /** Every row is stored once, and within each bucket rows sit in the order they were written. */
    private static void assertBucketsHoldRowsInWriteOrder(FlussTable table) {
        Map<Integer, List<ScanRecord>> byBucket = table.scan().untilLatest().records()
                .collect(Collectors.groupingBy(ScanRecord::bucket))
                .block(TIMEOUT);
        assertThat(byBucket.values().stream().mapToInt(List::size).sum()).isEqualTo(ROWS);
        byBucket.forEach((bucket, records) -> {
            List<Integer> ids = records.stream()
                    .sorted((a, b) -> Long.compare(a.offset(), b.offset()))
                    .map(r -> r.row().getInt(0))
                    .toList();
            assertThat(ids).as("ids of bucket %d in offset order", bucket).isSorted().doesNotHaveDuplicates();
        });
    }
}
