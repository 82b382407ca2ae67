package io.flussreactive.write;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.row.GenericRow;
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
import reactor.core.publisher.Mono;

/**
 * A produce whose answer is lost is sent again; with idempotence the server stores it once. The
 * tablet server is reached through a proxy that holds its answers and then cuts the connection.
 */
@ExtendWith(FlussClusterExtension.class)
class IdempotentRetryTest {

    private static final int ROWS = 1_000;

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("idempotence");

    @Test
    void aBatchWhoseAnswerWasLostIsStoredOnceWithIdempotence(EmbeddedFlussCluster cluster) throws Exception {
        assertThat(writeWhileAnswersAreLost(cluster, "idempotent", true)).isEqualTo(ROWS);
    }

    @Test
    void withoutIdempotenceTheSameRetryStoresTheBatchTwice(EmbeddedFlussCluster cluster) throws Exception {
        // Proves the scenario really makes the client send the stored batch again.
        assertThat(writeWhileAnswersAreLost(cluster, "not_idempotent", false)).isEqualTo(2 * ROWS);
    }

    /** Writes ROWS rows while the first answer is lost; returns how many rows the table then holds. */
    private long writeWhileAnswersAreLost(EmbeddedFlussCluster cluster, String name, boolean idempotence)
            throws Exception {
        TablePath path = db.path(name);
        db.admin().createTable(path, TableDescriptor.builder()
                        .schema(Schema.newBuilder().column("id", DataTypes.INT()).column("v", DataTypes.STRING()).build())
                        .distributedBy(1)
                        .build(), false)
                .block(TIMEOUT);
        String tabletServer = cluster.tabletServerAddress(cluster.tabletServerIds().get(0));
        try (TcpProxy proxy = TcpProxy.start(tabletServer)) {
            FlussClient client = TestClients.clientVia(cluster,
                    FlussClientOptions.builder().requestTimeout(Duration.ofSeconds(60)),
                    address -> address.equals(tabletServer) ? proxy.address() : address);
            try {
                FlussTable table = client.table(path).block(TIMEOUT);
                AppendWriter writer = table.appendWriter(WriterOptions.builder()
                        .idempotence(idempotence)
                        .batchLinger(Duration.ofMillis(10))
                        .retryBackoff(Duration.ofMillis(50))
                        .build());
                // Warm up: the writer id and the connection exist before answers are held.
                assertThat(writer.append(GenericRow.of(-1, "warm-up")).block(TIMEOUT).isSuccess()).isTrue();

                proxy.pauseResponses();
                Mono<List<WriteResult<Integer>>> results = writer.write(Flux.range(0, ROWS)
                                .map(i -> WriteRecord.of(GenericRow.of(i, "row-" + i), i)))
                        .collectList()
                        .cache();
                results.subscribe();
                // The server stored the batch; its answer waits in the proxy.
                await().atMost(Duration.ofSeconds(30)).until(() -> latestOffset(path) == ROWS + 1);

                proxy.dropConnections();
                proxy.resume();
                List<WriteResult<Integer>> written = results.block(TIMEOUT);
                assertThat(written).hasSize(ROWS).allSatisfy(r -> assertThat(r.isSuccess()).as("%s", r).isTrue());
                writer.close().block(TIMEOUT);

                Map<Integer, Long> rowsById = table.scan().untilLatest().records()
                        .collect(Collectors.groupingBy(r -> r.row().getInt(0), Collectors.counting()))
                        .block(TIMEOUT);
                assertThat(rowsById.keySet()).hasSize(ROWS + 1);
                return latestOffset(path) - 1;
            } finally {
                client.close().block(TIMEOUT);
            }
        }
    }

    private static long latestOffset(TablePath path) {
        return db.admin().listOffsets(path, List.of(0), OffsetSpec.latest()).block(TIMEOUT).get(0);
    }
}
