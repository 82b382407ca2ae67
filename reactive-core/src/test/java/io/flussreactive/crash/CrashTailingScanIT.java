package io.flussreactive.crash;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flussreactive.TestDatabase;
import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.scan.ScanRecord;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterConfig;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.WriterOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;

/**
 * A scan tails a log table while rows are appended and the leader of one of its buckets is killed
 * (SIGKILL) and started again: it delivers every stored record once, in offset order per bucket,
 * without a gap.
 */
@ExtendWith(FlussClusterExtension.class)
@FlussClusterConfig(tabletServers = 3, tabletServersInOwnProcesses = true)
class CrashTailingScanIT {

    private static final int ROWS = 60_000;

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("crash_scan");

    @Test
    void aTailingScanGoesThroughALeaderCrashWithoutGapOrDuplicate(EmbeddedFlussCluster cluster) {
        TablePath path = db.createTable("events", CrashTables.logTable());
        FlussTable table = db.table("events");
        ConcurrentLinkedQueue<ScanRecord> delivered = new ConcurrentLinkedQueue<>();
        AtomicReference<Throwable> scanError = new AtomicReference<>();
        Disposable scan = table.scan().records().subscribe(delivered::add, scanError::set);
        AppendWriter writer = table.appendWriter(WriterOptions.builder().idempotence(true).build());
        PacedWrite write = PacedWrite.start(writer, ROWS, 1_000, Duration.ofMillis(100), CrashTables::row);
        try {
            write.awaitEmitted(ROWS / 3);
            CrashTables.killAndRestartLeaderOfBucketZero(cluster, path);
            write.awaitEndWithOneResultPerRow();

            Map<Integer, Long> ends = db.admin()
                    .listOffsets(path, IntStream.range(0, CrashTables.BUCKETS).boxed().toList(), OffsetSpec.latest())
                    .block(TIMEOUT);
            long stored = ends.values().stream().mapToLong(Long::longValue).sum();
            await().atMost(PacedWrite.END_TIMEOUT)
                    .until(() -> delivered.size() >= stored || scanError.get() != null);
            assertThat(scanError.get()).as("the scan failed").isNull();

            // Per bucket: exactly the offsets 0 .. end - 1, in order.
            for (int bucket = 0; bucket < CrashTables.BUCKETS; bucket++) {
                int b = bucket;
                List<Long> offsets = delivered.stream().filter(r -> r.bucket() == b).map(ScanRecord::offset).toList();
                List<Long> expected = new ArrayList<>();
                for (long offset = 0; offset < ends.get(bucket); offset++) {
                    expected.add(offset);
                }
                assertThat(offsets).as("offsets delivered from bucket %d", bucket).isEqualTo(expected);
            }
            int[] counts = new int[ROWS];
            delivered.forEach(record -> counts[record.row().getInt(0)]++);
            write.assertStoredExactlyOnceIfAcked(counts);
        } finally {
            scan.dispose();
            write.dispose();
            writer.close().block(PacedWrite.END_TIMEOUT);
        }
    }
}
