package io.flussreactive.write;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.TestDatabase;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.error.PartitionNotExistException;
import io.flussreactive.error.RecordTooLargeException;
import io.flussreactive.error.TableNotExistException;
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
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

/** Bad rows fail alone with a clear message; flush() reports failures; nothing hangs. */
@ExtendWith(FlussClusterExtension.class)
class WriteFailuresIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("failures");

    private static FlussTable logTable(String name) {
        TablePath path = db.createTable(name, TableDescriptor.builder()
                        .schema(Schema.newBuilder()
                                .column("id", DataTypes.INT().notNull())
                                .column("name", DataTypes.STRING())
                                .build())
                        .distributedBy(2)
                        .build());
        return db.client().table(path).block(TIMEOUT);
    }

    @Test
    void invalidRowsFailAloneWhileTheRestIsWritten() {
        FlussTable table = logTable("invalid_rows");
        AppendWriter writer = table.appendWriter();
        List<Row> rows = List.of(
                GenericRow.of(1, "ok"),
                GenericRow.of("not an int", "wrong type"),
                GenericRow.of(2, "ok"),
                GenericRow.of(null, "null in a NOT NULL column"),
                GenericRow.of(3),
                GenericRow.of(5, "too", "many"),
                GenericRow.of(6L, "a Long for an INT column"),
                GenericRow.of(4, "ok"));

        Map<String, WriteResult<Row>> results = writer.writeRows(Flux.fromIterable(rows))
                .collectMap(r -> String.valueOf(r.correlation()), Function.identity())
                .block(TIMEOUT);

        assertThat(results).hasSize(8);
        assertThat(results.get("(1, ok)").isSuccess()).isTrue();
        assertThat(results.get("(2, ok)").isSuccess()).isTrue();
        assertThat(results.get("(4, ok)").isSuccess()).isTrue();
        assertThat(results.get("(not an int, wrong type)").error())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id")
                .hasMessageContaining("String");
        assertThat(results.get("(null, null in a NOT NULL column)").error())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id")
                .hasMessageContainingAll("null");
        assertThat(results.get("(3)").error())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 values")
                .hasMessageContaining("2 columns");
        assertThat(results.get("(5, too, many)").error())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 values")
                .hasMessageContaining("2 columns");
        assertThat(results.get("(6, a Long for an INT column)").error())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id")
                .hasMessageContaining("Long");
        assertThatThrownBy(() -> writer.flush().block(TIMEOUT))
                .isInstanceOf(WriteFailedException.class)
                .satisfies(e -> assertThat(((WriteFailedException) e).failedRecords()).isEqualTo(5));
        // Each failure is reported by one flush: the next one has nothing new to report.
        writer.flush().block(TIMEOUT);
        // The writer goes on taking rows.
        assertThat(writer.append(GenericRow.of(7, "after the failures")).block(TIMEOUT).isSuccess()).isTrue();
        writer.close().block(TIMEOUT);

        List<Integer> stored = table.scan().untilLatest().records().map(r -> r.row().getInt(0)).collectList().block(TIMEOUT);
        assertThat(stored).containsExactlyInAnyOrder(1, 2, 4, 7);
    }

    /** Rows of (id, CHAR(3), BINARY(4)): two that fit, and three whose CHAR or BINARY value does not. */
    private static final List<Row> FIXED_LENGTH_ROWS = List.of(
            GenericRow.of(1, "abc", new byte[] {1, 2, 3, 4}),
            GenericRow.of(2, "toolong", new byte[] {1, 2, 3, 4}),
            GenericRow.of(3, "ab", new byte[] {5, 6, 7, 8}),
            GenericRow.of(4, "abc", new byte[] {1, 2, 3}),
            GenericRow.of(5, "abc", new byte[] {1, 2, 3, 4, 5}));

    private static Schema.Builder fixedLengthColumns() {
        return Schema.newBuilder()
                .column("id", DataTypes.INT().notNull())
                .column("code", DataTypes.CHAR(3))
                .column("hash", DataTypes.BINARY(4));
    }

    /** The write results of {@link #FIXED_LENGTH_ROWS} by id. */
    private static Map<Integer, WriteResult<Row>> writeFixedLengthRows(Flux<WriteResult<Row>> results) {
        return results.collectMap(r -> r.correlation().getInt(0), Function.identity()).block(TIMEOUT);
    }

    private static void assertFixedLengthFailures(Map<Integer, WriteResult<Row>> results) {
        assertThat(results).hasSize(5);
        assertThat(results.get(1).error()).isNull();
        assertThat(results.get(3).error()).isNull();
        assertThat(results.get(2).error())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("'code'", "CHAR(3)", "7 bytes", "at most 3");
        assertThat(results.get(4).error())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("'hash'", "BINARY(4)", "3 bytes", "exactly 4");
        assertThat(results.get(5).error())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("'hash'", "BINARY(4)", "5 bytes", "exactly 4");
    }

    @Test
    void charAndBinaryValuesThatDoNotFitTheirLengthFailAloneInALogTable() {
        TablePath path = db.createTable("fixed_length_log", TableDescriptor.builder()
                .schema(fixedLengthColumns().build())
                .distributedBy(1)
                .build());
        FlussTable table = db.client().table(path).block(TIMEOUT);
        AppendWriter writer = table.appendWriter();

        Map<Integer, WriteResult<Row>> results = writeFixedLengthRows(writer.writeRows(Flux.fromIterable(FIXED_LENGTH_ROWS)));

        assertFixedLengthFailures(results);
        assertThatThrownBy(() -> writer.close().block(TIMEOUT)).isInstanceOf(WriteFailedException.class);
        List<Row> stored = table.scan().untilLatest().records()
                .map(r -> (Row) GenericRow.copyOf(r.row())).collectList().block(TIMEOUT);
        assertThat(stored).containsExactlyInAnyOrder(FIXED_LENGTH_ROWS.get(0), FIXED_LENGTH_ROWS.get(2));
    }

    @Test
    void charAndBinaryValuesThatDoNotFitTheirLengthFailAloneInAPrimaryKeyTable() {
        TablePath path = db.createTable("fixed_length_kv", TableDescriptor.builder()
                .schema(fixedLengthColumns().primaryKey("id").build())
                .distributedBy(1)
                .build());
        FlussTable table = db.client().table(path).block(TIMEOUT);
        UpsertWriter writer = table.upsertWriter();

        Map<Integer, WriteResult<Row>> results = writeFixedLengthRows(writer.writeRows(Flux.fromIterable(FIXED_LENGTH_ROWS)));

        assertFixedLengthFailures(results);
        assertThatThrownBy(() -> writer.close().block(TIMEOUT)).isInstanceOf(WriteFailedException.class);
        Lookuper lookuper = table.lookuper();
        assertThat(lookuper.lookup(GenericRow.of(1)).block(TIMEOUT)).isEqualTo(FIXED_LENGTH_ROWS.get(0));
        assertThat(lookuper.lookup(GenericRow.of(3)).block(TIMEOUT)).isEqualTo(FIXED_LENGTH_ROWS.get(2));
        for (int missing : List.of(2, 4, 5)) {
            assertThat(lookuper.lookup(GenericRow.of(missing)).blockOptional(TIMEOUT)).as("id %s", missing).isEmpty();
        }
        List<Row> changelog = table.scan().untilLatest().records()
                .map(r -> (Row) GenericRow.copyOf(r.row())).collectList().block(TIMEOUT);
        assertThat(changelog).containsExactlyInAnyOrder(FIXED_LENGTH_ROWS.get(0), FIXED_LENGTH_ROWS.get(2));
    }

    @Test
    void invalidUpsertsFailAloneWhileTheRestIsWrittenAndTheWriterGoesOn() {
        TablePath path = db.createTable("invalid_upserts", TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.INT())
                        .column("name", DataTypes.STRING().notNull())
                        .column("amount", DataTypes.DOUBLE())
                        .primaryKey("id")
                        .build())
                .distributedBy(2)
                .build());
        FlussTable table = db.client().table(path).block(TIMEOUT);
        UpsertWriter writer = table.upsertWriter();
        List<Row> rows = List.of(
                GenericRow.of(1, "ok", 1.0),
                GenericRow.of(2, null, 2.0),
                GenericRow.of(3, "too few"),
                GenericRow.of(4, "too", 4.0, "many"),
                GenericRow.of(5, "amount is not a double", "5"),
                GenericRow.of("6", "id is not an int", 6.0),
                GenericRow.of(7, "ok", 7.0));

        Map<String, WriteResult<Row>> results = writer.writeRows(Flux.fromIterable(rows))
                .collectMap(r -> String.valueOf(r.correlation().get(0)), Function.identity())
                .block(TIMEOUT);

        assertThat(results).hasSize(7);
        assertThat(results.get("1").isSuccess()).isTrue();
        assertThat(results.get("7").isSuccess()).isTrue();
        assertThat(results.get("2").error()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("'name'", "null");
        assertThat(results.get("3").error()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("2 values", "3 fields");
        assertThat(results.get("4").error()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("4 values", "3 fields");
        assertThat(results.get("5").error()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("amount", "String");
        assertThat(results.get("6").error()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("id", "String");
        assertThatThrownBy(() -> writer.flush().block(TIMEOUT))
                .isInstanceOf(WriteFailedException.class)
                .satisfies(e -> assertThat(((WriteFailedException) e).failedRecords()).isEqualTo(5));
        assertThat(writer.upsert(GenericRow.of(8, "after the failures", 8.0)).block(TIMEOUT).isSuccess()).isTrue();
        writer.close().block(TIMEOUT);

        Lookuper lookuper = table.lookuper();
        for (int stored : List.of(1, 7, 8)) {
            assertThat(lookuper.lookup(GenericRow.of(stored)).block(TIMEOUT)).as("id %s", stored).isNotNull();
        }
        for (int missing : List.of(2, 3, 4, 5)) {
            assertThat(lookuper.lookup(GenericRow.of(missing)).blockOptional(TIMEOUT)).as("id %s", missing).isEmpty();
        }
    }

    @Test
    void aRowLargerThanTheRequestSizeLimitFailsAloneNamingItsSizeAndTheLimit() {
        FlussTable table = logTable("too_large");
        AppendWriter writer = table.appendWriter();
        int limit = WriterOptions.defaults().maxRequestSizeBytes();
        String huge = "x".repeat(limit + 1);

        Map<Integer, WriteResult<Row>> results = writer.writeRows(Flux.just(
                        GenericRow.of(1, "ok"), GenericRow.of(2, huge), GenericRow.of(3, "ok")))
                .collectMap(r -> r.correlation().getInt(0), Function.identity())
                .block(TIMEOUT);

        assertThat(results).hasSize(3);
        assertThat(results.get(1).isSuccess()).isTrue();
        assertThat(results.get(3).isSuccess()).isTrue();
        assertThat(results.get(2).error())
                .isInstanceOf(RecordTooLargeException.class)
                .hasMessageMatching("RECORD_TOO_LARGE_EXCEPTION \\(13\\): A row of \\d+ bytes encoded is larger than .*"
                        + "maxRequestSizeBytes \\(" + limit + "\\)");
        assertThatThrownBy(() -> writer.flush().block(TIMEOUT)).isInstanceOf(WriteFailedException.class);
        assertThat(writer.append(GenericRow.of(4, "after the failure")).block(TIMEOUT).isSuccess()).isTrue();
        writer.close().block(TIMEOUT);

        assertThat(table.scan().untilLatest().records().map(r -> r.row().getInt(0)).collectList().block(TIMEOUT))
                .containsExactlyInAnyOrder(1, 3, 4);
    }

    @Test
    void openingATableThatDoesNotExistFailsWithTableNotExistExceptionAndTheClientGoesOn() {
        TablePath missing = db.path("never_created");

        assertThatThrownBy(() -> db.client().table(missing).block(TIMEOUT))
                .isInstanceOf(TableNotExistException.class)
                .hasMessageContaining(missing.toString());

        FlussTable table = logTable("after_a_missing_table");
        AppendWriter writer = table.appendWriter();
        assertThat(writer.append(GenericRow.of(1, "ok")).block(TIMEOUT).isSuccess()).isTrue();
        writer.close().block(TIMEOUT);
    }

    @Test
    void flushSucceedsWhenEverythingWasStored() {
        FlussTable table = logTable("all_good");
        AppendWriter writer = table.appendWriter();

        writer.writeRows(Flux.range(0, 500).map(i -> GenericRow.of(i, "n" + i))).then().block(TIMEOUT);
        writer.flush().block(TIMEOUT);
        writer.close().block(TIMEOUT);

        assertThat(table.scan().untilLatest().records().count().block(TIMEOUT)).isEqualTo(500);
    }

    @Test
    void rowsForAMissingPartitionFailWhenPartitionsMayNotBeCreated() {
        TablePath path = db.createTable("no_auto_partitions", TableDescriptor.builder()
                        .schema(Schema.newBuilder()
                                .column("id", DataTypes.INT())
                                .column("day", DataTypes.STRING())
                                .build())
                        .partitionedBy("day")
                        .distributedBy(1)
                        .build());
        db.admin().createPartition(path, io.flussreactive.admin.PartitionSpec.of("day", "2026-11-26"), false)
                .block(TIMEOUT);
        FlussTable table = db.client().table(path).block(TIMEOUT);
        AppendWriter writer = table.appendWriter(WriterOptions.builder().createMissingPartitions(false).build());

        List<WriteResult<Row>> results = writer.writeRows(Flux.just(
                        GenericRow.of(1, "2026-11-26"), GenericRow.of(2, "2026-11-27"), GenericRow.of(3, "2026-11-26")))
                .collectList()
                .block(TIMEOUT);

        Map<Boolean, List<WriteResult<Row>>> bySuccess =
                results.stream().collect(Collectors.partitioningBy(WriteResult::isSuccess));
        assertThat(bySuccess.get(true)).extracting(r -> r.correlation().getInt(0)).containsExactlyInAnyOrder(1, 3);
        assertThat(bySuccess.get(false)).singleElement().satisfies(r -> assertThat(r.error())
                .isInstanceOf(PartitionNotExistException.class)
                .hasMessageContaining("2026-11-27")
                .hasMessageContaining("createMissingPartitions"));
        assertThatThrownBy(() -> writer.close().block(TIMEOUT)).isInstanceOf(WriteFailedException.class);
        assertThat(db.admin().listPartitions(path).collectList().block(TIMEOUT)).hasSize(1);
    }

    @Test
    void partitionsAreCreatedOnWriteByDefault() {
        TablePath path = db.createTable("auto_partitions", TableDescriptor.builder()
                        .schema(Schema.newBuilder()
                                .column("id", DataTypes.INT())
                                .column("day", DataTypes.STRING())
                                .build())
                        .partitionedBy("day")
                        .distributedBy(2)
                        .build());
        FlussTable table = db.client().table(path).block(TIMEOUT);
        AppendWriter writer = table.appendWriter();

        writer.writeRows(Flux.range(0, 300).map(i -> GenericRow.of(i, "day-" + (i % 3)))).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);

        assertThat(db.admin().listPartitions(path).map(p -> p.partitionName()).collectList().block(TIMEOUT))
                .containsExactlyInAnyOrder("day-0", "day-1", "day-2");
        List<ScanRecord> read = table.scan().untilLatest().records().collectList().block(TIMEOUT);
        assertThat(read).hasSize(300).allSatisfy(r ->
                assertThat(r.partitionName()).isEqualTo("day-" + (r.row().getInt(0) % 3)));
    }

    @Test
    void aWriteToATableDroppedBeforeTheWriterWasMadeFailsWithTableNotExistExceptionInsteadOfHanging() {
        FlussTable table = logTable("dropped_under_the_writer");
        db.admin().dropTable(table.path(), false).block(TIMEOUT);
        AppendWriter writer = table.appendWriter(WriterOptions.builder().deliveryTimeout(Duration.ofMinutes(2)).build());

        WriteResult<Row> result = writer.append(GenericRow.of(1, "nowhere")).block(TIMEOUT);

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.error()).isInstanceOf(TableNotExistException.class).hasMessageContaining(table.path().toString());
        assertThatThrownBy(() -> writer.close().block(TIMEOUT)).isInstanceOf(WriteFailedException.class);
    }
}
