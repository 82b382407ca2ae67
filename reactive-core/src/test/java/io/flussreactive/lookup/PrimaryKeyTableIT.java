package io.flussreactive.lookup;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.internal.record.CompactedRowWriter;
import io.flussreactive.internal.record.KeyEncoders;
import io.flussreactive.internal.record.KvBatchEncoder;
import io.flussreactive.internal.rpc.ApiKey;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.ScanRecord;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.UpsertWriter;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import io.flussreactive.write.WriterOptions;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

/** Upserts, partial updates, deletes, lookups and the changelog of a primary-key table. */
@ExtendWith(FlussClusterExtension.class)
class PrimaryKeyTableIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("pk");

    private static FlussTable ordersTable(String name) {
        TablePath path = db.createTable(name, TableDescriptor.builder()
                        .schema(Schema.newBuilder()
                                .column("id", DataTypes.BIGINT())
                                .column("customer", DataTypes.STRING())
                                .column("amount", DataTypes.DOUBLE())
                                .primaryKey("id")
                                .build())
                        .distributedBy(3)
                        .build());
        return db.client().table(path).block(TIMEOUT);
    }

    @Test
    void upsertsAreLookedUpAndPartialUpdatesAndDeletesApply() {
        FlussTable table = ordersTable("orders");
        UpsertWriter writer = table.upsertWriter();
        writer.writeRows(Flux.range(0, 100).map(i -> GenericRow.of((long) i, "c" + i, i * 1.5))).then().block(TIMEOUT);
        writer.flush().block(TIMEOUT);
        Lookuper lookuper = table.lookuper();

        assertThat(lookuper.lookup(GenericRow.of(7L)).block(TIMEOUT)).isEqualTo(GenericRow.of(7L, "c7", 10.5));
        assertThat(lookuper.lookup(GenericRow.of(1000L)).blockOptional(TIMEOUT)).isEmpty();

        UpsertWriter amounts = table.partialUpdateWriter("amount");
        amounts.upsert(GenericRow.of(7L, "ignored", 99.0)).block(TIMEOUT);
        assertThat(lookuper.lookup(GenericRow.of(7L)).block(TIMEOUT)).isEqualTo(GenericRow.of(7L, "c7", 99.0));

        assertThat(writer.delete(GenericRow.of(7L, null, null)).block(TIMEOUT).isSuccess()).isTrue();
        assertThat(lookuper.lookup(GenericRow.of(7L)).blockOptional(TIMEOUT)).isEmpty();
        writer.close().block(TIMEOUT);
        amounts.close().block(TIMEOUT);
    }

    @Test
    void theChangelogHoldsTheOperationsInOrderPerKey() {
        FlussTable table = ordersTable("changelog");
        UpsertWriter writer = table.upsertWriter();
        writer.write(Flux.just(
                        WriteRecord.of(GenericRow.of(1L, "a", 1.0), 1),
                        WriteRecord.of(GenericRow.of(2L, "b", 2.0), 2),
                        WriteRecord.of(GenericRow.of(1L, "a", 1.5), 3),
                        WriteRecord.delete(GenericRow.of(2L, null, null), 4)))
                .then()
                .block(TIMEOUT);
        writer.close().block(TIMEOUT);

        List<ScanRecord> changelog = table.scan().untilLatest().records().collectList().block(TIMEOUT);

        assertThat(changelog.stream().filter(r -> r.row().getLong(0) == 1L)
                        .map(r -> r.changeType() + " " + r.row()).collect(Collectors.toList()))
                .containsExactly("+I (1, a, 1.0)", "-U (1, a, 1.0)", "+U (1, a, 1.5)");
        assertThat(changelog.stream().filter(r -> r.row().getLong(0) == 2L)
                        .map(r -> r.changeType() + " " + r.row()).collect(Collectors.toList()))
                .containsExactly("+I (2, b, 2.0)", "-D (2, b, 2.0)");
    }

    /**
     * A KV batch holds as many records as fit the batch size, and no more: it is closed before a record
     * that would take it past the batch size, so its buffer never has to grow. The server turns each KV
     * batch into one changelog batch, so the changelog shows how the writer cut them.
     */
    @Test
    void aKvBatchHoldsAsManyRecordsAsFitTheBatchSize() {
        FlussTable table = ordersTable("batch_size");
        int batchSize = 64 * 1024;
        UpsertWriter writer = table.upsertWriter(WriterOptions.builder()
                .batchSizeBytes(batchSize)
                .batchLinger(Duration.ofSeconds(30))
                // Batches leave only when full, so that the largest shows where the size cuts them.
                .lingerOnlyWhenBusy(false)
                .build());
        // Every row encodes to the same size (integers are written as varints: these ids all take three bytes).
        Function<Integer, GenericRow> row = i -> GenericRow.of(1_000_000L + i, String.format("c%07d", i), i * 1.5);
        int recordSize = KvBatchEncoder.recordSize(KeyEncoders.primaryKey(table.info()).encode(row.apply(0)).length,
                new CompactedRowWriter(table.info().rowType()).encode(row.apply(0)).length);
        int fullBatch = (batchSize - KvBatchEncoder.HEADER_SIZE) / recordSize;

        writer.writeRows(Flux.range(0, 20_000).map(row)).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);

        List<Integer> rowsPerBatch = TestClients.rowsPerStoredBatch(table);
        assertThat(rowsPerBatch.stream().mapToInt(Integer::intValue).sum()).isEqualTo(20_000);
        assertThat(Collections.max(rowsPerBatch)).as("rows of the largest batch (%d fit), of %s", fullBatch, rowsPerBatch)
                .isEqualTo(fullBatch);
    }

    @Test
    void aLoneLookupIsSentAtOnceInOneRequest() {
        FlussTable table = ordersTable("lone");
        UpsertWriter writer = table.upsertWriter();
        writer.upsert(GenericRow.of(5L, "five", 5.0)).block(TIMEOUT);
        writer.close().block(TIMEOUT);
        Lookuper lookuper = table.lookuper();
        lookuper.lookup(GenericRow.of(5L)).block(TIMEOUT);

        long before = TestClients.requestsSent(db.client(), ApiKey.LOOKUP);
        Row found = lookuper.lookup(GenericRow.of(5L)).block(TIMEOUT);

        assertThat(found).isEqualTo(GenericRow.of(5L, "five", 5.0));
        assertThat(TestClients.requestsSent(db.client(), ApiKey.LOOKUP) - before).isEqualTo(1);
    }

    @Test
    void manyLookupsAreBatchedIntoFewRequests() {
        FlussTable table = ordersTable("many");
        UpsertWriter writer = table.upsertWriter();
        int keys = 100_000;
        writer.writeRows(Flux.range(0, keys).map(i -> GenericRow.of((long) i, "c", 1.0))).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);
        Lookuper lookuper = table.lookuper();

        long before = TestClients.requestsSent(db.client(), ApiKey.LOOKUP);
        List<LookupResult> results = lookuper.lookupAll(Flux.range(0, keys).map(i -> GenericRow.of((long) i)))
                .collectList()
                .block(TIMEOUT);
        long requests = TestClients.requestsSent(db.client(), ApiKey.LOOKUP) - before;

        assertThat(results).hasSize(keys).allMatch(LookupResult::found);
        assertThat(results.get(12_345).key()).isEqualTo(GenericRow.of(12_345L));
        assertThat(results.get(12_345).row().getLong(0)).isEqualTo(12_345L);
        assertThat(requests).as("lookup requests for %d keys", keys).isLessThan(keys / 10);
    }

    @Test
    void lookupOrInsertInsertsAMissingKey() {
        FlussTable table = ordersTable("insert_missing");
        Lookuper lookuper = table.lookuper();

        Row inserted = lookuper.lookupOrInsert(GenericRow.of(77L)).block(TIMEOUT);

        assertThat(inserted).isEqualTo(GenericRow.of(77L, null, null));
        assertThat(lookuper.lookup(GenericRow.of(77L)).block(TIMEOUT)).isEqualTo(GenericRow.of(77L, null, null));
    }

    @Test
    void prefixLookupsReturnEveryRowOfThePrefix() {
        TablePath path = db.createTable("by_customer", TableDescriptor.builder()
                        .schema(Schema.newBuilder()
                                .column("customer", DataTypes.STRING())
                                .column("order_id", DataTypes.INT())
                                .column("amount", DataTypes.DOUBLE())
                                .primaryKey("customer", "order_id")
                                .build())
                        .distributedBy(3, "customer")
                        .build());
        FlussTable table = db.client().table(path).block(TIMEOUT);
        UpsertWriter writer = table.upsertWriter();
        writer.writeRows(Flux.range(0, 30).map(i -> GenericRow.of("c" + (i % 3), i, (double) i))).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);

        List<Row> rows = table.prefixLookuper("customer").lookup(GenericRow.of("c1")).collectList().block(TIMEOUT);

        assertThat(rows).hasSize(10).allSatisfy(r -> assertThat(r.getString(0)).isEqualTo("c1"));
        assertThat(table.prefixLookuper("customer").lookup(GenericRow.of("nobody")).collectList().block(TIMEOUT)).isEmpty();
        assertThatThrownBy(() -> table.prefixLookuper("order_id")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLimitScanReadsCurrentRowsOfABucket() {
        FlussTable table = ordersTable("limit_pk");
        UpsertWriter writer = table.upsertWriter();
        writer.writeRows(Flux.range(0, 60).map(i -> GenericRow.of((long) i, "c" + i, 1.0))).then().block(TIMEOUT);
        writer.upsert(GenericRow.of(0L, "changed", 2.0)).block(TIMEOUT);
        writer.close().block(TIMEOUT);

        List<Row> all = Flux.range(0, 3).concatMap(bucket -> table.limitScan(bucket, 1_000)).collectList().block(TIMEOUT);
        List<Row> few = table.limitScan(0, 5).collectList().block(TIMEOUT);

        assertThat(all).hasSize(60).contains(GenericRow.of(0L, "changed", 2.0));
        assertThat(few).hasSizeLessThanOrEqualTo(5).isNotEmpty();
    }

    @Test
    void aLimitScanOfALogTableReadsTheLatestRows() {
        TablePath path = db.createTable("limit_log", TableDescriptor.builder()
                        .schema(Schema.newBuilder().column("id", DataTypes.INT()).build())
                        .distributedBy(1)
                        .build());
        FlussTable table = db.client().table(path).block(TIMEOUT);
        io.flussreactive.write.AppendWriter writer = table.appendWriter();
        writer.writeRows(Flux.range(0, 100).map(i -> GenericRow.of(i))).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);

        List<Row> latest = table.limitScan(0, 10).collectList().block(TIMEOUT);

        assertThat(latest).extracting(r -> r.getInt(0)).containsExactlyElementsOf(
                java.util.stream.IntStream.range(90, 100).boxed().toList());
        assertThatThrownBy(() -> table.limitScan(3, 10).collectList().block(TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no bucket 3");
    }

    @Test
    void aNullKeyValueFailsThatRecordAlone() {
        FlussTable table = ordersTable("null_key");
        UpsertWriter writer = table.upsertWriter();

        List<WriteResult<Row>> results = writer.writeRows(Flux.just(
                        GenericRow.of(1L, "ok", 1.0), GenericRow.of(null, "no key", 2.0), GenericRow.of(3L, "ok", 3.0)))
                .collectList()
                .block(TIMEOUT);

        assertThat(results.stream().filter(WriteResult::isSuccess)).hasSize(2);
        assertThat(results.stream().filter(r -> !r.isSuccess()).findFirst().orElseThrow().error())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id'");
        assertThatThrownBy(() -> writer.flush().block(TIMEOUT)).isInstanceOf(io.flussreactive.write.WriteFailedException.class);
        // The writer goes on taking rows.
        assertThat(writer.upsert(GenericRow.of(4L, "after the failure", 4.0)).block(TIMEOUT).isSuccess()).isTrue();
        writer.close().block(TIMEOUT);
        assertThat(table.lookuper().lookup(GenericRow.of(4L)).block(TIMEOUT)).isNotNull();
    }
}
