package io.flussreactive.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.type.DataTypes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The tables of the crash tests, and reading back what they hold. */
final class CrashTables {

    /** Buckets of every table: one of them is led by the server a test kills, the others are not. */
    static final int BUCKETS = 3;

    /** Long enough for a scan of a few hundred thousand rows on a busy machine. */
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private CrashTables() {}

    /** A log table {@code id INT, payload STRING}, three buckets, each on all three servers. */
    static TableDescriptor logTable() {
        return TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.INT())
                        .column("payload", DataTypes.STRING())
                        .build())
                .distributedBy(BUCKETS)
                .replicationFactor(3)
                .build();
    }

    /** A primary-key table {@code id INT PRIMARY KEY, payload STRING}, three buckets, each on all three servers. */
    static TableDescriptor primaryKeyTable() {
        return TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.INT())
                        .column("payload", DataTypes.STRING())
                        .primaryKey("id")
                        .build())
                .distributedBy(BUCKETS)
                .replicationFactor(3)
                .build();
    }

    /** Row {@code id}; its payload names it, so that a lookup can tell a wrong value. */
    static Row row(int id) {
        return GenericRow.of(id, payload(id));
    }

    static String payload(int id) {
        return "row-" + id + "-" + Integer.toHexString(id * 31 + 7);
    }

    /** How many times each row {@code 0..rows-1} is stored in a log table; fails on a row it did not expect. */
    static int[] storedCounts(FlussTable table, int rows) {
        int[] counts = new int[rows];
        AtomicInteger unexpected = new AtomicInteger();
        table.scan().untilLatest().records()
                .doOnNext(record -> {
                    int id = record.row().getInt(0);
                    if (id < 0 || id >= rows || !payload(id).equals(record.row().getString(1))) {
                        unexpected.incrementAndGet();
                    } else {
                        counts[id]++;
                    }
                })
                .then()
                .block(READ_TIMEOUT);
        assertThat(unexpected.get()).as("rows stored that were never written").isZero();
        return counts;
    }

    /** Kills (SIGKILL) the leader of bucket 0 of a table, as the coordinator decided, and starts it again. */
    static void killAndRestartLeaderOfBucketZero(EmbeddedFlussCluster cluster, TablePath path) {
        int leader = cluster.bucketLeader(path.databaseName(), path.tableName(), 0)
                .orElseThrow(() -> new AssertionError("bucket 0 of " + path + " has no leader"));
        cluster.killTabletServer(leader);
        cluster.startTabletServer(leader);
    }
}
