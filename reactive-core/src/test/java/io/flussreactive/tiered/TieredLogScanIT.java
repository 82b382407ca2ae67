package io.flussreactive.tiered;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.row.GenericRow;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.scan.ScanOptions;
import io.flussreactive.storage.FileSystemToken;
import io.flussreactive.storage.FileSystemTokenSource;
import io.flussreactive.storage.RemoteStorageException;
import io.flussreactive.table.FlussTable;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterConfig;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.ManualSubscriber;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

/**
 * Scans of a log table whose older segments were tiered to remote storage (the cluster's local remote
 * directory, read through a counting file system): they read the tiered segments and go on into the
 * local log, under demand and within the prefetch budget, projected, and stop reading when cancelled.
 */
@ExtendWith(FlussClusterExtension.class)
@FlussClusterConfig(properties = {TieredLogs.SEGMENT_SIZE, TieredLogs.TASK_INTERVAL})
class TieredLogScanIT {

    /** Rows per write, alternating: batches larger than a read chunk of 64 KiB, and small ones. */
    private static final int[] WRITES = {5000, 300, 5000, 300, 5000, 300, 5000, 300, 5000, 300, 5000, 300, 5000};
    private static final int ROWS = IntStream.of(WRITES).sum();

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("tiered_scan");

    private static Path clusterDirectory;
    private CountingFileSystem files;
    private FlussClient client;
    /** The cluster's file-system tokens, as the client hands them to the file system it makes. */
    private volatile FileSystemTokenSource tokenSource;

    @BeforeAll
    static void writeAndTier(EmbeddedFlussCluster cluster) {
        clusterDirectory = cluster.directory();
        createAndFill("rows", 0);
        TieredLogs.awaitTiered(clusterDirectory, db.name(), "rows");
    }

    @BeforeEach
    void connect(EmbeddedFlussCluster cluster) {
        files = new CountingFileSystem();
        client = TestClients.client(cluster, FlussClientOptions.builder().remoteFileSystem("file", tokens -> {
            tokenSource = tokens;
            return files;
        }));
    }

    @AfterEach
    void close() {
        client.close().block(TIMEOUT);
    }

    @Test
    void readsEveryRowInOrderFromTheTieredSegmentsOnIntoTheLocalLog() {
        List<Long> ids = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        table("rows").scan().untilLatest().batches()
                .doOnNext(batch -> {
                    try (batch) {
                        for (int i = 0; i < batch.rowCount(); i++) {
                            ids.add((long) batch.row(i).getInt(0));
                            offsets.add(batch.offset(i));
                            assertThat(batch.row(i).getString(1)).isEqualTo(nameOf(batch.row(i).getInt(0)));
                        }
                    }
                })
                .blockLast(TIMEOUT);

        assertThat(ids).containsExactlyElementsOf(upTo(ROWS));
        assertThat(offsets).containsExactlyElementsOf(upTo(ROWS));
        List<Path> tiered = TieredLogs.remoteSegments(clusterDirectory, db.name(), "rows");
        assertThat(files.filesRead()).as("tiered segments read").isNotEmpty()
                .allSatisfy(file -> assertThat(tiered).contains(Path.of(file)));
        assertThat(files.bytesRead()).isPositive();
        // The last rows came from the local log: its first segment starts after the tiered ones.
        assertThat(TieredLogs.localSegments(clusterDirectory, db.name(), "rows"))
                .isNotEmpty().noneMatch(TieredLogs::startsTheLog);
        assertThat(files.openReads()).isZero();
        await().atMost(TIMEOUT).until(() -> client.arrowMemoryInUse() == 0);
    }

    @Test
    void projectsTheColumnsOfTieredBatchesInTheOrderAsked() {
        List<Object[]> rows = table("rows").scan().project("amount", "id").untilLatest().records()
                .map(record -> new Object[] {record.row().getLong(0), record.row().getInt(1), record.row().fieldCount()})
                .collectList()
                .block(TIMEOUT);

        assertThat(rows).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            assertThat(rows.get(i)).containsExactly(i * 7L, i, 2);
        }
        assertThat(files.bytesRead()).isPositive();
        await().atMost(TIMEOUT).until(() -> client.arrowMemoryInUse() == 0);
    }

    @Test
    void takeCancelsTheReadOfTheTieredSegmentsAndFreesEveryBatch() throws InterruptedException {
        List<Integer> firstIds = table("rows").scan().options(smallBudget()).batches()
                .take(2)
                .map(batch -> {
                    try (batch) {
                        return batch.row(0).getInt(0);
                    }
                })
                .collectList()
                .block(TIMEOUT);

        assertThat(firstIds).hasSize(2).startsWith(0);
        assertReadsStoppedShortOfTheEnd();
        await().atMost(TIMEOUT).until(() -> client.arrowMemoryInUse() == 0);
    }

    @Test
    void cancellingMidSegmentStopsTheReadAndFreesWhatWasPrefetched() throws InterruptedException {
        ManualSubscriber<RecordBatch> batches = new ManualSubscriber<>(true);
        table("rows").scan().options(smallBudget()).batches().subscribe(batches);
        batches.request(3);
        await().atMost(TIMEOUT).until(() -> batches.received() == 3);

        batches.cancel();
        batches.items().forEach(RecordBatch::close);

        assertReadsStoppedShortOfTheEnd();
        await().atMost(TIMEOUT).until(() -> client.arrowMemoryInUse() == 0);
    }

    /** No read of a segment is left open, none goes on, and the tiered log was not read to its end. */
    private void assertReadsStoppedShortOfTheEnd() throws InterruptedException {
        await().atMost(TIMEOUT).until(() -> files.openReads() == 0);
        long readAfterCancel = files.bytesRead();
        Thread.sleep(1000);
        assertThat(files.bytesRead()).as("bytes read a second after the cancel").isEqualTo(readAfterCancel)
                .isLessThan(tieredBytes("rows"));
    }

    @Test
    void withLittleDemandAndASmallBudgetOnlyPartOfTheTieredSegmentsIsRead() throws InterruptedException {
        long tieredBytes = tieredBytes("rows");
        ManualSubscriber<RecordBatch> batches = new ManualSubscriber<>(true);
        table("rows").scan().options(smallBudget()).batches()
                .subscribe(batches);

        batches.request(1);
        await().atMost(TIMEOUT).until(() -> batches.received() == 1);
        // Time to read ahead, if the scan did.
        Thread.sleep(1500);

        long read = files.bytesRead();
        assertThat(read).as("bytes read of %d tiered, after one batch was asked for", tieredBytes)
                .isPositive()
                .isLessThan(tieredBytes / 2);
        batches.request(2);
        await().atMost(TIMEOUT).until(() -> batches.received() == 3);
        assertThat(files.bytesRead()).as("bytes read after two more batches were asked for").isGreaterThan(read);
        batches.cancel();
        batches.items().forEach(RecordBatch::close);
        await().atMost(TIMEOUT).until(() -> client.arrowMemoryInUse() == 0);
    }

    @Test
    void aMissingTieredSegmentFailsTheScanNamingTheFile() throws IOException {
        createAndFill("missing", 0);
        TieredLogs.awaitTiered(clusterDirectory, db.name(), "missing");
        Path first = TieredLogs.remoteSegments(clusterDirectory, db.name(), "missing").stream()
                .filter(TieredLogs::startsTheLog)
                .findFirst()
                .orElseThrow();
        Files.delete(first);

        assertThatThrownBy(() -> table("missing").scan().untilLatest().batches()
                        .doOnNext(RecordBatch::close)
                        .blockLast(TIMEOUT))
                .isInstanceOf(RemoteStorageException.class)
                .hasMessageContaining(first.getFileName().toString())
                .satisfies(e -> assertThat(Path.of(((RemoteStorageException) e).file())).isEqualTo(first));
        await().atMost(TIMEOUT).until(() -> files.openReads() == 0 && client.arrowMemoryInUse() == 0);
    }

    @Test
    void aClusterTieringToALocalDirectoryAnswersWithAnEmptyFileSystemToken() {
        // The file system, and with it the token source, is made when the first segment is read.
        table("rows").scan().untilLatest().batches().take(1).doOnNext(RecordBatch::close).blockLast(TIMEOUT);

        FileSystemToken token = tokenSource.token().block(TIMEOUT);

        assertThat(token.scheme()).isEqualTo("file");
        assertThat(token.token()).isEmpty();
        assertThat(token.expiration()).isEmpty();
        assertThat(token.additionalInfo()).isEmpty();
    }

    private FlussTable table(String name) {
        return client.table(db.path(name)).block(TIMEOUT);
    }

    /** A table of one bucket that keeps one local segment once tiered, filled with {@link #ROWS} rows. */
    static void createAndFill(String name, int firstId) {
        db.createTable(name, TieredLogs.oneBucketTable());
        AppendWriter writer = db.table(name).appendWriter();
        int next = firstId;
        for (int rows : WRITES) {
            List<WriteResult<Integer>> failed = writer.write(Flux.range(next, rows)
                            .map(i -> WriteRecord.of(GenericRow.of(i, nameOf(i), i * 7L), i)))
                    .filter(result -> !result.isSuccess())
                    .collectList()
                    .block(TIMEOUT);
            assertThat(failed).isEmpty();
            next += rows;
        }
        writer.close().block(TIMEOUT);
    }

    /** A value that compresses poorly, so that batches keep their size on disk. */
    static String nameOf(int id) {
        return Long.toHexString(id * 0x9E3779B97F4A7C15L) + "-" + Long.toHexString(id * 0xC2B2AE3D27D4EB4FL);
    }

    /** A prefetch budget of two read chunks, a fraction of the tiered log. */
    private static ScanOptions smallBudget() {
        return ScanOptions.builder().prefetchBytes(128 << 10).build();
    }

    private static long tieredBytes(String table) {
        long bytes = 0;
        for (Path segment : TieredLogs.remoteSegments(clusterDirectory, db.name(), table)) {
            try {
                bytes += Files.size(segment);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bytes;
    }

    /** The longs 0 to n - 1. */
    private static List<Long> upTo(int n) {
        return LongStream.range(0, n).boxed().toList();
    }
}
