package io.flussreactive.scan;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flussreactive.FlussClient;
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
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.WriteResult;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The signals of scans, stated with StepVerifier: a bounded scan completes after exactly the rows stored,
 * a tailing scan delivers no more than asked for and never completes, and cancelling it gives back every
 * Arrow buffer it held.
 */
@ExtendWith(FlussClusterExtension.class)
class ScanSignalsIT {

    private static final int ROWS = 3_000;
    /** How long nothing may happen for a test to conclude that nothing will. */
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("scan_signals");

    private static TablePath written;
    private static TablePath empty;

    /** A client per test, so that its Arrow memory belongs to that test alone. */
    private FlussClient client;

    @BeforeAll
    static void createTables() {
        written = createTable("written");
        empty = createTable("empty");
        append(db.table(written.tableName()), 0, ROWS);
    }

    @BeforeEach
    void connect(EmbeddedFlussCluster cluster) {
        client = TestClients.client(cluster);
    }

    @AfterEach
    void close() {
        client.close().block(TIMEOUT);
    }

    @Test
    void aScanUntilTheLatestOffsetsCompletesAfterExactlyTheRowsStoredEachOnce() {
        Set<Integer> ids = new HashSet<>();
        StepVerifier.create(table(written).scan().untilLatest().records())
                .thenConsumeWhile(record -> ids.add(record.row().getInt(0)))
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(ids).hasSize(ROWS).allSatisfy(id -> assertThat(id).isBetween(0, ROWS - 1));
    }

    @Test
    void aScanUntilTheLatestOffsetsOfAnEmptyTableCompletesWithoutRows() {
        StepVerifier.create(table(empty).scan().untilLatest().records())
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void aTailingScanDeliversWhatIsAskedForOnlyAndCancellingItGivesBackItsMemory() {
        StepVerifier.create(table(written).scan().records(), 0)
                .expectSubscription()
                .expectNoEvent(QUIET)
                .thenRequest(10)
                .expectNextCount(10)
                // The rest of the table is there to be read, but nobody asked for it.
                .expectNoEvent(QUIET)
                .thenRequest(5)
                .expectNextCount(5)
                .thenCancel()
                .verify(TIMEOUT);

        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(client.arrowMemoryInUse()).as("Arrow memory after the cancel").isZero());
    }

    @Test
    void aTailingScanFromTheLatestOffsetsDeliversRowsWrittenAfterItStartedAndDoesNotComplete() {
        TablePath path = createTable("tailed");
        FlussTable table = table(path);

        StepVerifier.create(table.scan().from(OffsetSpec.latest()).records()
                        .map(record -> record.row().getInt(0)))
                .expectSubscription()
                .expectNoEvent(QUIET)
                .then(() -> append(table, 0, 3))
                .recordWith(HashSet::new)
                .expectNextCount(3)
                .consumeRecordedWith(ids -> assertThat(ids).containsExactlyInAnyOrder(0, 1, 2))
                // Caught up with the log, it waits for more rather than completing.
                .expectNoEvent(QUIET)
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void batchesOfABoundedScanAddUpToTheRowsStored() {
        StepVerifier.create(table(written).scan().untilLatest().batches()
                        .map(batch -> {
                            try (RecordBatch closed = batch) {
                                return closed.rowCount();
                            }
                        })
                        .reduce(0, Integer::sum))
                .expectNext(ROWS)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(client.arrowMemoryInUse()).isZero();
    }

    private FlussTable table(TablePath path) {
        return client.table(path).block(TIMEOUT);
    }

    private static TablePath createTable(String name) {
        return db.createTable(name, TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.INT())
                        .column("name", DataTypes.STRING())
                        .build())
                .distributedBy(3)
                .build());
    }

    private static void append(FlussTable table, int from, int count) {
        AppendWriter writer = table.appendWriter();
        StepVerifier.create(writer.writeRows(Flux.range(from, count).map(i -> GenericRow.of(i, "row-" + i))))
                .thenConsumeWhile(WriteResult::isSuccess)
                .expectComplete()
                .verify(TIMEOUT);
        writer.close().block(TIMEOUT);
    }
}
