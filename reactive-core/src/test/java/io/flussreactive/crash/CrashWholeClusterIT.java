package io.flussreactive.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.TestDatabase;
import io.flussreactive.error.OutOfOrderSequenceException;
import io.flussreactive.table.FlussTable;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterConfig;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.WriteFailedException;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import io.flussreactive.write.WriterOptions;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every tablet server is killed (SIGKILL) in the middle of an append and started again: the write's
 * results end with one result per row, no row is stored twice, and the same writer then writes again as
 * if nothing had happened.
 *
 * <p>Unlike the tests that kill one server, this one cannot hold acknowledged rows to being stored: a
 * Fluss 0.9.1 replica that is told it follows truncates its log to the high watermark it last
 * checkpointed (every 5 s), for want of leader epochs (apache/fluss#673), and a restarted replica is told
 * so while its bucket has no leader, before it is elected leader itself. When every replica of a bucket
 * crashes, the servers can lose rows they acknowledged; in this test, every row of the first seconds.
 * Nor can a batch whose answer the crash lost be sent again once its bucket's leader lost the writer's
 * sequences: a replica may still hold it and lead later, so it fails, with
 * {@code OutOfOrderSequenceException} and nothing else.
 */
@ExtendWith(FlussClusterExtension.class)
@FlussClusterConfig(tabletServers = 3, tabletServersInOwnProcesses = true)
class CrashWholeClusterIT {

    private static final int ROWS = 60_000;
    private static final int ROWS_AFTER = 1_000;

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("crash_cluster");

    @Test
    void everyTabletServerKilledAndRestartedWritesResumeAndNothingHangs(EmbeddedFlussCluster cluster) {
        db.createTable("events", CrashTables.logTable());
        FlussTable table = db.table("events");
        AppendWriter writer = table.appendWriter(WriterOptions.builder().idempotence(true).build());
        PacedWrite write = PacedWrite.start(writer, ROWS, 1_000, Duration.ofMillis(100), CrashTables::row);
        try {
            write.awaitEmitted(ROWS / 3);
            List<Integer> ids = cluster.tabletServerIds();
            ids.forEach(cluster::killTabletServer);
            ids.forEach(cluster::startTabletServer);

            write.awaitEndWithOneResultPerRow();
            assertThat(write.failureTypes().keySet()).as("what rows failed with")
                    .isSubsetOf(OutOfOrderSequenceException.class.getSimpleName());
            // A flush reports the rows that failed since the last one; after it, the writer starts clean.
            long failedByFlush = writer.flush().then(Mono.just(0L))
                    .onErrorResume(WriteFailedException.class, failed -> Mono.just(failed.failedRecords()))
                    .block(PacedWrite.END_TIMEOUT);
            assertThat(failedByFlush).isEqualTo(write.failed.get());
            List<WriteResult<Integer>> after = writer
                    .write(Flux.range(ROWS, ROWS_AFTER).map(id -> WriteRecord.of(CrashTables.row(id), id)))
                    .collectList()
                    .block(PacedWrite.END_TIMEOUT);
            assertThat(after).hasSize(ROWS_AFTER).allSatisfy(r -> assertThat(r.isSuccess()).as("%s", r).isTrue());

            int[] stored = CrashTables.storedCounts(table, ROWS + ROWS_AFTER);
            List<Integer> storedTwice = IntStream.range(0, ROWS + ROWS_AFTER).filter(id -> stored[id] > 1)
                    .boxed().toList();
            assertThat(storedTwice).as("rows stored more than once (%s)", write.failureSummary()).isEmpty();
            for (int id = ROWS; id < ROWS + ROWS_AFTER; id++) {
                assertThat(stored[id]).as("row %d written after the restart", id).isEqualTo(1);
            }
        } finally {
            write.dispose();
            writer.close().block(PacedWrite.END_TIMEOUT);
        }
    }
}
