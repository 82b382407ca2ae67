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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Closing a writer runs to its end even when whoever asked stops waiting: its batches are still sent
 * and settled, and their memory given back.
 */
@ExtendWith(FlussClusterExtension.class)
class WriterCloseTest {

    private static final int ROWS = 100;

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("writer_close");

    /**
     * A batch whose connection broke waits out its retry backoff when the writer is closed and the
     * close is cancelled at once. Nothing else would make the writer look at the batch again, so a
     * cancelled close that stopped the writer's periodic look would leave the batch unsent for good,
     * its rows never acknowledged and its reservation never given back.
     */
    @Test
    void aCloseNoLongerWaitedForStillSendsAndSettlesTheWritersBatches(EmbeddedFlussCluster cluster) throws Exception {
        TablePath path = db.path("cancelled_close");
        db.admin().createTable(path, TableDescriptor.builder()
                        .schema(Schema.newBuilder().column("id", DataTypes.INT()).column("v", DataTypes.STRING()).build())
                        .distributedBy(1)
                        .build(), false)
                .block(TIMEOUT);
        String tabletServer = cluster.tabletServerAddress(cluster.tabletServerIds().get(0));
        try (TcpProxy proxy = TcpProxy.start(tabletServer)) {
            FlussClient client = TestClients.clientVia(cluster, FlussClientOptions.builder().connectionsPerServer(1),
                    address -> address.equals(tabletServer) ? proxy.address() : address);
            try {
                FlussTable table = client.table(path).block(TIMEOUT);
                AppendWriter writer = table.appendWriter(WriterOptions.builder()
                        .batchLinger(Duration.ofMillis(10))
                        .retryBackoff(Duration.ofSeconds(2))
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
                await().atMost(TIMEOUT).until(() -> latestOffset(path) == ROWS + 1);
                // The answer is lost: the batch fails as a network error and waits out its backoff.
                proxy.dropConnections();
                proxy.resume();
                settle();

                Disposable close = writer.close().subscribe();
                close.dispose();

                List<WriteResult<Integer>> written = results.block(TIMEOUT);
                assertThat(written).hasSize(ROWS).allSatisfy(r -> assertThat(r.isSuccess()).as("%s", r).isTrue());
                // A later close waits for the same closing, which has finished or soon will.
                writer.close().block(TIMEOUT);
                assertThat(client.writeBuffer().reserved()).as("write buffer still reserved").isZero();
                assertThat(latestOffset(path)).as("rows stored, warm-up included").isEqualTo(ROWS + 1);
            } finally {
                client.close().block(TIMEOUT);
            }
        }
    }

    private static long latestOffset(TablePath path) {
        return db.admin().listOffsets(path, List.of(0), OffsetSpec.latest()).block(TIMEOUT).get(0);
    }

    /** Lets the broken connection's failure reach the writer; the assertions after it are on outcomes. */
    private static void settle() throws InterruptedException {
        Thread.sleep(300);
    }
}
