package io.flussreactive.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.TestDatabase;
import io.flussreactive.lookup.LookupResult;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterConfig;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.write.UpsertWriter;
import io.flussreactive.write.WriterOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

/**
 * The leader of a bucket is killed (SIGKILL) in the middle of an idempotent upsert and started again:
 * every row gets one result, the results end, and a lookup of every acknowledged key finds its value.
 */
@ExtendWith(FlussClusterExtension.class)
@FlussClusterConfig(tabletServers = 3, tabletServersInOwnProcesses = true)
class CrashUpsertIT {

    private static final int ROWS = 100_000;

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("crash_upsert");

    @Test
    void aLeaderKilledMidUpsertLosesNoAcknowledgedKey(EmbeddedFlussCluster cluster) {
        TablePath path = db.createTable("accounts", CrashTables.primaryKeyTable());
        FlussTable table = db.table("accounts");
        UpsertWriter writer = table.upsertWriter(WriterOptions.builder().idempotence(true).build());
        PacedWrite write = PacedWrite.start(writer, ROWS, 2_000, Duration.ofMillis(100), CrashTables::row);
        try {
            write.awaitEmitted(ROWS / 4);
            CrashTables.killAndRestartLeaderOfBucketZero(cluster, path);

            write.awaitEndWithOneResultPerRow();
            assertThat(write.acked.get()).as(write.failureSummary()).isPositive();
        } finally {
            write.dispose();
            writer.close().block(PacedWrite.END_TIMEOUT);
        }

        List<LookupResult> found = table.lookuper()
                .lookupAll(Flux.range(0, ROWS).map(id -> (Row) GenericRow.of(id)))
                .collectList()
                .block(PacedWrite.END_TIMEOUT);
        assertThat(found).hasSize(ROWS);
        int[] stored = new int[ROWS];
        for (LookupResult result : found) {
            int id = result.key().getInt(0);
            result.value().ifPresent(row -> {
                // A wrong value counts as a lost one.
                if (row.getInt(0) == id && CrashTables.payload(id).equals(row.getString(1))) {
                    stored[id]++;
                }
            });
        }
        write.assertStoredExactlyOnceIfAcked(stored);
    }
}
