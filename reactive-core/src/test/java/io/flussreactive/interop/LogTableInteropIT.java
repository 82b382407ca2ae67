package io.flussreactive.interop;

import static io.flussreactive.TestClients.TIMEOUT;
import static io.flussreactive.interop.RowAssertions.assertSameRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.TestDatabase;
import io.flussreactive.admin.ArrowCompression;
import io.flussreactive.admin.LogFormat;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.interop.EveryType.TypePair;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.scan.Scan;
import io.flussreactive.scan.ScanRecord;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.BucketAssignment;
import io.flussreactive.write.WriteResult;
import io.flussreactive.write.WriterOptions;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.fluss.client.table.Table;
import org.apache.fluss.client.table.writer.AppendResult;
import org.apache.fluss.metadata.PartitionInfo;
import org.apache.fluss.types.RowType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

/**
 * Log tables written by one client are read identically by the other: every data type under every
 * compression, projections, partitions, bucket placement by key, and the row-based log formats
 * (INDEXED and COMPACTED) written by either client.
 */
@ExtendWith(FlussClusterExtension.class)
class LogTableInteropIT {

    /** Rows with values per every-type table (every sample of every type appears), plus one of nulls. */
    private static final int EVERY_TYPE_ROWS = 120;

    /** Small batches and round-robin buckets, so that a table gets many batches in every bucket. */
    private static final WriterOptions MANY_SMALL_BATCHES = WriterOptions.builder()
            .bucketAssignment(BucketAssignment.ROUND_ROBIN)
            .batchSizeBytes(8 * 1024)
            .batchLinger(Duration.ofMillis(5))
            .build();

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("log_interop");

    private static OfficialClient official;
    private static OfficialLogReader officialReader;

    @BeforeAll
    static void connect(EmbeddedFlussCluster cluster) {
        official = OfficialClient.connect(cluster);
        officialReader = new OfficialLogReader(official);
    }

    @AfterAll
    static void close() throws Exception {
        official.close();
    }

    // ---- 1. every data type, every compression -------------------------------------------------

    @ParameterizedTest
    @EnumSource(ArrowCompression.class)
    void everyTypeWrittenByUsIsReadByTheOfficialClient(ArrowCompression compression) throws Exception {
        Columns columns = everyTypeColumns();
        TablePath path = createTable("every_type_by_us_" + compression, arrowTable(columns, compression, 3));
        List<GenericRow> rows = SampleValues.all().withoutSubMillisecondsBefore1970()
                .rows(columns.officialTypes().subList(1, columns.columns().size()), EVERY_TYPE_ROWS);

        writeWithUs(path, rows);

        List<OfficialLogReader.Read> read = officialReader.readAll(path, null, rows.size());
        assertThat(read.stream().map(OfficialLogReader.Read::bucket).distinct()).hasSize(3);
        assertSameRows(read.stream().map(OfficialLogReader.Read::row).toList(), rows, columns.names(), 0);

        int[] projection = everyTypeProjection(columns);
        List<OfficialLogReader.Read> projected = officialReader.readAll(path, projection, rows.size());
        assertSameRows(projected.stream().map(OfficialLogReader.Read::row).toList(), project(rows, projection),
                pick(columns.names(), projection), projection.length - 1);
    }

    @ParameterizedTest
    @EnumSource(ArrowCompression.class)
    void everyTypeWrittenByTheOfficialClientIsReadByUs(ArrowCompression compression) throws Exception {
        Columns columns = everyTypeColumns();
        TablePath path = createTable("every_type_by_official_" + compression, arrowTable(columns, compression, 3));
        // The official writer handles timestamps before 1970 with sub-millisecond parts; only its reader does not.
        List<GenericRow> rows = SampleValues.all()
                .rows(columns.officialTypes().subList(1, columns.columns().size()), EVERY_TYPE_ROWS);

        writeWithOfficialClient(path, rows, columns.officialRowType());

        assertWeReadEveryRowWholeAndProjected(path, rows, columns);
    }

    @ParameterizedTest
    @EnumSource(ArrowCompression.class)
    void everyTypeIncludingSubMillisecondTimestampsBefore1970RoundTripsThroughUs(ArrowCompression compression) {
        Columns columns = everyTypeColumns();
        TablePath path = createTable("every_type_round_trip_" + compression, arrowTable(columns, compression, 3));
        List<GenericRow> rows = SampleValues.all()
                .rows(columns.officialTypes().subList(1, columns.columns().size()), EVERY_TYPE_ROWS);

        writeWithUs(path, rows);

        FlussTable table = db.client().table(path).block(TIMEOUT);
        assertSameRows(rowsOf(table.scan().untilLatest()), rows, columns.names(), 0);
    }

    // ---- 2. projection ------------------------------------------------------------------------

    @Test
    void projectionsReadWhatEitherClientWrote() throws Exception {
        Columns columns = projectionColumns();
        TablePath path = createTable("projection", arrowTable(columns, ArrowCompression.ZSTD, 2));
        List<GenericRow> ours = IntStream.range(0, 100).mapToObj(LogTableInteropIT::projectionRow).toList();
        List<GenericRow> theirs = IntStream.range(100, 200).mapToObj(LogTableInteropIT::projectionRow).toList();
        List<GenericRow> all = new ArrayList<>(ours);
        all.addAll(theirs);

        writeWithUs(path, ours);
        writeWithOfficialClient(path, theirs, columns.officialRowType());

        // The official client reads in any column order.
        int[] tagsThenId = {3, 0};
        List<OfficialLogReader.Read> officialProjection = officialReader.readAll(path, tagsThenId, all.size());
        assertSameRows(officialProjection.stream().map(OfficialLogReader.Read::row).toList(),
                project(all, tagsThenId), List.of("tags", "id"), 1);

        // We read in table order only (see aProjectionInNonTableOrderReturnsTheColumnsInThatOrder).
        FlussTable table = db.client().table(path).block(TIMEOUT);
        int[] idAndTags = {0, 3};
        List<GenericRow> fromBatches = table.scan().project(idAndTags).untilLatest().batches()
                .concatMapIterable(batch -> {
                    try (batch) {
                        assertThat(batch.rowType().fieldNames()).containsExactly("id", "tags");
                        assertThat(batch.root().getSchema().getFields()).extracting(f -> f.getName())
                                .containsExactly("id", "tags");
                        return copies(batch);
                    }
                })
                .collectList()
                .block(TIMEOUT);
        assertSameRows(fromBatches, project(all, idAndTags), List.of("id", "tags"), 0);

        List<GenericRow> byName = rowsOf(table.scan().project("id", "price", "at", "attrs").untilLatest());
        assertSameRows(byName, project(all, new int[] {0, 2, 4, 5}), List.of("id", "price", "at", "attrs"), 0);
        assertThat(db.client().arrowMemoryInUse()).isZero();
    }

    @Test
    void aProjectionInNonTableOrderReturnsTheColumnsInThatOrder() throws Exception {
        Columns columns = projectionColumns();
        TablePath path = createTable("projection_order", arrowTable(columns, ArrowCompression.NONE, 1));
        writeWithUs(path, List.of(projectionRow(1)));
        writeWithOfficialClient(path, List.of(projectionRow(2)), columns.officialRowType());
        FlussTable table = db.client().table(path).block(TIMEOUT);

        List<GenericRow> read = rowsOf(table.scan().project(3, 0).untilLatest());

        assertSameRows(read, project(List.of(projectionRow(1), projectionRow(2)), new int[] {3, 0}),
                List.of("tags", "id"), 1);
    }

    // ---- 3. partitioned tables -----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void partitionsWrittenByUsAreReadByTheOfficialClientPartitionByPartition(int partitionKeys) throws Exception {
        Columns columns = partitionedColumns();
        TablePath path = createTable("partitioned_by_us_" + partitionKeys, partitionedTable(columns, partitionKeys));
        List<GenericRow> rows = partitionedRows(partitionKeys);

        List<WriteResult<Row>> results = writeWithUs(path, rows);
        assertThat(results).allSatisfy(r -> assertThat(r.partitionName())
                .isEqualTo(partitionName(r.correlation(), partitionKeys)));

        Map<String, List<GenericRow>> expected = byPartition(rows, partitionKeys);
        List<PartitionInfo> partitions = officialReader.partitions(path);
        assertThat(partitions).extracting(PartitionInfo::getPartitionName)
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (PartitionInfo partition : partitions) {
            List<GenericRow> expectedRows = expected.get(partition.getPartitionName());
            List<OfficialLogReader.Read> read =
                    officialReader.readPartition(path, partition.getPartitionName(), expectedRows.size());
            assertThat(read).allSatisfy(r -> assertThat(r.partitionId()).isEqualTo(partition.getPartitionId()));
            assertSameRows(read.stream().map(OfficialLogReader.Read::row).toList(), expectedRows,
                    columns.names(), 2);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void partitionsWrittenByTheOfficialClientAreReadByUs(int partitionKeys) throws Exception {
        Columns columns = partitionedColumns();
        TablePath path = createTable("partitioned_by_official_" + partitionKeys,
                partitionedTable(columns, partitionKeys));
        List<GenericRow> rows = partitionedRows(partitionKeys);

        writeWithOfficialClient(path, rows, columns.officialRowType());

        FlussTable table = db.client().table(path).block(TIMEOUT);
        List<ScanRecord> all = table.scan().untilLatest().records().collectList().block(TIMEOUT);
        assertThat(all).allSatisfy(r -> assertThat(r.partitionName())
                .isEqualTo(partitionName(r.row(), partitionKeys)));
        assertSameRows(all.stream().map(ScanRecord::row).toList(), rows, columns.names(), 2);

        Map<String, List<GenericRow>> expected = byPartition(rows, partitionKeys);
        String chosen = partitionKeys == 1 ? "us" : "eu$2";
        assertThat(expected).containsKey(chosen);
        List<ScanRecord> subset = table.scan().partitions(chosen).untilLatest().records().collectList().block(TIMEOUT);
        assertThat(subset).allSatisfy(r -> assertThat(r.partitionName()).isEqualTo(chosen));
        assertSameRows(subset.stream().map(ScanRecord::row).toList(), expected.get(chosen), columns.names(), 2);
    }

    // ---- 4. bucket placement by key ------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"INT", "BIGINT", "STRING", "BYTES", "DECIMAL", "DATE", "TIMESTAMP", "STRING+INT"})
    void aKeyLandsInTheSameBucketFromEitherClient(String keyLayout) throws Exception {
        List<BucketKey> keys = bucketKeys(keyLayout);
        Columns columns = Columns.builder();
        keys.forEach(k -> columns.add(k.name(), k.type()));
        columns.add("writer", DataTypes.STRING(), org.apache.fluss.types.DataTypes.STRING())
                .add("seq", DataTypes.INT(), org.apache.fluss.types.DataTypes.INT());
        int buckets = 7;
        TablePath path = createTable("bucket_key_" + keyLayout.replace('+', '_').toLowerCase(),
                TableDescriptor.builder()
                        .schema(columns.schema())
                        .distributedBy(buckets, keys.stream().map(BucketKey::name).toArray(String[]::new))
                        .build());
        int keyCount = 60;
        List<GenericRow> ourRows = new ArrayList<>();
        List<GenericRow> officialRows = new ArrayList<>();
        for (int seq = 0; seq < keyCount; seq++) {
            GenericRow ours = GenericRow.ofSize(keys.size() + 2);
            GenericRow theirs = GenericRow.ofSize(keys.size() + 2);
            for (int k = 0; k < keys.size(); k++) {
                Object value = keys.get(k).valueAt(seq);
                ours.set(k, value);
                theirs.set(k, value);
            }
            ourRows.add(ours.set(keys.size(), "ours").set(keys.size() + 1, seq));
            officialRows.add(theirs.set(keys.size(), "official").set(keys.size() + 1, seq));
        }

        List<WriteResult<Row>> results = writeWithUs(path, ourRows);
        writeWithOfficialClient(path, officialRows, columns.officialRowType());

        int seqColumn = keys.size() + 1;
        Map<Integer, Integer> acknowledged = results.stream()
                .collect(Collectors.toMap(r -> r.correlation().getInt(seqColumn), WriteResult::bucket));
        FlussTable table = db.client().table(path).block(TIMEOUT);
        Map<String, Map<Integer, Integer>> readByUs = new HashMap<>();
        for (ScanRecord record : table.scan().untilLatest().records().collectList().block(TIMEOUT)) {
            readByUs.computeIfAbsent(record.row().getString(keys.size()), w -> new TreeMap<>())
                    .put(record.row().getInt(seqColumn), record.bucket());
        }
        Map<String, Map<Integer, Integer>> readByOfficial = new HashMap<>();
        for (OfficialLogReader.Read read : officialReader.readAll(path, null, 2 * keyCount)) {
            readByOfficial.computeIfAbsent(read.row().getString(keys.size()), w -> new TreeMap<>())
                    .put(read.row().getInt(seqColumn), read.bucket());
        }

        assertThat(readByUs.get("ours")).hasSize(keyCount);
        assertThat(readByUs.get("official")).hasSize(keyCount);
        assertThat(readByUs).as("buckets as we read them").isEqualTo(readByOfficial);
        assertThat(readByUs.get("ours")).as("bucket of each key, ours vs official")
                .isEqualTo(readByUs.get("official"))
                .isEqualTo(acknowledged);
        assertThat(Set.copyOf(readByUs.get("ours").values())).as("buckets used").hasSizeGreaterThan(3);
    }

    // ---- 5. row-based log formats --------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = LogFormat.class, names = {"INDEXED", "COMPACTED"})
    void rowFormatLogsWrittenByTheOfficialClientAreReadByUs(LogFormat format) throws Exception {
        Columns columns = everyTypeColumns();
        TablePath path = createTable("every_type_" + format, rowFormatTable(columns, format, 2));
        List<GenericRow> rows = SampleValues.all()
                .rows(columns.officialTypes().subList(1, columns.columns().size()), EVERY_TYPE_ROWS);

        writeWithOfficialClient(path, rows, columns.officialRowType());

        FlussTable table = db.client().table(path).block(TIMEOUT);
        assertSameRows(rowsOf(table.scan().untilLatest()), rows, columns.names(), 0);
        // Projections of these formats: see aProjectionOfARowFormatLogIsReadBack.
        assertThat(db.client().arrowMemoryInUse()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = LogFormat.class, names = {"INDEXED", "COMPACTED"})
    void everyTypeWrittenByUsToARowFormatLogIsReadByBothClients(LogFormat format) throws Exception {
        Columns columns = everyTypeColumns();
        TablePath path = createTable("every_type_by_us_" + format, rowFormatTable(columns, format, 3));
        List<GenericRow> rows = SampleValues.all()
                .rows(columns.officialTypes().subList(1, columns.columns().size()), EVERY_TYPE_ROWS);

        writeWithUs(path, rows);

        List<OfficialLogReader.Read> read = officialReader.readAll(path, null, rows.size());
        assertThat(read.stream().map(OfficialLogReader.Read::bucket).distinct()).hasSize(3);
        List<GenericRow> readByOfficial = read.stream().map(OfficialLogReader.Read::row).toList();
        if (format == LogFormat.INDEXED) {
            // The official reader of INDEXED rows drops the trailing zero bytes of a BINARY(n) value, also of
            // rows the official writer wrote (the bytes are the same: see RowLogBatchTest).
            readByOfficial = padBinaries(readByOfficial, columns);
        }
        assertSameRows(readByOfficial, rows, columns.names(), 0);
        // The server projects ARROW logs only: the columns of a row-format log are picked by the client.
        assertWeReadEveryRowWholeAndProjected(path, rows, columns);
    }

    /**
     * Scans the table with our client, whole and projected to some of the every-type columns, and checks
     * both against the rows written and that the scans gave their Arrow memory back.
     */
    private static void assertWeReadEveryRowWholeAndProjected(TablePath path, List<GenericRow> rows, Columns columns) {
        FlussTable table = db.client().table(path).block(TIMEOUT);
        assertSameRows(rowsOf(table.scan().untilLatest()), rows, columns.names(), 0);
        int[] projection = ascending(everyTypeProjection(columns));
        assertSameRows(rowsOf(table.scan().project(projection).untilLatest()), project(rows, projection),
                pick(columns.names(), projection), 0);
        assertThat(db.client().arrowMemoryInUse()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = LogFormat.class, names = {"INDEXED", "COMPACTED"})
    void aRowFormatLogWrittenByBothClientsIsReadInTheSameOrderByBoth(LogFormat format) throws Exception {
        Columns columns = projectionColumns();
        TablePath path = createTable("both_writers_" + format, rowFormatTable(columns, format, 2));
        List<GenericRow> ours = IntStream.range(0, 300).mapToObj(LogTableInteropIT::projectionRow).toList();
        List<GenericRow> theirs = IntStream.range(300, 600).mapToObj(LogTableInteropIT::projectionRow).toList();
        List<GenericRow> all = new ArrayList<>(ours);
        all.addAll(theirs);

        writeWithUs(path, ours);
        writeWithOfficialClient(path, theirs, columns.officialRowType());

        Map<Integer, List<Integer>> readByOfficial = new TreeMap<>();
        for (OfficialLogReader.Read read : officialReader.readAll(path, null, all.size())) {
            readByOfficial.computeIfAbsent(read.bucket(), b -> new ArrayList<>()).add(read.row().getInt(0));
        }
        FlussTable table = db.client().table(path).block(TIMEOUT);
        List<ScanRecord> readByUs = table.scan().untilLatest().records().collectList().block(TIMEOUT);
        Map<Integer, List<Integer>> idsByUs = new TreeMap<>();
        for (ScanRecord record : readByUs) {
            idsByUs.computeIfAbsent(record.bucket(), b -> new ArrayList<>()).add(record.row().getInt(0));
        }
        assertThat(idsByUs).as("ids of each bucket in offset order").isEqualTo(readByOfficial);
        assertSameRows(readByUs.stream().map(ScanRecord::row).toList(), all, columns.names(), 0);
    }

    @ParameterizedTest
    @EnumSource(value = LogFormat.class, names = {"INDEXED", "COMPACTED"})
    void aProjectionOfARowFormatLogIsReadBack(LogFormat format) throws Exception {
        // The server projects ARROW batches only; the columns of other formats are picked by the client.
        Columns columns = projectionColumns();
        TablePath path = createTable("projection_" + format, TableDescriptor.builder()
                .schema(columns.schema())
                .distributedBy(1)
                .logFormat(format)
                .build());
        writeWithOfficialClient(path, List.of(projectionRow(1)), columns.officialRowType());
        FlussTable table = db.client().table(path).block(TIMEOUT);

        List<GenericRow> read = rowsOf(table.scan().project(0, 3).untilLatest());

        assertSameRows(read, project(List.of(projectionRow(1)), new int[] {0, 3}), List.of("id", "tags"), 0);
    }

    @Test
    void theSmallestNanosecondTimestampCanBeWrittenAndRead() {
        // Long.MIN_VALUE nanoseconds since the epoch: the official client writes it to an Arrow
        // TIMESTAMP(9) vector, and it reads back from one.
        Instant smallestInstant = SampleValues.SMALLEST_NANOSECOND_TIMESTAMP.toInstant(ZoneOffset.UTC);
        Columns columns = Columns.builder()
                .add("id", DataTypes.INT(), org.apache.fluss.types.DataTypes.INT())
                .add("ts", DataTypes.TIMESTAMP(9), org.apache.fluss.types.DataTypes.TIMESTAMP(9))
                .add("ltz", DataTypes.TIMESTAMP_LTZ(9), org.apache.fluss.types.DataTypes.TIMESTAMP_LTZ(9));
        TablePath path = createTable("smallest_nanosecond", arrowTable(columns, ArrowCompression.NONE, 1));
        GenericRow row = GenericRow.of(1, SampleValues.SMALLEST_NANOSECOND_TIMESTAMP, smallestInstant);

        writeWithUs(path, List.of(row));

        FlussTable table = db.client().table(path).block(TIMEOUT);
        assertSameRows(rowsOf(table.scan().untilLatest()), List.of(row), columns.names(), 0);
    }

    @Test
    void aBinaryEndingInZeroWrittenToAnIndexedLogIsReadBack() throws Exception {
        Columns columns = Columns.builder()
                .add("id", DataTypes.INT(), org.apache.fluss.types.DataTypes.INT())
                .add("b", DataTypes.BINARY(4), org.apache.fluss.types.DataTypes.BINARY(4));
        TablePath path = createTable("indexed_binary", TableDescriptor.builder()
                .schema(columns.schema())
                .distributedBy(1)
                .logFormat(LogFormat.INDEXED)
                .build());
        GenericRow row = GenericRow.of(1, new byte[] {7, 0, 0, 0});

        writeWithOfficialClient(path, List.of(row), columns.officialRowType());

        FlussTable table = db.client().table(path).block(TIMEOUT);
        assertSameRows(rowsOf(table.scan().untilLatest()), List.of(row), columns.names(), 0);
    }

    @ParameterizedTest
    @EnumSource(value = LogFormat.class, names = {"INDEXED", "COMPACTED"})
    void nanosecondTimestampsBeyondArrowsRangeInARowFormatLogFailTheScanClearly(LogFormat format) throws Exception {
        // Row formats store milliseconds and nanoseconds of the millisecond apart: any year fits there.
        Columns columns = Columns.builder()
                .add("id", DataTypes.INT(), org.apache.fluss.types.DataTypes.INT())
                .add("ts", DataTypes.TIMESTAMP(9), org.apache.fluss.types.DataTypes.TIMESTAMP(9));
        TablePath path = createTable("far_nanosecond_" + format, TableDescriptor.builder()
                .schema(columns.schema())
                .distributedBy(1)
                .logFormat(format)
                .build());
        List<GenericRow> rows = List.of(
                GenericRow.of(1, LocalDateTime.of(2300, 1, 1, 0, 0, 0, 1)),
                GenericRow.of(2, LocalDateTime.of(1600, 1, 1, 0, 0)));

        writeWithOfficialClient(path, rows, columns.officialRowType());

        // Arrow nanosecond columns hold 1677..2262 only; the scan says so instead of returning a wrong value.
        FlussTable table = db.client().table(path).block(TIMEOUT);
        assertThatThrownBy(() -> table.scan().untilLatest().records().collectList().block(TIMEOUT))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("offset 0")
                .hasMessageContaining(format.name())
                .hasMessageContaining("TIMESTAMP(9)");
    }

    // ---- tables --------------------------------------------------------------------------------

    /** An INT id, then a column of every type (EveryType's, and more timestamp precisions and nestings). */
    private static Columns everyTypeColumns() {
        Columns columns = Columns.builder().add("id", DataTypes.INT(), org.apache.fluss.types.DataTypes.INT());
        List<TypePair> types = EveryType.pairsWithMorePrecisions();
        for (int i = 0; i < types.size(); i++) {
            columns.add("c" + i, types.get(i));
        }
        return columns;
    }

    /** A few columns in an order unlike the table's, nested and wide values included, the id last. */
    private static int[] everyTypeProjection(Columns columns) {
        int last = columns.columns().size() - 1;
        int deepestNesting = EveryType.pairs().size(); // EveryType's last type, after the id
        int decimal38 = columns.officialTypes().indexOf(org.apache.fluss.types.DataTypes.DECIMAL(38, 18));
        return new int[] {last, deepestNesting, decimal38, 1, 0};
    }

    /**
     * The positions in table order: our scans read columns in another order wrongly (see
     * aProjectionInNonTableOrderReturnsTheColumnsInThatOrder), so the every-type checks use this.
     */
    private static int[] ascending(int[] positions) {
        int[] sorted = positions.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    private static TableDescriptor arrowTable(Columns columns, ArrowCompression compression, int buckets) {
        return TableDescriptor.builder()
                .schema(columns.schema())
                .distributedBy(buckets)
                .logFormat(LogFormat.ARROW)
                .logCompression(compression)
                .build();
    }

    private static TableDescriptor rowFormatTable(Columns columns, LogFormat format, int buckets) {
        return TableDescriptor.builder()
                .schema(columns.schema())
                .distributedBy(buckets)
                .logFormat(format)
                .build();
    }

    private static Columns projectionColumns() {
        return Columns.builder()
                .add("id", DataTypes.INT(), org.apache.fluss.types.DataTypes.INT())
                .add("name", DataTypes.STRING(), org.apache.fluss.types.DataTypes.STRING())
                .add("price", DataTypes.DECIMAL(10, 2), org.apache.fluss.types.DataTypes.DECIMAL(10, 2))
                .add("tags", DataTypes.ARRAY(DataTypes.STRING()),
                        org.apache.fluss.types.DataTypes.ARRAY(org.apache.fluss.types.DataTypes.STRING()))
                .add("at", DataTypes.TIMESTAMP_LTZ(3), org.apache.fluss.types.DataTypes.TIMESTAMP_LTZ(3))
                .add("attrs", DataTypes.MAP(DataTypes.STRING(), DataTypes.INT()),
                        org.apache.fluss.types.DataTypes.MAP(org.apache.fluss.types.DataTypes.STRING(),
                                org.apache.fluss.types.DataTypes.INT()));
    }

    private static GenericRow projectionRow(int id) {
        return GenericRow.of(id, "name-" + id, BigDecimal.valueOf(id * 101L, 2),
                id % 5 == 0 ? null : List.of("t" + id, "u" + id),
                Instant.ofEpochMilli(1_700_000_000_000L + id), Map.of("k" + id, id));
    }

    private static Columns partitionedColumns() {
        return Columns.builder()
                .add("region", DataTypes.STRING(), org.apache.fluss.types.DataTypes.STRING())
                .add("shard", DataTypes.INT(), org.apache.fluss.types.DataTypes.INT())
                .add("id", DataTypes.INT(), org.apache.fluss.types.DataTypes.INT())
                .add("payload", DataTypes.STRING(), org.apache.fluss.types.DataTypes.STRING());
    }

    private static TableDescriptor partitionedTable(Columns columns, int partitionKeys) {
        return TableDescriptor.builder()
                .schema(columns.schema())
                .partitionedBy(partitionKeys == 1 ? List.of("region") : List.of("region", "shard"))
                .distributedBy(2)
                .build();
    }

    /** Rows of three regions and, with two partition keys, a few shards each. */
    private static List<GenericRow> partitionedRows(int partitionKeys) {
        List<String> regions = List.of("eu", "us", "ap-south_1");
        List<GenericRow> rows = new ArrayList<>();
        for (int id = 0; id < 90; id++) {
            String region = regions.get(id % regions.size());
            int shard = partitionKeys == 1 ? id % 4 : 1 + id % 2;
            rows.add(GenericRow.of(region, shard, id, "payload " + id));
        }
        return rows;
    }

    private static String partitionName(Row row, int partitionKeys) {
        return partitionKeys == 1 ? row.getString(0) : row.getString(0) + "$" + row.getInt(1);
    }

    private static Map<String, List<GenericRow>> byPartition(List<GenericRow> rows, int partitionKeys) {
        return rows.stream().collect(Collectors.groupingBy(r -> partitionName(r, partitionKeys)));
    }

    /**
     * A bucket-key column: its type and the key value of each sequence number (edge values first).
     *
     * @param name the column name
     * @param type its type in both libraries
     * @param values the key of a sequence number
     */
    private record BucketKey(String name, TypePair type, IntFunction<Object> values) {
        Object valueAt(int seq) {
            return values.apply(seq);
        }
    }

    private static List<BucketKey> bucketKeys(String layout) {
        return Arrays.stream(layout.split("\\+")).map(LogTableInteropIT::bucketKey).toList();
    }

    private static BucketKey bucketKey(String typeName) {
        String name = "k_" + typeName.toLowerCase();
        return switch (typeName) {
            case "INT" -> key(name, DataTypes.INT(), org.apache.fluss.types.DataTypes.INT(), seq -> seq * 7919 - 100);
            case "BIGINT" -> key(name, DataTypes.BIGINT(), org.apache.fluss.types.DataTypes.BIGINT(),
                    seq -> seq * 1_000_000_007L);
            case "STRING" -> key(name, DataTypes.STRING(), org.apache.fluss.types.DataTypes.STRING(),
                    seq -> "key-\u00e9-" + seq);
            case "BYTES" -> key(name, DataTypes.BYTES(), org.apache.fluss.types.DataTypes.BYTES(),
                    seq -> new byte[] {(byte) seq, (byte) (seq * 31), 0});
            case "DECIMAL" -> key(name, DataTypes.DECIMAL(10, 2), org.apache.fluss.types.DataTypes.DECIMAL(10, 2),
                    seq -> BigDecimal.valueOf(seq * 12_345L - 9_999, 2));
            case "DATE" -> key(name, DataTypes.DATE(), org.apache.fluss.types.DataTypes.DATE(),
                    seq -> LocalDate.of(1960, 1, 1).plusDays(seq * 397L));
            case "TIMESTAMP" -> key(name, DataTypes.TIMESTAMP(6), org.apache.fluss.types.DataTypes.TIMESTAMP(6),
                    seq -> LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds(seq * 86_413L).plusNanos(seq * 1_001_000L));
            default -> throw new IllegalArgumentException(typeName);
        };
    }

    private static BucketKey key(String name, io.flussreactive.type.DataType ours,
            org.apache.fluss.types.DataType theirs, IntFunction<Object> values) {
        SampleValues samples = SampleValues.all().withoutSubMillisecondsBefore1970();
        List<Object> edges = samples.samples(theirs);
        // Edge values first, then values spread over the type's range.
        return new BucketKey(name, new TypePair(ours, theirs),
                seq -> seq < edges.size() ? edges.get(seq) : values.apply(seq));
    }

    private static TablePath createTable(String name, TableDescriptor descriptor) {
        return db.createTable(name.toLowerCase(), descriptor);
    }

    // ---- writing and reading -------------------------------------------------------------------

    private static List<WriteResult<Row>> writeWithUs(TablePath path, List<GenericRow> rows) {
        FlussTable table = db.client().table(path).block(TIMEOUT);
        AppendWriter writer = table.appendWriter(MANY_SMALL_BATCHES);
        try {
            List<WriteResult<Row>> results = writer.writeRows(Flux.fromIterable(rows)).collectList().block(TIMEOUT);
            assertThat(results).hasSize(rows.size())
                    .allSatisfy(r -> assertThat(r.error()).as("error writing %s", r.correlation()).isNull());
            return results;
        } finally {
            writer.close().block(TIMEOUT);
        }
    }

    private static void writeWithOfficialClient(TablePath path, List<GenericRow> rows, RowType rowType)
            throws Exception {
        try (Table table = official.table(path)) {
            org.apache.fluss.client.table.writer.AppendWriter writer = table.newAppend().createWriter();
            List<CompletableFuture<AppendResult>> acks = new ArrayList<>();
            for (GenericRow row : rows) {
                acks.add(writer.append(OfficialValues.toOfficialRow(row, rowType)));
            }
            writer.flush();
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
    }

    private static List<GenericRow> rowsOf(Scan scan) {
        return scan.records().map(r -> GenericRow.copyOf(r.row())).collectList().block(TIMEOUT);
    }

    private static List<GenericRow> copies(RecordBatch batch) {
        List<GenericRow> rows = new ArrayList<>(batch.rowCount());
        for (int i = 0; i < batch.rowCount(); i++) {
            rows.add(GenericRow.copyOf(batch.row(i)));
        }
        return rows;
    }

    private static List<GenericRow> project(List<GenericRow> rows, int[] positions) {
        return rows.stream().map(row -> {
            GenericRow projected = GenericRow.ofSize(positions.length);
            for (int i = 0; i < positions.length; i++) {
                projected.set(i, row.get(positions[i]));
            }
            return projected;
        }).toList();
    }

    /** The rows with each BINARY(n) value padded with zero bytes to n bytes. */
    private static List<GenericRow> padBinaries(List<GenericRow> rows, Columns columns) {
        List<org.apache.fluss.types.DataType> types = columns.officialTypes();
        return rows.stream().map(row -> {
            GenericRow padded = GenericRow.copyOf(row);
            for (int c = 0; c < types.size(); c++) {
                if (types.get(c) instanceof org.apache.fluss.types.BinaryType binary && row.get(c) instanceof byte[] bytes) {
                    padded.set(c, Arrays.copyOf(bytes, binary.getLength()));
                }
            }
            return padded;
        }).toList();
    }

    private static List<String> pick(List<String> names, int[] positions) {
        return Arrays.stream(positions).mapToObj(names::get).toList();
    }
}
