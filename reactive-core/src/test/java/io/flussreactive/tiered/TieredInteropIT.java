package io.flussreactive.tiered;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.interop.OfficialClient;
import io.flussreactive.interop.OfficialLogReader;
import io.flussreactive.row.Row;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterConfig;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.fluss.client.table.Table;
import org.apache.fluss.client.table.writer.AppendWriter;
import org.apache.fluss.metadata.TableChange;
import org.apache.fluss.row.BinaryString;
import org.apache.fluss.row.GenericRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A log table written by the official client and tiered by the cluster reads the same through our
 * client (from the tiered segments on into the local log) as through the official one.
 */
@ExtendWith(FlussClusterExtension.class)
@FlussClusterConfig(properties = {TieredLogs.SEGMENT_SIZE, TieredLogs.TASK_INTERVAL})
class TieredInteropIT {

    private static final int ROWS = 40_000;

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("tiered_interop");

    private static OfficialClient official;
    private static Path clusterDirectory;
    private static TablePath path;

    @BeforeAll
    static void writeWithTheOfficialClientAndTier(EmbeddedFlussCluster cluster) throws Exception {
        clusterDirectory = cluster.directory();
        // Batches of 128 KiB, so that the log rolls over several segments of 256 KiB.
        official = OfficialClient.connect(cluster, Map.of("client.writer.batch-size", "128kb"));
        path = createTable("by_official");
        appendWithTheOfficialClient(path, IntStream.range(0, ROWS)
                .mapToObj(i -> GenericRow.of(i, BinaryString.fromString(nameOf(i)), i * 7L))
                .toList());
        TieredLogs.awaitTiered(clusterDirectory, db.name(), "by_official");
    }

    private static TablePath createTable(String name) {
        return db.createTable(name, TieredLogs.oneBucketTable());
    }

    private static void appendWithTheOfficialClient(TablePath table, List<GenericRow> rows) throws Exception {
        try (Table officialTable = official.table(table)) {
            AppendWriter writer = officialTable.newAppend().createWriter();
            List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
            for (GenericRow row : rows) {
                acks.add(writer.append(row));
            }
            writer.flush();
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void close() throws Exception {
        official.close();
    }

    @Test
    void ourClientReadsTheTieredRowsTheOfficialClientWrote() {
        CountingFileSystem files = new CountingFileSystem();
        FlussClient client = TestClients.client(db.cluster(),
                FlussClientOptions.builder().remoteFileSystem("file", tokens -> files));
        try {
            List<String> rows = client.table(path).block(TIMEOUT).scan().untilLatest().records()
                    .map(record -> text(record.row()))
                    .collectList()
                    .block(TIMEOUT);

            assertThat(rows).containsExactlyElementsOf(expectedRows());
            assertThat(files.filesRead()).as("tiered segments read")
                    .isNotEmpty()
                    .allSatisfy(file -> assertThat(TieredLogs.remoteSegments(clusterDirectory, db.name(), "by_official"))
                            .contains(Path.of(file)));
        } finally {
            client.close().block(TIMEOUT);
        }
    }

    @Test
    void theOfficialClientReadsTheSameRowsFromTheTieredTable() throws Exception {
        List<String> rows = new OfficialLogReader(official).readAll(path, null, ROWS).stream()
                .map(read -> text(read.row()))
                .toList();

        assertThat(rows).containsExactlyElementsOf(expectedRows());
    }

    /**
     * Rows of the old schema are only in tiered segments when read (the tablet server refuses to project a
     * batch of an older schema onto a column added since), and the client widens them after decoding.
     */
    @Test
    void columnsAddedAfterTheTieredRowsWereWrittenReadAsNullsProjectedOrNot() throws Exception {
        TablePath widened = createTable("widened");
        appendWithTheOfficialClient(widened, IntStream.range(0, ROWS)
                .mapToObj(i -> GenericRow.of(i, BinaryString.fromString(nameOf(i)), i * 7L))
                .toList());
        official.admin().alterTable(OfficialClient.toOfficial(widened), List.of(TableChange.addColumn("note",
                        org.apache.fluss.types.DataTypes.STRING(), "added", TableChange.ColumnPosition.last())), false)
                .get(60, TimeUnit.SECONDS);
        appendWithTheOfficialClient(widened, IntStream.range(ROWS, 2 * ROWS)
                .mapToObj(i -> GenericRow.of(i, BinaryString.fromString(nameOf(i)), i * 7L,
                        BinaryString.fromString("n" + i)))
                .toList());
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
                TieredLogs.localSegments(clusterDirectory, db.name(), "widened").stream()
                        .allMatch(segment -> TieredLogs.baseOffsetOf(segment) >= ROWS));

        CountingFileSystem files = new CountingFileSystem();
        FlussClient client = TestClients.client(db.cluster(),
                FlussClientOptions.builder().remoteFileSystem("file", tokens -> files));
        try {
            List<String> projected = client.table(widened).block(TIMEOUT).scan().project("note", "id").untilLatest()
                    .records()
                    .map(record -> record.row().getString(0) + "|" + record.row().getInt(1))
                    .collectList()
                    .block(TIMEOUT);
            List<String> whole = client.table(widened).block(TIMEOUT).scan().untilLatest().records()
                    .map(record -> text(record.row()) + "|" + record.row().getString(3))
                    .collectList()
                    .block(TIMEOUT);

            assertThat(projected).containsExactlyElementsOf(IntStream.range(0, 2 * ROWS)
                    .mapToObj(i -> (i < ROWS ? "null" : "n" + i) + "|" + i).toList());
            assertThat(whole).containsExactlyElementsOf(IntStream.range(0, 2 * ROWS)
                    .mapToObj(i -> i + "|" + nameOf(i) + "|" + i * 7L + "|" + (i < ROWS ? "null" : "n" + i)).toList());
            assertThat(files.bytesRead()).isPositive();
        } finally {
            client.close().block(TIMEOUT);
        }
    }

    private static List<String> expectedRows() {
        return IntStream.range(0, ROWS).mapToObj(i -> i + "|" + nameOf(i) + "|" + i * 7L).toList();
    }

    private static String text(Row row) {
        return row.getInt(0) + "|" + row.getString(1) + "|" + row.getLong(2);
    }

    private static String nameOf(int id) {
        return TieredLogScanIT.nameOf(id);
    }
}
