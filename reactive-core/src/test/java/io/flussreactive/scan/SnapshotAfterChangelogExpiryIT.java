package io.flussreactive.scan;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flussreactive.TestDatabase;
import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.lookup.Lookuper;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.FlussClusterConfig;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.UpsertWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A primary-key table whose early changelog is gone (tiered to remote storage and expired there) is
 * still read whole from its snapshot, then its changelog.
 */
@ExtendWith(FlussClusterExtension.class)
@FlussClusterConfig(properties = {
        "kv.snapshot.interval=1s",
        // One segment per few batches, tiered (and expired) every second.
        "log.segment.file-size=4kb",
        "remote.log.task-interval-duration=1s"})
class SnapshotAfterChangelogExpiryIT {

    private static final int KEYS = 300;

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("snapshot_expiry");

    @Test
    void aTableWhoseEarlyChangelogExpiredIsReadWholeFromItsSnapshot() {
        TablePath path = db.createTable("expiring", TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.BIGINT())
                        .column("payload", DataTypes.STRING())
                        .primaryKey("id")
                        .build())
                .distributedBy(1)
                .property("table.log.ttl", "1s")
                .property("table.log.tiered.local-segments", "1")
                .build());
        FlussTable table = db.client().table(path).block(TIMEOUT);
        UpsertWriter writer = table.upsertWriter();
        for (int from = 0; from < KEYS; from += 10) {
            for (int key = from; key < from + 10; key++) {
                writer.upsert(GenericRow.of((long) key, "v" + key + "-" + "x".repeat(100))).block(TIMEOUT);
            }
            writer.flush().block(TIMEOUT);
        }
        await("the changelog's first offsets expired").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> earliestOffset(path) > 0);
        // A last change, for a snapshot taken at the latest offset.
        writer.upsert(GenericRow.of(0L, "last")).block(TIMEOUT);
        writer.close().block(TIMEOUT);
        long latest = table.scan().latestPosition().block(TIMEOUT).nextOffset(null, 0).getAsLong();
        await("a snapshot at the latest offset").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> snapshotEnd(table) == latest);

        Map<Long, Row> fromSnapshot = fold(table.scan().fromSnapshot().untilLatest().records().collectList().block(TIMEOUT));

        assertThat(fromSnapshot).hasSize(KEYS).isEqualTo(lookUp(table));
        // The changelog alone no longer has the first keys' inserts (what is left of it before the
        // snapshot may also be only in remote segments, which this client does not read).
        assertThat(earliestOffset(path)).as("the changelog's earliest offset").isPositive();
    }

    private static long earliestOffset(TablePath path) {
        return db.admin().listOffsets(path, List.of(0), OffsetSpec.earliest()).block(TIMEOUT).get(0);
    }

    /** Where the changelog goes on after the bucket's snapshot, as the first snapshot-only read says. */
    private static long snapshotEnd(FlussTable table) {
        List<RecordBatch> batches = table.scan().snapshotOnly().batches().collectList().block(TIMEOUT);
        batches.forEach(RecordBatch::close);
        return batches.isEmpty() ? -1 : batches.get(batches.size() - 1).nextOffset();
    }

    private static Map<Long, Row> fold(List<ScanRecord> records) {
        Map<Long, Row> state = new HashMap<>();
        for (ScanRecord record : records) {
            switch (record.changeType()) {
                case INSERT, UPDATE_AFTER -> state.put(record.row().getLong(0), record.row());
                case UPDATE_BEFORE, DELETE -> state.remove(record.row().getLong(0));
                default -> throw new AssertionError("unexpected " + record.changeType());
            }
        }
        return state;
    }

    private static Map<Long, Row> lookUp(FlussTable table) {
        Lookuper lookuper = table.lookuper();
        Map<Long, Row> rows = new HashMap<>();
        for (long key = 0; key < KEYS; key++) {
            Row row = lookuper.lookup(GenericRow.of(key)).block(TIMEOUT);
            if (row != null) {
                rows.put(key, GenericRow.copyOf(row));
            }
        }
        return rows;
    }
}
