package io.flussreactive.write;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.internal.rpc.ApiKey;
import io.flussreactive.lookup.Lookuper;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.ScanRecord;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

/**
 * When a batch leaves: at once when its bucket has nothing in flight, with whatever arrived meanwhile
 * when the answer comes, when full, and only as a last resort after the linger. The bounds on a lone
 * record's wait are a fraction of the linger: a batch that waited for its linger would take the whole.
 */
@ExtendWith(FlussClusterExtension.class)
class BatchDepartureIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("departure");

    private static FlussTable logTable(String name, int buckets) {
        TablePath path = db.createTable(name, TableDescriptor.builder()
                        .schema(Schema.newBuilder()
                                .column("id", DataTypes.INT())
                                .column("name", DataTypes.STRING())
                                .build())
                        .distributedBy(buckets)
                        .build());
        return db.client().table(path).block(TIMEOUT);
    }

    private static FlussTable primaryKeyTable(String name) {
        TablePath path = db.createTable(name, TableDescriptor.builder()
                        .schema(Schema.newBuilder()
                                .column("id", DataTypes.INT())
                                .column("name", DataTypes.STRING())
                                .primaryKey("id")
                                .build())
                        .distributedBy(3)
                        .build());
        return db.client().table(path).block(TIMEOUT);
    }

    private static WriterOptions lingering(long lingerMs) {
        return WriterOptions.builder().batchLinger(Duration.ofMillis(lingerMs)).build();
    }

    /**
     * Each lone append is acknowledged in a fraction of the linger, in one produce request. The first
     * write, which also fetches the writer id and the leaders, is left out. The fastest of several writes
     * must take less than half the linger (one slow round trip on a busy machine must not fail the test; a
     * batch waiting for its linger would make every one of them take the whole linger), and none may take
     * 5 s, half the longer linger.
     */
    @ParameterizedTest
    @ValueSource(longs = {100, 10_000})
    void aLoneAppendLeavesAtOnceWhateverTheLinger(long lingerMs) {
        FlussTable table = logTable("lone_append_" + lingerMs, 3);
        AppendWriter writer = table.appendWriter(lingering(lingerMs));
        writer.append(GenericRow.of(-1, "first")).block(TIMEOUT);

        long fastestNanos = Long.MAX_VALUE;
        long slowestNanos = 0;
        for (int i = 0; i < 5; i++) {
            long requestsBefore = TestClients.requestsSent(db.client(), ApiKey.PRODUCE_LOG);
            long start = System.nanoTime();
            WriteResult<Row> result = writer.append(GenericRow.of(i, "lone")).block(TIMEOUT);
            long tookNanos = System.nanoTime() - start;

            assertThat(result.isSuccess()).isTrue();
            assertThat(TestClients.requestsSent(db.client(), ApiKey.PRODUCE_LOG) - requestsBefore).isEqualTo(1);
            fastestNanos = Math.min(fastestNanos, tookNanos);
            slowestNanos = Math.max(slowestNanos, tookNanos);
        }
        writer.close().block(TIMEOUT);

        assertThat(Duration.ofNanos(fastestNanos)).isLessThan(Duration.ofMillis(lingerMs / 2));
        assertThat(Duration.ofNanos(slowestNanos)).isLessThan(Duration.ofSeconds(5));
        assertThat(table.scan().untilLatest().records().count().block(TIMEOUT)).isEqualTo(6);
    }

    /** The same for a lone upsert, with a linger of 10 s: the primary-key path leaves at once as well. */
    @Test
    void aLoneUpsertLeavesAtOnce() {
        FlussTable table = primaryKeyTable("lone_upsert");
        UpsertWriter writer = table.upsertWriter(lingering(10_000));
        writer.upsert(GenericRow.of(-1, "first")).block(TIMEOUT);

        for (int i = 0; i < 5; i++) {
            long requestsBefore = TestClients.requestsSent(db.client(), ApiKey.PUT_KV);
            long start = System.nanoTime();
            WriteResult<Row> result = writer.upsert(GenericRow.of(i, "lone")).block(TIMEOUT);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(result.isSuccess()).isTrue();
            assertThat(TestClients.requestsSent(db.client(), ApiKey.PUT_KV) - requestsBefore).isEqualTo(1);
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        }
        writer.close().block(TIMEOUT);

        Lookuper lookuper = table.lookuper();
        assertThat(lookuper.lookup(GenericRow.of(3)).block(TIMEOUT)).isEqualTo(GenericRow.of(3, "lone"));
    }

    /**
     * Under a steady stream the rows that arrive while a batch is in flight leave together: far fewer
     * requests than rows, even with a linger far longer than the whole write. The rows are stored once
     * each, in the order written (one bucket, so the log's order is the writer's).
     */
    @Test
    void aSteadyStreamOfAppendsStillFillsBatchesInOrder() {
        FlussTable table = logTable("stream_append", 1);
        AppendWriter writer = table.appendWriter(lingering(10_000));
        int rows = 100_000;

        long requestsBefore = TestClients.requestsSent(db.client(), ApiKey.PRODUCE_LOG);
        List<WriteResult<Row>> results = writer.writeRows(Flux.range(0, rows).map(i -> GenericRow.of(i, "n" + i)))
                .collectList()
                .block(TIMEOUT);
        long requests = TestClients.requestsSent(db.client(), ApiKey.PRODUCE_LOG) - requestsBefore;
        writer.close().block(TIMEOUT);

        assertThat(results).hasSize(rows).allMatch(WriteResult::isSuccess);
        assertThat(requests).as("produce requests for %d rows", rows).isLessThan(rows / 100);
        List<Integer> ids = table.scan().untilLatest().records().map(ScanRecord::row).map(row -> row.getInt(0))
                .collectList()
                .block(TIMEOUT);
        assertThat(ids).hasSize(rows);
        for (int i = 0; i < rows; i++) {
            assertThat(ids.get(i)).as("row at offset %d", i).isEqualTo(i);
        }
    }

    /** The same for upserts: a steady stream goes in few put requests, every key stored. */
    @Test
    void aSteadyStreamOfUpsertsStillFillsBatches() {
        FlussTable table = primaryKeyTable("stream_upsert");
        UpsertWriter writer = table.upsertWriter(lingering(10_000));
        int rows = 100_000;

        long requestsBefore = TestClients.requestsSent(db.client(), ApiKey.PUT_KV);
        List<WriteResult<Row>> results = writer.writeRows(Flux.range(0, rows).map(i -> GenericRow.of(i, "n" + i)))
                .collectList()
                .block(TIMEOUT);
        long requests = TestClients.requestsSent(db.client(), ApiKey.PUT_KV) - requestsBefore;
        writer.close().block(TIMEOUT);

        assertThat(results).hasSize(rows).allMatch(WriteResult::isSuccess);
        assertThat(requests).as("put requests for %d rows", rows).isLessThan(rows / 100);
        Lookuper lookuper = table.lookuper();
        assertThat(lookuper.lookup(GenericRow.of(rows - 1)).block(TIMEOUT)).isEqualTo(GenericRow.of(rows - 1,
                "n" + (rows - 1)));
    }
}
