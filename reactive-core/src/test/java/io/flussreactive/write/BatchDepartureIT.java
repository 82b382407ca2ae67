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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

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
     * Each lone append of a write stream that stays open is acknowledged in a fraction of the linger, in
     * one produce request (a stream that completes sends its last batches at once anyway, so the stream
     * is kept open). The first row, which also waits for the writer id and the leaders, is left out. The
     * fastest of several rows must take less than half the linger (one slow round trip on a busy machine
     * must not fail the test; a batch waiting for its linger would make every one of them take the whole
     * linger), and none may take 5 s, half the longer linger.
     */
    @ParameterizedTest
    @ValueSource(longs = {100, 10_000})
    void aLoneAppendLeavesAtOnceWhateverTheLinger(long lingerMs) throws InterruptedException {
        FlussTable table = logTable("lone_append_" + lingerMs, 3);
        AppendWriter writer = table.appendWriter(lingering(lingerMs));
        OpenStream stream = new OpenStream(writer);
        stream.writeAndAwait(GenericRow.of(-1, "first"));

        long fastestNanos = Long.MAX_VALUE;
        long slowestNanos = 0;
        for (int i = 0; i < 5; i++) {
            long requestsBefore = TestClients.requestsSent(db.client(), ApiKey.PRODUCE_LOG);
            long tookNanos = stream.writeAndAwait(GenericRow.of(i, "lone"));

            assertThat(TestClients.requestsSent(db.client(), ApiKey.PRODUCE_LOG) - requestsBefore).isEqualTo(1);
            fastestNanos = Math.min(fastestNanos, tookNanos);
            slowestNanos = Math.max(slowestNanos, tookNanos);
        }
        stream.complete();
        writer.close().block(TIMEOUT);

        assertThat(Duration.ofNanos(fastestNanos)).isLessThan(Duration.ofMillis(lingerMs / 2));
        assertThat(Duration.ofNanos(slowestNanos)).isLessThan(Duration.ofSeconds(5));
        assertThat(table.scan().untilLatest().records().count().block(TIMEOUT)).isEqualTo(6);
    }

    /**
     * Without {@code lingerOnlyWhenBusy} a batch that is not full waits for its linger, also when its bucket
     * has nothing in flight: a lone row of an open stream is not acknowledged before the linger has passed.
     */
    @Test
    void withoutLingerOnlyWhenBusyALoneAppendWaitsForTheLinger() throws InterruptedException {
        FlussTable table = logTable("lone_append_lingering", 3);
        Duration linger = Duration.ofMillis(300);
        AppendWriter writer = table.appendWriter(WriterOptions.builder()
                .batchLinger(linger)
                .lingerOnlyWhenBusy(false)
                .build());
        OpenStream stream = new OpenStream(writer);
        stream.writeAndAwait(GenericRow.of(-1, "first"));

        long tookNanos = stream.writeAndAwait(GenericRow.of(0, "lone"));
        stream.complete();
        writer.close().block(TIMEOUT);

        assertThat(Duration.ofNanos(tookNanos)).isGreaterThanOrEqualTo(linger);
    }

    /**
     * The same for lone upserts, with a linger of 10 s: the primary-key path leaves at once as well. The
     * first rows go to every bucket, since a bucket of a new primary-key table may refuse its first put
     * while its leader still opens the bucket's store (the put is then sent again).
     */
    @Test
    void aLoneUpsertLeavesAtOnce() throws InterruptedException {
        FlussTable table = primaryKeyTable("lone_upsert");
        UpsertWriter writer = table.upsertWriter(lingering(10_000));
        OpenStream stream = new OpenStream(writer);
        for (int key = -1; key >= -30; key--) {
            stream.writeAndAwait(GenericRow.of(key, "first"));
        }

        for (int i = 0; i < 5; i++) {
            long requestsBefore = TestClients.requestsSent(db.client(), ApiKey.PUT_KV);
            long tookNanos = stream.writeAndAwait(GenericRow.of(i, "lone"));

            assertThat(TestClients.requestsSent(db.client(), ApiKey.PUT_KV) - requestsBefore).isEqualTo(1);
            assertThat(Duration.ofNanos(tookNanos)).isLessThan(Duration.ofSeconds(5));
        }
        stream.complete();
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
        // A batch carries what arrived during its bucket's last round trip: how much depends on how fast the
        // rows come (on this machine 80 to 100 per request), so the bound only tells batches from single rows.
        assertThat(requests).as("put requests for %d rows", rows).isLessThan(rows / 20);
        Lookuper lookuper = table.lookuper();
        assertThat(lookuper.lookup(GenericRow.of(rows - 1)).block(TIMEOUT)).isEqualTo(GenericRow.of(rows - 1,
                "n" + (rows - 1)));
    }

    /** A write stream that stays open: rows go in one at a time, each awaited until its result arrives. */
    private static final class OpenStream {
        private final Sinks.Many<WriteRecord<Row>> rows = Sinks.many().unicast().onBackpressureBuffer();
        private final BlockingQueue<WriteResult<Row>> results = new LinkedBlockingQueue<>();

        OpenStream(FlussWriter writer) {
            writer.write(rows.asFlux()).subscribe(results::add);
        }

        /** Writes a row and waits for its result, which must be a success; returns how long that took. */
        long writeAndAwait(Row row) throws InterruptedException {
            long start = System.nanoTime();
            rows.emitNext(WriteRecord.of(row, row), Sinks.EmitFailureHandler.FAIL_FAST);
            WriteResult<Row> result = results.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long tookNanos = System.nanoTime() - start;
            assertThat(result).as("result of %s", row).isNotNull();
            assertThat(result.isSuccess()).as("%s", result).isTrue();
            assertThat(result.correlation()).isEqualTo(row);
            return tookNanos;
        }

        void complete() {
            rows.emitComplete(Sinks.EmitFailureHandler.FAIL_FAST);
        }
    }
}
