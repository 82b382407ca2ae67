package io.flussreactive.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.TestDatabase;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterConfig;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.WriterOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The leader of a bucket is killed (SIGKILL) in the middle of an idempotent append and started again:
 * every row gets one result, the results end, and every acknowledged row is stored exactly once.
 */
@ExtendWith(FlussClusterExtension.class)
@FlussClusterConfig(tabletServers = 3, tabletServersInOwnProcesses = true)
class CrashAppendIT {

    private static final int ROWS = 200_000;

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("crash_append");

    @Test
    void aLeaderKilledMidAppendLosesNoAcknowledgedRowAndStoresNoneTwice(EmbeddedFlussCluster cluster) {
        TablePath path = db.createTable("events", CrashTables.logTable());
        FlussTable table = db.table("events");
        AppendWriter writer = table.appendWriter(WriterOptions.builder().idempotence(true).build());
        // About ten seconds of rows: the crash lands in the middle, and the stall it causes too.
        PacedWrite write = PacedWrite.start(writer, ROWS, 2_000, Duration.ofMillis(100), CrashTables::row);
        try {
            write.awaitEmitted(ROWS / 4);
            CrashTables.killAndRestartLeaderOfBucketZero(cluster, path);

            write.awaitEndWithOneResultPerRow();
            assertThat(write.acked.get()).as(write.failureSummary()).isPositive();
            write.assertStoredExactlyOnceIfAcked(CrashTables.storedCounts(table, ROWS));
        } finally {
            write.dispose();
            writer.close().block(PacedWrite.END_TIMEOUT);
        }
    }
}
