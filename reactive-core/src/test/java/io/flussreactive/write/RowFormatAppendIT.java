package io.flussreactive.write;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.TestDatabase;
import io.flussreactive.admin.LogFormat;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.ScanRecord;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;

/**
 * Appends to INDEXED and COMPACTED log tables: many batches per bucket arrive exactly once and in
 * order, and a row the table cannot take fails alone.
 */
@ExtendWith(FlussClusterExtension.class)
class RowFormatAppendIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("row_format_append");

    @ParameterizedTest
    @EnumSource(value = LogFormat.class, names = {"INDEXED", "COMPACTED"})
    void manyBatchesArriveExactlyOnceAndInOrderInEachBucket(LogFormat format) {
        TablePath path = db.createTable("many_batches_" + format.name().toLowerCase(), TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.INT().notNull())
                        .column("name", DataTypes.STRING())
                        .column("at", DataTypes.TIMESTAMP(6))
                        .build())
                .distributedBy(4)
                .logFormat(format)
                .build());
        FlussTable table = db.client().table(path).block(TIMEOUT);
        // Small batches spread round robin: each bucket gets many batches, several in flight at once.
        AppendWriter writer = table.appendWriter(WriterOptions.builder()
                .bucketAssignment(BucketAssignment.ROUND_ROBIN)
                .batchSizeBytes(16 * 1024)
                .batchLinger(Duration.ofMillis(5))
                .build());
        int rows = 100_000;
        LocalDateTime start = LocalDateTime.of(2024, 5, 1, 12, 0);

        List<WriteResult<Integer>> results = writer.write(Flux.range(0, rows)
                        .map(id -> WriteRecord.of(GenericRow.of(id, "row " + id, start.plusNanos(id * 1_001_000L)), id)))
                .collectList()
                .block(TIMEOUT);
        writer.close().block(TIMEOUT);

        assertThat(results).hasSize(rows).allSatisfy(r -> assertThat(r.isSuccess()).as("%s", r).isTrue());
        List<ScanRecord> read = table.scan().untilLatest().records().collectList().block(TIMEOUT);
        assertThat(read).hasSize(rows);
        Map<Integer, List<Integer>> idsByBucket = new HashMap<>();
        Map<Integer, String> storedAt = new HashMap<>();
        for (ScanRecord record : read) {
            int id = record.row().getInt(0);
            idsByBucket.computeIfAbsent(record.bucket(), b -> new ArrayList<>()).add(id);
            assertThat(storedAt.put(id, record.bucket() + "@" + record.offset())).as("id %s stored twice", id).isNull();
            assertThat(record.row()).isEqualTo(GenericRow.of(id, "row " + id, start.plusNanos(id * 1_001_000L)));
        }
        assertThat(storedAt).hasSize(rows);
        assertThat(idsByBucket).hasSize(4);
        // One producer wrote the ids in order: in each bucket they follow each other in offset order.
        idsByBucket.forEach((bucket, ids) -> assertThat(ids).as("ids of bucket %s", bucket).isSorted());
        // Each result names where its row was stored.
        assertThat(results).allSatisfy(r ->
                assertThat(r.bucket() + "@" + r.offset()).isEqualTo(storedAt.get(r.correlation())));
        assertThat(db.client().writeBuffer().reserved()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = LogFormat.class, names = {"INDEXED", "COMPACTED"})
    void aRowTheTableCannotTakeFailsAloneNamingTheColumn(LogFormat format) {
        TablePath path = db.createTable("bad_rows_" + format.name().toLowerCase(), TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.INT().notNull())
                        .column("code", DataTypes.CHAR(3))
                        .column("hash", DataTypes.BINARY(4))
                        .column("at", DataTypes.TIMESTAMP(9))
                        .build())
                .distributedBy(2)
                .logFormat(format)
                .build());
        FlussTable table = db.client().table(path).block(TIMEOUT);
        AppendWriter writer = table.appendWriter();
        LocalDateTime at = LocalDateTime.of(2024, 1, 1, 0, 0, 0, 123_456_789);
        List<Row> rows = List.of(
                GenericRow.of(1, "abc", new byte[] {1, 2, 3, 4}, at),
                GenericRow.of(2, "toolong", new byte[] {1, 2, 3, 4}, at),
                GenericRow.of(3, "ab", new byte[] {1, 2, 3}, at),
                GenericRow.of(4, "ab", new byte[] {1, 2, 3, 4}, LocalDateTime.of(2300, 1, 1, 0, 0)),
                GenericRow.of(5, 42, new byte[] {1, 2, 3, 4}, at),
                GenericRow.of(6, null, null, null));

        Map<Integer, WriteResult<Row>> results = writer.writeRows(Flux.fromIterable(rows))
                .collectMap(r -> r.correlation().getInt(0), Function.identity())
                .block(TIMEOUT);

        assertThat(results).hasSize(6);
        assertThat(results.get(1).error()).isNull();
        assertThat(results.get(6).error()).isNull();
        assertThat(results.get(2).error()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("'code'", "CHAR(3)", "7 bytes", "at most 3");
        assertThat(results.get(3).error()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("'hash'", "BINARY(4)", "3 bytes", "exactly 4");
        // The row formats hold any year, but this client's scans deliver TIMESTAMP(9) as Arrow
        // nanoseconds (1677 to 2262): such a value is refused, as for an ARROW table, rather than stored
        // where this client could not read it back.
        assertThat(results.get(4).error()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("'at'", "TIMESTAMP(9)", "2300", "range");
        assertThat(results.get(5).error()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("'code'", "Integer");
        assertThatThrownBy(() -> writer.close().block(TIMEOUT))
                .isInstanceOf(WriteFailedException.class)
                .satisfies(e -> assertThat(((WriteFailedException) e).failedRecords()).isEqualTo(4));

        List<Row> stored = table.scan().untilLatest().records()
                .map(r -> (Row) GenericRow.copyOf(r.row())).collectList().block(TIMEOUT);
        assertThat(stored).containsExactlyInAnyOrder(rows.get(0), rows.get(5));
    }
}
