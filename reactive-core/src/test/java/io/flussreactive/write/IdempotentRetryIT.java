package io.flussreactive.write;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.RetryPolicies;
import io.flussreactive.RetryPolicies.Operation;
import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.LogFormat;
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
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A produce whose answer is lost is sent again; with idempotence the server stores it once, whatever
 * the table's log format, and a writer whose close nobody waits for any more still sends it. The tablet
 * server is reached through a proxy that holds its answers and then cuts the connection.
 */
@ExtendWith(FlussClusterExtension.class)
class IdempotentRetryIT {

    private static final int ROWS = 1_000;

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("idempotence");

    /** The application's retry registry, which the test's client makes its retries in. */
    private final RetryRegistry applicationRetries = RetryRegistry.ofDefaults();

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void aBatchWhoseAnswerWasLostIsStoredOnceWithIdempotence(LogFormat format, EmbeddedFlussCluster cluster)
            throws Exception {
        assertThat(storedAfterALostAnswer(cluster, "idempotent_" + format, format, true)).isEqualTo(ROWS);
        // The retry was the write policy's, and the application sees it in its own registry.
        assertThat(applicationRetries.retry(Operation.WRITE.retryName()).getMetrics()
                .getNumberOfSuccessfulCallsWithRetryAttempt()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void withoutIdempotenceTheSameRetryStoresTheBatchTwice(LogFormat format, EmbeddedFlussCluster cluster)
            throws Exception {
        // Proves the scenario really makes the client send the stored batch again.
        assertThat(storedAfterALostAnswer(cluster, "not_idempotent_" + format, format, false)).isEqualTo(2 * ROWS);
    }

    /**
     * The writer is closed while the batch whose answer was lost waits out its retry backoff, and the
     * close is cancelled at once. Nothing else would make the writer look at the batch again, so a
     * cancelled close that stopped the writer's periodic look would leave the batch unsent for good,
     * its rows never acknowledged and its reservation never given back.
     */
    @Test
    void aCloseNoLongerWaitedForStillSendsAndSettlesTheWritersBatches(EmbeddedFlussCluster cluster) throws Exception {
        WriterOptions options = WriterOptions.builder()
                .batchLinger(Duration.ofMillis(10))
                .build();
        Duration backoff = Duration.ofSeconds(2);
        withALostAnswer(cluster, "cancelled_close", LogFormat.ARROW, options, backoff, (client, table, writer, results) -> {
            // Lets the cut connection's failure reach the writer, which then waits for the backoff.
            Thread.sleep(300);
            Disposable close = writer.close().subscribe();
            close.dispose();

            List<WriteResult<Integer>> written = results.block(TIMEOUT);
            assertThat(written).hasSize(ROWS).allSatisfy(r -> assertThat(r.isSuccess()).as("%s", r).isTrue());
            // A later close waits for the same closing, which has finished or soon will.
            writer.close().block(TIMEOUT);
            assertThat(client.writeBuffer().reserved()).as("write buffer still reserved").isZero();
            assertThat(latestOffset(table.path())).as("rows stored, warm-up included").isEqualTo(ROWS + 1);
            return null;
        });
    }

    /** Writes ROWS rows while the first answer is lost; returns how many rows the table then holds. */
    private long storedAfterALostAnswer(EmbeddedFlussCluster cluster, String name, LogFormat format,
            boolean idempotence) throws Exception {
        WriterOptions options = WriterOptions.builder()
                .idempotence(idempotence)
                .batchLinger(Duration.ofMillis(10))
                .build();
        return withALostAnswer(cluster, name, format, options, Duration.ofMillis(50), (client, table, writer, results) -> {
            List<WriteResult<Integer>> written = results.block(TIMEOUT);
            assertThat(written).hasSize(ROWS).allSatisfy(r -> assertThat(r.isSuccess()).as("%s", r).isTrue());
            writer.close().block(TIMEOUT);

            Map<Integer, Long> rowsById = table.scan().untilLatest().records()
                    .collect(Collectors.groupingBy(r -> r.row().getInt(0), Collectors.counting()))
                    .block(TIMEOUT);
            assertThat(rowsById.keySet()).hasSize(ROWS + 1);
            return latestOffset(table.path()) - 1;
        });
    }

    /**
     * The default policies in the application's registry, but writes go again after a fixed backoff, so
     * that a test knows when.
     */
    private RetryPolicies writesRetriedAfter(Duration backoff) {
        return RetryPolicies.builder()
                .registry(applicationRetries)
                .policy(Operation.WRITE, RetryConfig.from(RetryPolicies.defaults().policy(Operation.WRITE))
                        .intervalFunction(IntervalFunction.of(backoff))
                        .build())
                .build();
    }

    /** What a test does once the answer to a stored batch was lost. */
    @FunctionalInterface
    private interface AfterALostAnswer<T> {
        /**
         * @param client the client, which reaches the tablet server through the proxy
         * @param table the table written to
         * @param writer the writer, which wrote one warm-up row and then ROWS rows
         * @param results the results of the ROWS rows, cached
         */
        T run(FlussClient client, FlussTable table, AppendWriter writer, Mono<List<WriteResult<Integer>>> results)
                throws Exception;
    }

    /**
     * Writes a warm-up row, then ROWS rows in one batch, which the server stores while the proxy holds
     * its answer; then cuts the connection, so that the answer is lost, and lets answers flow again
     * before handing over to the test.
     */
    private <T> T withALostAnswer(EmbeddedFlussCluster cluster, String name, LogFormat format, WriterOptions options,
            Duration retryBackoff, AfterALostAnswer<T> test) throws Exception {
        TablePath path = db.createTable(name.toLowerCase(), TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.INT()).column("v", DataTypes.STRING()).build())
                .distributedBy(1)
                .logFormat(format)
                .build());
        String tabletServer = cluster.tabletServerAddress(cluster.tabletServerIds().get(0));
        try (TcpProxy proxy = TcpProxy.start(tabletServer)) {
            FlussClient client = TestClients.clientVia(cluster,
                    FlussClientOptions.builder()
                            .requestTimeout(Duration.ofSeconds(60))
                            .retryPolicies(writesRetriedAfter(retryBackoff)),
                    address -> address.equals(tabletServer) ? proxy.address() : address);
            try {
                FlussTable table = client.table(path).block(TIMEOUT);
                AppendWriter writer = table.appendWriter(options);
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
                return test.run(client, table, writer, results);
            } finally {
                client.close().block(TIMEOUT);
            }
        }
    }

    private static long latestOffset(TablePath path) {
        return db.admin().listOffsets(path, List.of(0), OffsetSpec.latest()).block(TIMEOUT).get(0);
    }
}
