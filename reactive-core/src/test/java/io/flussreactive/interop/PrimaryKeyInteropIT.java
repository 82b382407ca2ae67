package io.flussreactive.interop;

import static io.flussreactive.TestClients.TIMEOUT;
import static io.flussreactive.interop.RowAssertions.assertSameRows;
import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.TestDatabase;
import io.flussreactive.admin.KvFormat;
import io.flussreactive.admin.LogFormat;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.interop.EveryType.TypePair;
import io.flussreactive.lookup.LookupResult;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.ChangeType;
import io.flussreactive.scan.ScanRecord;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.UpsertWriter;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.fluss.metadata.PartitionInfo;
import org.apache.fluss.metadata.TableBucket;
import org.apache.fluss.metadata.TableChange;
import org.apache.fluss.types.DataTypeRoot;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

/**
 * Primary-key tables written by one client are read identically by the other: values of every type
 * under each kv format, keys of every key type (single and composite) with their buckets, partitioned
 * tables, prefix lookups, bucket keys other than the primary key, an added column, partial updates
 * and deletes.
 */
@ExtendWith(FlussClusterExtension.class)
class PrimaryKeyInteropIT {

    /** Rows with values per every-type table (every sample of every type appears), plus one of nulls. */
    private static final int EVERY_TYPE_ROWS = 120;

    /** Buckets of the key tables: a prime, so that bucketing differences show. */
    private static final int KEY_BUCKETS = 7;

    /** Keys per key table (fewer for BOOLEAN, which has two values). */
    private static final int KEYS_PER_TABLE = 30;

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("pk_interop");

    private static OfficialClient official;
    private static OfficialPrimaryKeyClient officialKv;

    @BeforeAll
    static void connect(EmbeddedFlussCluster cluster) {
        official = OfficialClient.connect(cluster);
        officialKv = new OfficialPrimaryKeyClient(official);
    }

    @AfterAll
    static void close() throws Exception {
        official.close();
    }

    // ---- 1. every data type as a value column --------------------------------------------------

    @ParameterizedTest
    @CsvSource({"COMPACTED, ARROW", "COMPACTED, COMPACTED", "INDEXED, COMPACTED"})
    void everyTypeUpsertedByUsIsLookedUpByTheOfficialClient(KvFormat kvFormat, LogFormat logFormat) throws Exception {
        Columns columns = everyTypeColumns();
        TablePath path = createTable("every_type_by_us_" + kvFormat + "_" + logFormat,
                everyTypeTable(columns, kvFormat, logFormat));
        List<GenericRow> rows = everyTypeRows(columns);

        upsertWithUs(path, rows);

        List<GenericRow> expected = kvFormat == KvFormat.INDEXED ? asReadFromIndexedRows(rows, columns) : rows;
        assertSameRows(officialKv.lookup(path, keys(rows, 0)), expected, columns.names(), 0);
    }

    @ParameterizedTest
    @CsvSource({"COMPACTED, ARROW", "COMPACTED, COMPACTED", "INDEXED, COMPACTED"})
    void everyTypeUpsertedByTheOfficialClientIsLookedUpAndScannedByUs(KvFormat kvFormat, LogFormat logFormat)
            throws Exception {
        Columns columns = everyTypeColumns();
        TablePath path = createTable("every_type_by_official_" + kvFormat + "_" + logFormat,
                everyTypeTable(columns, kvFormat, logFormat));
        List<GenericRow> rows = everyTypeRows(columns);
        FlussTable table = db.client().table(path).block(TIMEOUT);

        officialKv.upsert(path, rows);

        List<GenericRow> stored = kvFormat == KvFormat.INDEXED ? asReadFromIndexedRows(rows, columns) : rows;
        assertSameRows(lookupWithUs(table, keys(rows, 0)), stored, columns.names(), 0);

        // An update and a delete, for before and after images in the changelog.
        GenericRow updated = GenericRow.copyOf(rows.get(1)).set(0, 0);
        GenericRow deleted = GenericRow.ofSize(columns.names().size()).set(0, 2);
        officialKv.upsert(path, List.of(updated));
        officialKv.delete(path, List.of(deleted));

        Map<Integer, List<Change>> expected = new TreeMap<>();
        rows.forEach(row -> expected.put(row.getInt(0), new ArrayList<>(List.of(Change.of(ChangeType.INSERT, row)))));
        expected.get(0).addAll(List.of(Change.of(ChangeType.UPDATE_BEFORE, rows.get(0)),
                Change.of(ChangeType.UPDATE_AFTER, updated)));
        expected.get(2).add(Change.of(ChangeType.DELETE, rows.get(2)));
        List<ScanRecord> changelog = table.scan().untilLatest().records().collectList().block(TIMEOUT);
        assertSameChanges(changesById(changelog, 0), expected);

        List<GenericRow> afterwards = lookupWithUs(table, List.of(GenericRow.of(0), GenericRow.of(2)));
        assertThat(ComparableValues.of(afterwards.get(0))).isEqualTo(ComparableValues.of(updated));
        assertThat(afterwards.get(1)).isNull();
    }

    // ---- 2. every key type, single and composite -----------------------------------------------

    /** Every key-capable type alone, then composite keys of mixed types. */
    static Stream<Arguments> keyLayouts() {
        Stream<List<TypePair>> single = EveryType.keyPairs().stream().map(List::of);
        Stream<List<TypePair>> composite = Stream.of(
                List.of(keyType("INT"), keyType("STRING")),
                List.of(keyType("STRING"), keyType("BIGINT"), keyType("DATE")),
                List.of(keyType("BYTES"), keyType("DECIMAL(38, 18)"), keyType("TIMESTAMP_LTZ(9)")),
                List.of(keyType("BOOLEAN"), keyType("CHAR(3)"), keyType("TIMESTAMP(6)")),
                List.of(keyType("DOUBLE"), keyType("TINYINT"), keyType("DECIMAL(10, 2)")));
        return Stream.concat(single, composite).map(types -> Arguments.of(Named.of(
                types.stream().map(t -> t.upstream().asSummaryString()).collect(Collectors.joining(" + ")), types)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyLayouts")
    void aKeyWrittenByEitherClientIsTheSameKeyInTheSameBucketForTheOther(List<TypePair> keyTypes) throws Exception {
        Columns columns = Columns.builder();
        List<String> keyNames = new ArrayList<>();
        for (int i = 0; i < keyTypes.size(); i++) {
            keyNames.add("k" + i);
            columns.add("k" + i, keyTypes.get(i));
        }
        columns.add("writer", DataTypes.STRING(), org.apache.fluss.types.DataTypes.STRING())
                .add("seq", DataTypes.INT(), org.apache.fluss.types.DataTypes.INT());
        int seqColumn = keyTypes.size() + 1;
        TablePath path = createTable("key_" + keyTypes.stream().map(t -> t.upstream().asSummaryString())
                        .collect(Collectors.joining("_")).replaceAll("[^A-Za-z0-9]+", "_"),
                TableDescriptor.builder().schema(columns.schema(keyNames)).distributedBy(KEY_BUCKETS).build());
        List<GenericRow> keys = keyTuples(keyTypes);
        // Even keys are written first by us, odd ones by the official client; then each overwrites the other's.
        List<GenericRow> firstOurs = new ArrayList<>();
        List<GenericRow> firstTheirs = new ArrayList<>();
        List<GenericRow> thenOurs = new ArrayList<>();
        List<GenericRow> thenTheirs = new ArrayList<>();
        for (int seq = 0; seq < keys.size(); seq++) {
            boolean oursFirst = seq % 2 == 0;
            GenericRow key = keys.get(seq);
            (oursFirst ? firstOurs : firstTheirs).add(withValues(key, oursFirst ? "ours" : "official", seq));
            (oursFirst ? thenTheirs : thenOurs).add(withValues(key, oursFirst ? "official 2" : "ours 2", seq));
        }
        List<GenericRow> first = bySeq(firstOurs, firstTheirs, seqColumn);
        List<GenericRow> then = bySeq(thenOurs, thenTheirs, seqColumn);
        Map<Integer, Integer> ourBuckets = new TreeMap<>();
        Map<Integer, Integer> officialBuckets = new TreeMap<>();

        ourBuckets.putAll(bucketsOf(upsertWithUs(path, firstOurs), seqColumn));
        officialBuckets.putAll(bucketsOf(firstTheirs, officialKv.upsert(path, firstTheirs), seqColumn));

        FlussTable table = db.client().table(path).block(TIMEOUT);
        assertSameRows(officialKv.lookup(path, keys), first, columns.names(), seqColumn);
        assertSameRows(lookupWithUs(table, keys), first, columns.names(), seqColumn);

        ourBuckets.putAll(bucketsOf(upsertWithUs(path, thenOurs), seqColumn));
        officialBuckets.putAll(bucketsOf(thenTheirs, officialKv.upsert(path, thenTheirs), seqColumn));

        assertThat(ourBuckets).as("bucket of each key, ours vs official").isEqualTo(officialBuckets);
        assertThat(ourBuckets).hasSize(keys.size());
        if (keys.size() > 10) {
            assertThat(Set.copyOf(ourBuckets.values())).as("buckets used").hasSizeGreaterThan(3);
        }
        assertSameRows(officialKv.lookup(path, keys), then, columns.names(), seqColumn);
        assertSameRows(lookupWithUs(table, keys), then, columns.names(), seqColumn);

        // The server took each client's key for the same key: one insert, then one update, in one bucket.
        Map<Integer, List<Change>> expected = new TreeMap<>();
        for (int seq = 0; seq < keys.size(); seq++) {
            expected.put(seq, List.of(Change.of(ChangeType.INSERT, first.get(seq)),
                    Change.of(ChangeType.UPDATE_BEFORE, first.get(seq)),
                    Change.of(ChangeType.UPDATE_AFTER, then.get(seq))));
        }
        List<ScanRecord> changelog = table.scan().untilLatest().records().collectList().block(TIMEOUT);
        assertSameChanges(changesById(changelog, seqColumn), expected);
        Map<Integer, Set<Integer>> changelogBuckets = changelog.stream().collect(Collectors.groupingBy(
                r -> r.row().getInt(seqColumn), TreeMap::new,
                Collectors.mapping(ScanRecord::bucket, Collectors.toSet())));
        assertThat(changelogBuckets).as("bucket of each key in the changelog")
                .isEqualTo(ourBuckets.entrySet().stream().collect(Collectors.toMap(
                        Map.Entry::getKey, e -> Set.of(e.getValue()), (a, b) -> a, TreeMap::new)));
    }

    // ---- 3. partitioned tables -----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aPartitionedTableIsWrittenAndLookedUpByBothClients(int partitionKeys) throws Exception {
        // Columns in an order unlike the primary key's, a partition key in the middle of the primary key.
        Columns columns = Columns.builder()
                .add("order_id", DataTypes.INT(), org.apache.fluss.types.DataTypes.INT())
                .add("amount", DataTypes.DOUBLE(), org.apache.fluss.types.DataTypes.DOUBLE())
                .add("region", DataTypes.STRING(), org.apache.fluss.types.DataTypes.STRING())
                .add("customer", DataTypes.STRING(), org.apache.fluss.types.DataTypes.STRING());
        List<String> partitionColumns = List.of("region");
        List<String> primaryKey = List.of("customer", "region", "order_id");
        if (partitionKeys == 2) {
            columns.add("day", DataTypes.DATE(), org.apache.fluss.types.DataTypes.DATE());
            partitionColumns = List.of("region", "day");
            primaryKey = List.of("customer", "region", "day", "order_id");
        }
        TablePath path = createTable("partitioned_" + partitionKeys, TableDescriptor.builder()
                .schema(columns.schema(primaryKey))
                .partitionedBy(partitionColumns)
                .distributedBy(3, "customer")
                .build());
        List<String> regions = List.of("eu", "us", "ap-south_1");
        List<LocalDate> days = List.of(LocalDate.of(2024, 2, 29), LocalDate.of(1969, 12, 31));
        List<GenericRow> rows = new ArrayList<>();
        for (int id = 0; id < 60; id++) {
            GenericRow row = GenericRow.ofSize(columns.names().size())
                    .set(0, id).set(1, id * 1.5).set(2, regions.get(id % 3)).set(3, "customer-" + id % 5);
            rows.add(partitionKeys == 2 ? row.set(4, days.get(id / 3 % 2)) : row);
        }
        // Partitions "us" by us alone, "ap-south_1" by the official client alone, "eu" by both.
        List<GenericRow> ours = rows.stream()
                .filter(r -> r.getString(2).equals("us") || r.getString(2).equals("eu") && r.getInt(0) % 2 == 0)
                .toList();
        List<GenericRow> theirs = rows.stream().filter(r -> !ours.contains(r)).toList();
        Map<String, List<GenericRow>> byPartition = rows.stream()
                .collect(Collectors.groupingBy(r -> partitionName(r, partitionKeys)));

        List<WriteResult<Row>> ourResults = upsertWithUs(path, ours);
        List<TableBucket> theirBuckets = officialKv.upsert(path, theirs);

        assertThat(ourResults).allSatisfy(r -> assertThat(r.partitionName())
                .isEqualTo(partitionName(r.correlation(), partitionKeys)));
        Map<String, Long> partitionIds = partitionIds(path);
        assertThat(partitionIds.keySet()).as("partitions created on write")
                .containsExactlyInAnyOrderElementsOf(byPartition.keySet());
        for (int i = 0; i < theirs.size(); i++) {
            assertThat(theirBuckets.get(i).getPartitionId())
                    .isEqualTo(partitionIds.get(partitionName(theirs.get(i), partitionKeys)));
        }

        int[] keyPositions = primaryKey.stream().mapToInt(columns.names()::indexOf).toArray();
        List<GenericRow> keys = rows.stream().map(r -> project(r, keyPositions)).toList();
        FlussTable table = db.client().table(path).block(TIMEOUT);
        assertSameRows(officialKv.lookup(path, keys), rows, columns.names(), 0);
        assertSameRows(lookupWithUs(table, keys), rows, columns.names(), 0);

        // A key of a missing partition and a missing key of a present one are not found, and no lookup
        // creates a partition.
        GenericRow elsewhere = GenericRow.copyOf(rows.get(0)).set(2, "nowhere");
        GenericRow missing = GenericRow.copyOf(rows.get(0)).set(0, 1000);
        List<GenericRow> absentKeys = List.of(project(elsewhere, keyPositions), project(missing, keyPositions));
        assertThat(officialKv.lookup(path, absentKeys)).containsExactly(null, null);
        assertThat(lookupWithUs(table, absentKeys)).containsExactly(null, null);

        List<String> lookupColumns = new ArrayList<>(partitionColumns);
        lookupColumns.add("customer");
        GenericRow noCustomer = GenericRow.copyOf(rows.get(0)).set(3, "nobody");
        assertPrefixLookups(path, columns, lookupColumns, rows, List.of(elsewhere, noCustomer));
        // The partition keys may come anywhere among the lookup columns.
        List<String> customerFirst = new ArrayList<>(List.of("customer"));
        customerFirst.addAll(partitionColumns);
        assertPrefixLookups(path, columns, customerFirst, rows, List.of(elsewhere, noCustomer));
        assertThat(partitionIds(path).keySet()).as("partitions after lookups")
                .containsExactlyInAnyOrderElementsOf(byPartition.keySet());
    }

    // ---- 4. prefix lookups ---------------------------------------------------------------------

    @Test
    void prefixLookupsOfEitherClientFindTheRowsOfBoth() throws Exception {
        Columns columns = Columns.builder()
                .add("a", DataTypes.STRING(), org.apache.fluss.types.DataTypes.STRING())
                .add("b", DataTypes.INT(), org.apache.fluss.types.DataTypes.INT())
                .add("payload", DataTypes.STRING(), org.apache.fluss.types.DataTypes.STRING());
        TablePath path = createTable("prefix_a", TableDescriptor.builder()
                .schema(columns.schema(List.of("a", "b")))
                .distributedBy(4, "a")
                .build());
        // Prefixes of 1 to 9 characters among them: bucket keys of every length modulo 4.
        List<Object> prefixes = SampleValues.all().keys(org.apache.fluss.types.DataTypes.STRING(), 16);
        List<GenericRow> rows = new ArrayList<>();
        for (int b = 0; b < 64; b++) {
            rows.add(GenericRow.of(prefixes.get(b % prefixes.size()), b, "payload " + b));
        }

        upsertByBoth(path, rows);

        assertLookupsFind(path, columns, List.of("a", "b"), rows);
        assertPrefixLookups(path, columns, List.of("a"), rows, List.of(GenericRow.of("nobody", 0, null)));
    }

    @Test
    void prefixLookupsByACompositeBucketKeyInAnotherColumnOrder() throws Exception {
        Columns columns = Columns.builder()
                .add("payload", DataTypes.STRING(), org.apache.fluss.types.DataTypes.STRING())
                .add("b", DataTypes.TIMESTAMP(6), org.apache.fluss.types.DataTypes.TIMESTAMP(6))
                .add("a2", DataTypes.STRING(), org.apache.fluss.types.DataTypes.STRING())
                .add("a1", DataTypes.BIGINT(), org.apache.fluss.types.DataTypes.BIGINT());
        TablePath path = createTable("prefix_a1_a2", TableDescriptor.builder()
                .schema(columns.schema(List.of("a1", "a2", "b")))
                .distributedBy(5, "a1", "a2")
                .build());
        List<Object> a1 = SampleValues.all().keys(org.apache.fluss.types.DataTypes.BIGINT(), 4);
        List<Object> a2 = SampleValues.all().keys(org.apache.fluss.types.DataTypes.STRING(), 3);
        List<Object> b = SampleValues.all().keys(org.apache.fluss.types.DataTypes.TIMESTAMP(6), 5);
        List<GenericRow> rows = new ArrayList<>();
        for (int i = 0; i < a1.size() * a2.size() * b.size(); i++) {
            rows.add(GenericRow.of("payload " + i, b.get(i % b.size()), a2.get(i / b.size() % a2.size()),
                    a1.get(i / b.size() / a2.size())));
        }

        upsertByBoth(path, rows);

        assertLookupsFind(path, columns, List.of("a1", "a2", "b"), rows);
        assertPrefixLookups(path, columns, List.of("a1", "a2"), rows,
                List.of(GenericRow.of(null, null, a2.get(0), 12345L)));
    }

    @Test
    void aBucketKeyThatIsNoPrefixOfThePrimaryKeyPlacesAndFindsRowsAlike() throws Exception {
        Columns columns = Columns.builder()
                .add("a", DataTypes.INT(), org.apache.fluss.types.DataTypes.INT())
                .add("b", DataTypes.STRING(), org.apache.fluss.types.DataTypes.STRING())
                .add("c", DataTypes.BIGINT(), org.apache.fluss.types.DataTypes.BIGINT())
                .add("writer", DataTypes.STRING(), org.apache.fluss.types.DataTypes.STRING());
        TablePath path = createTable("bucket_key_c_a", TableDescriptor.builder()
                .schema(columns.schema(List.of("a", "b", "c")))
                .distributedBy(KEY_BUCKETS, "c", "a")
                .build());
        List<GenericRow> ours = new ArrayList<>();
        List<GenericRow> theirs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ours.add(GenericRow.of(i % 8, "b" + i, i * 1_000_003L, "ours"));
            theirs.add(GenericRow.of(i % 8, "b" + i, i * 1_000_003L, "official"));
        }

        List<WriteResult<Row>> ourResults = upsertWithUs(path, ours);
        assertLookupsFind(path, columns, List.of("a", "b", "c"), ours);
        List<TableBucket> theirBuckets = officialKv.upsert(path, theirs);
        assertLookupsFind(path, columns, List.of("a", "b", "c"), theirs);

        // Results come in the order of acknowledgements, not of the rows: match them by the unique "b".
        Map<String, Integer> ourBuckets = ourResults.stream()
                .collect(Collectors.toMap(r -> r.correlation().getString(1), WriteResult::bucket));
        Map<String, Integer> officialBuckets = new HashMap<>();
        for (int i = 0; i < theirs.size(); i++) {
            officialBuckets.put(theirs.get(i).getString(1), theirBuckets.get(i).getBucket());
        }
        assertThat(ourBuckets).as("bucket of each key, ours vs official").isEqualTo(officialBuckets);
        assertThat(Set.copyOf(theirBuckets)).as("buckets used").hasSizeGreaterThan(3);
        List<ScanRecord> changelog = db.client().table(path).block(TIMEOUT).scan().untilLatest().records()
                .collectList().block(TIMEOUT);
        Map<String, Long> changeTypes = changelog.stream()
                .collect(Collectors.groupingBy(r -> r.changeType().toString(), Collectors.counting()));
        assertThat(changeTypes).as("one insert and one update per key")
                .isEqualTo(Map.of("+I", 40L, "-U", 40L, "+U", 40L));
    }

    @Test
    void aDecimalKeyOfAnotherScaleIsRoundedAlikeByBothClients() throws Exception {
        Columns columns = Columns.builder()
                .add("k", DataTypes.DECIMAL(10, 2), org.apache.fluss.types.DataTypes.DECIMAL(10, 2))
                .add("wide", DataTypes.DECIMAL(30, 4), org.apache.fluss.types.DataTypes.DECIMAL(30, 4))
                .add("v", DataTypes.STRING(), org.apache.fluss.types.DataTypes.STRING());
        TablePath path = createTable("decimal_scales", TableDescriptor.builder()
                .schema(columns.schema(List.of("k", "wide")))
                .distributedBy(KEY_BUCKETS)
                .build());
        // Fewer digits than the scale, more (rounded half up), and none.
        List<GenericRow> written = List.of(
                GenericRow.of(new BigDecimal("1.5"), new BigDecimal("2.25"), "ours"),
                GenericRow.of(new BigDecimal("3.455"), new BigDecimal("4.00005"), "ours"),
                GenericRow.of(new BigDecimal("7"), new BigDecimal("-8"), "ours"));
        List<GenericRow> stored = List.of(
                GenericRow.of(new BigDecimal("1.50"), new BigDecimal("2.2500"), "ours"),
                GenericRow.of(new BigDecimal("3.46"), new BigDecimal("4.0001"), "ours"),
                GenericRow.of(new BigDecimal("7.00"), new BigDecimal("-8.0000"), "ours"));

        upsertWithUs(path, written);

        assertThat(comparable(officialKv.lookup(path, keys(written, 0, 1)))).isEqualTo(comparable(stored));
        assertThat(comparable(officialKv.lookup(path, keys(stored, 0, 1)))).isEqualTo(comparable(stored));
        assertThat(comparable(lookupWithUs(db.client().table(path).block(TIMEOUT), keys(written, 0, 1))))
                .isEqualTo(comparable(stored));
    }

    @Test
    void rowsOfAnOlderSchemaAreLookedUpWithTheAddedColumnNull() throws Exception {
        Columns columns = Columns.builder()
                .add("id", DataTypes.INT(), org.apache.fluss.types.DataTypes.INT())
                .add("name", DataTypes.STRING(), org.apache.fluss.types.DataTypes.STRING());
        TablePath path = createTable("added_column", TableDescriptor.builder()
                .schema(columns.schema(List.of("id")))
                .distributedBy(3)
                .build());
        FlussTable before = db.client().table(path).block(TIMEOUT);
        officialKv.upsert(path, List.of(GenericRow.of(1, "one"), GenericRow.of(2, "two")));

        official.admin().alterTable(OfficialClient.toOfficial(path), List.of(TableChange.addColumn("extra",
                        org.apache.fluss.types.DataTypes.STRING(), "added", TableChange.ColumnPosition.last())), false)
                .get(60, TimeUnit.SECONDS);
        officialKv.upsert(path, List.of(GenericRow.of(3, "three", "x3")));
        // A writer of the table as it was still writes rows of the old schema.
        upsertWithUs(before, List.of(GenericRow.of(4, "four")));

        FlussTable after = db.client().table(path).block(TIMEOUT);
        assertThat(after.info().rowType().fieldCount()).isEqualTo(3);
        List<GenericRow> expected = List.of(GenericRow.of(1, "one", null), GenericRow.of(2, "two", null),
                GenericRow.of(3, "three", "x3"), GenericRow.of(4, "four", null));
        List<GenericRow> keys = keys(expected, 0);
        assertThat(comparable(lookupWithUs(after, keys))).isEqualTo(comparable(expected));
        assertThat(comparable(officialKv.lookup(path, keys))).isEqualTo(comparable(expected));
    }

    @Test
    void theChangelogOfATableWithAnAddedColumnIsScannedWithTheColumnNullInOlderRows() throws Exception {
        // The ARROW batches written before the column was added have one vector fewer than the table's
        // row type: each batch is read with the schema it names, then widened.
        Columns columns = Columns.builder()
                .add("id", DataTypes.INT(), org.apache.fluss.types.DataTypes.INT())
                .add("name", DataTypes.STRING(), org.apache.fluss.types.DataTypes.STRING());
        TablePath path = createTable("added_column_changelog", TableDescriptor.builder()
                .schema(columns.schema(List.of("id")))
                .distributedBy(1)
                .build());
        officialKv.upsert(path, List.of(GenericRow.of(1, "one")));
        official.admin().alterTable(OfficialClient.toOfficial(path), List.of(TableChange.addColumn("extra",
                        org.apache.fluss.types.DataTypes.STRING(), "added", TableChange.ColumnPosition.last())), false)
                .get(60, TimeUnit.SECONDS);
        officialKv.upsert(path, List.of(GenericRow.of(2, "two", "x2")));
        List<GenericRow> expected = List.of(GenericRow.of(1, "one", null), GenericRow.of(2, "two", "x2"));
        assertThat(new OfficialLogReader(official).readAll(path, null, 2).stream()
                        .map(read -> ComparableValues.of(read.row())).toList())
                .as("the official client's scan")
                .isEqualTo(comparable(expected));

        List<ScanRecord> changelog = db.client().table(path).block(TIMEOUT).scan().untilLatest().records()
                .collectList().block(TIMEOUT);

        assertThat(changelog.stream().map(r -> ComparableValues.of(r.row())).toList()).isEqualTo(comparable(expected));
    }

    // ---- 5. partial updates and deletes --------------------------------------------------------

    @Test
    void partialUpdatesAndDeletesOfOneClientAreSeenByTheOther() throws Exception {
        Columns columns = Columns.builder()
                .add("id", DataTypes.BIGINT(), org.apache.fluss.types.DataTypes.BIGINT())
                .add("name", DataTypes.STRING(), org.apache.fluss.types.DataTypes.STRING())
                .add("amount", DataTypes.DOUBLE(), org.apache.fluss.types.DataTypes.DOUBLE())
                .add("note", DataTypes.STRING(), org.apache.fluss.types.DataTypes.STRING());
        TablePath path = createTable("partial_and_delete", TableDescriptor.builder()
                .schema(columns.schema(List.of("id")))
                .distributedBy(3)
                .build());
        FlussTable table = db.client().table(path).block(TIMEOUT);
        List<GenericRow> keys = LongStream.range(1, 8).mapToObj(PrimaryKeyInteropIT::key).toList();
        officialKv.upsert(path, List.of(row(1, "one", 1.0, "n1"), row(2, "two", 2.0, "n2"), row(3, "three", 3.0, "n3"),
                row(4, "four", 4.0, "n4"), row(5, "five", 5.0, "n5"), row(6, "six", 6.0, "n6")));

        // Our partial update of "amount" leaves the other columns as they are, and a new key's null.
        UpsertWriter amounts = table.partialUpdateWriter("amount");
        try {
            List<WriteResult<Row>> results = amounts.writeRows(Flux.just(
                            row(1, "ignored", 101.0, "ignored"), row(3, null, 103.0, null),
                            row(7, "ignored", 107.0, "x")))
                    .collectList()
                    .block(TIMEOUT);
            assertThat(results).allSatisfy(r -> assertThat(r.error()).isNull());
        } finally {
            amounts.close().block(TIMEOUT);
        }
        assertThat(comparable(officialKv.lookup(path, keys))).containsExactly(
                comparable(row(1, "one", 101.0, "n1")), comparable(row(2, "two", 2.0, "n2")),
                comparable(row(3, "three", 103.0, "n3")), comparable(row(4, "four", 4.0, "n4")),
                comparable(row(5, "five", 5.0, "n5")), comparable(row(6, "six", 6.0, "n6")),
                comparable(row(7, null, 107.0, null)));

        // Our deletes, alone and within a stream of upserts, remove the keys; deleting a missing key is fine.
        UpsertWriter writer = table.upsertWriter();
        try {
            assertThat(writer.delete(row(4, null, null, null)).block(TIMEOUT).error()).isNull();
            List<WriteResult<String>> results = writer.write(Flux.just(
                            WriteRecord.delete(row(5, null, null, null), "delete 5"),
                            WriteRecord.of(row(6, "six again", 66.0, null), "upsert 6"),
                            WriteRecord.delete(row(99, null, null, null), "delete 99")))
                    .collectList()
                    .block(TIMEOUT);
            assertThat(results).allSatisfy(r -> assertThat(r.error()).as(r.correlation()).isNull());
        } finally {
            writer.close().block(TIMEOUT);
        }
        List<GenericRow> afterOurDeletes = officialKv.lookup(path, List.of(key(4), key(5), key(6), key(99)));
        assertThat(afterOurDeletes.get(0)).as("key 4").isNull();
        assertThat(afterOurDeletes.get(1)).as("key 5").isNull();
        assertThat(comparable(afterOurDeletes.get(2))).isEqualTo(comparable(row(6, "six again", 66.0, null)));
        assertThat(afterOurDeletes.get(3)).as("key 99").isNull();

        // The other way round: the official client's delete and partial update, seen by our lookups.
        officialKv.delete(path, List.of(row(1, null, null, null)));
        officialKv.partialUpdate(path, List.of("id", "note"), List.of(row(2, "ignored", -1.0, "official note")));
        List<GenericRow> ours = lookupWithUs(table, List.of(key(1), key(2), key(3)));
        assertThat(ours.get(0)).as("key 1").isNull();
        assertThat(comparable(ours.get(1))).isEqualTo(comparable(row(2, "two", 2.0, "official note")));
        assertThat(comparable(ours.get(2))).isEqualTo(comparable(row(3, "three", 103.0, "n3")));

        // Columns named out of table order update just those columns.
        UpsertWriter namesAndNotes = table.partialUpdateWriter("note", "name");
        try {
            assertThat(namesAndNotes.upsert(row(3, "drei", -3.0, "n3 again")).block(TIMEOUT).error()).isNull();
        } finally {
            namesAndNotes.close().block(TIMEOUT);
        }
        assertThat(comparable(officialKv.lookup(path, List.of(key(3)))))
                .containsExactly(comparable(row(3, "drei", 103.0, "n3 again")));

        // Rows inserted by a lookup of a missing key are found by the other client.
        assertThat(comparable(table.lookuper().lookupOrInsert(key(50)).block(TIMEOUT)))
                .isEqualTo(comparable(row(50, null, null, null)));
        assertThat(comparable(officialKv.lookupOrInsert(path, List.of(key(51))).get(0)))
                .isEqualTo(comparable(row(51, null, null, null)));
        assertThat(comparable(officialKv.lookup(path, List.of(key(50))).get(0)))
                .isEqualTo(comparable(row(50, null, null, null)));
        assertThat(comparable(lookupWithUs(table, List.of(key(51))).get(0)))
                .isEqualTo(comparable(row(51, null, null, null)));
    }

    // ---- tables and rows -----------------------------------------------------------------------

    /** An INT id, the primary key, then a column of every type. */
    private static Columns everyTypeColumns() {
        Columns columns = Columns.builder().add("id", DataTypes.INT(), org.apache.fluss.types.DataTypes.INT());
        List<TypePair> types = EveryType.pairsWithMorePrecisions();
        for (int i = 0; i < types.size(); i++) {
            columns.add("c" + i, types.get(i));
        }
        return columns;
    }

    /**
     * The every-type table with these formats. An INDEXED kv format goes with an INDEXED log: with an
     * ARROW log the 0.9.1 server fails on BINARY(n) values whatever client writes them (its indexed rows
     * hand the Arrow writer fewer than n bytes).
     */
    private static TableDescriptor everyTypeTable(Columns columns, KvFormat kvFormat, LogFormat logFormat) {
        return TableDescriptor.builder()
                .schema(columns.schema(List.of("id")))
                .distributedBy(3)
                .kvFormat(kvFormat)
                .logFormat(logFormat)
                .build();
    }

    private static List<GenericRow> everyTypeRows(Columns columns) {
        return SampleValues.all().rows(columns.officialTypes().subList(1, columns.columns().size()), EVERY_TYPE_ROWS);
    }

    /**
     * The rows as read from INDEXED rows: BINARY(n) values lose their trailing zero bytes (whoever wrote
     * them), as indexed rows do not store their length; the official client reads them so.
     */
    private static List<GenericRow> asReadFromIndexedRows(List<GenericRow> rows, Columns columns) {
        List<org.apache.fluss.types.DataType> types = columns.officialTypes();
        return rows.stream().map(row -> {
            GenericRow read = GenericRow.copyOf(row);
            for (int c = 0; c < types.size(); c++) {
                if (types.get(c).getTypeRoot() == DataTypeRoot.BINARY && row.get(c) != null) {
                    byte[] bytes = (byte[]) row.get(c);
                    int length = bytes.length;
                    while (length > 0 && bytes[length - 1] == 0) {
                        length--;
                    }
                    read.set(c, Arrays.copyOf(bytes, length));
                }
            }
            return read;
        }).toList();
    }

    private static TypePair keyType(String summary) {
        return EveryType.keyPairs().stream()
                .filter(t -> t.upstream().asSummaryString().equals(summary))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(summary));
    }

    /**
     * Distinct keys of these column types: for one column its key values, for several columns tuples
     * that combine each column's values in different ways.
     */
    private static List<GenericRow> keyTuples(List<TypePair> keyTypes) {
        List<List<Object>> values = keyTypes.stream()
                .map(t -> SampleValues.all().keys(t.upstream(), KEYS_PER_TABLE))
                .toList();
        int count = values.stream().mapToInt(List::size).max().orElseThrow();
        List<GenericRow> keys = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            GenericRow key = GenericRow.ofSize(keyTypes.size());
            for (int c = 0; c < keyTypes.size(); c++) {
                List<Object> column = values.get(c);
                key.set(c, column.get((i * (c + 1) + c) % column.size()));
            }
            if (seen.add(ComparableValues.of(key))) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** The key followed by the writer's name and the key's sequence number. */
    private static GenericRow withValues(GenericRow key, String writer, int seq) {
        GenericRow row = GenericRow.ofSize(key.fieldCount() + 2);
        for (int i = 0; i < key.fieldCount(); i++) {
            row.set(i, key.get(i));
        }
        return row.set(key.fieldCount(), writer).set(key.fieldCount() + 1, seq);
    }

    private static List<GenericRow> bySeq(List<GenericRow> some, List<GenericRow> others, int seqColumn) {
        return Stream.concat(some.stream(), others.stream())
                .sorted(Comparator.comparingInt(r -> r.getInt(seqColumn)))
                .toList();
    }

    private static Map<Integer, Integer> bucketsOf(List<WriteResult<Row>> results, int seqColumn) {
        return results.stream().collect(Collectors.toMap(r -> r.correlation().getInt(seqColumn), WriteResult::bucket));
    }

    private static Map<Integer, Integer> bucketsOf(List<GenericRow> rows, List<TableBucket> buckets, int seqColumn) {
        Map<Integer, Integer> bySeq = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            bySeq.put(rows.get(i).getInt(seqColumn), buckets.get(i).getBucket());
        }
        return bySeq;
    }

    private static String partitionName(Row row, int partitionKeys) {
        return partitionKeys == 1 ? row.getString(2) : row.getString(2) + "$" + row.get(4);
    }

    private static Map<String, Long> partitionIds(TablePath path) throws Exception {
        return official.admin().listPartitionInfos(OfficialClient.toOfficial(path)).get(60, TimeUnit.SECONDS).stream()
                .collect(Collectors.toMap(PartitionInfo::getPartitionName, PartitionInfo::getPartitionId));
    }

    private static GenericRow project(Row row, int[] positions) {
        GenericRow projected = GenericRow.ofSize(positions.length);
        for (int i = 0; i < positions.length; i++) {
            projected.set(i, row.get(positions[i]));
        }
        return projected;
    }

    /** The values at these positions of each row, for example its key. */
    private static List<GenericRow> keys(List<GenericRow> rows, int... positions) {
        return rows.stream().map(r -> project(r, positions)).toList();
    }

    private static GenericRow row(long id, String name, Double amount, String note) {
        return GenericRow.of(id, name, amount, note);
    }

    private static GenericRow key(long id) {
        return GenericRow.of(id);
    }

    private static Object comparable(Row row) {
        return row == null ? null : ComparableValues.of(row);
    }

    private static List<Object> comparable(List<GenericRow> rows) {
        return rows.stream().map(PrimaryKeyInteropIT::comparable).toList();
    }

    private static TablePath createTable(String name, TableDescriptor descriptor) {
        return db.createTable(name.toLowerCase(), descriptor);
    }

    // ---- writing and reading -------------------------------------------------------------------

    private static List<WriteResult<Row>> upsertWithUs(TablePath path, List<GenericRow> rows) {
        return upsertWithUs(db.client().table(path).block(TIMEOUT), rows);
    }

    private static List<WriteResult<Row>> upsertWithUs(FlussTable table, List<GenericRow> rows) {
        UpsertWriter writer = table.upsertWriter();
        try {
            List<WriteResult<Row>> results = writer.writeRows(Flux.fromIterable(rows)).collectList().block(TIMEOUT);
            assertThat(results).hasSize(rows.size())
                    .allSatisfy(r -> assertThat(r.error()).as("error writing %s", r.correlation()).isNull());
            return results;
        } finally {
            writer.close().block(TIMEOUT);
        }
    }

    /** Even rows upserted by us, odd rows by the official client. */
    private static void upsertByBoth(TablePath path, List<GenericRow> rows) throws Exception {
        upsertWithUs(path, IntStream.range(0, rows.size()).filter(i -> i % 2 == 0).mapToObj(rows::get).toList());
        officialKv.upsert(path, IntStream.range(0, rows.size()).filter(i -> i % 2 == 1).mapToObj(rows::get).toList());
    }

    /** Our lookup of each key, in the order of the keys: a copy of the row found, or null. */
    private static List<GenericRow> lookupWithUs(FlussTable table, List<? extends Row> keys) {
        List<LookupResult> results = table.lookuper().lookupAll(Flux.fromIterable(keys)).collectList().block(TIMEOUT);
        assertThat(results).hasSize(keys.size());
        List<GenericRow> rows = new ArrayList<>(results.size());
        results.forEach(r -> rows.add(r.found() ? GenericRow.copyOf(r.row()) : null));
        return rows;
    }

    /** Asserts that both clients' lookups of the key of each row find that row. */
    private static void assertLookupsFind(TablePath path, Columns columns, List<String> primaryKey,
            List<GenericRow> rows) throws Exception {
        List<GenericRow> keys = keys(rows, primaryKey.stream().mapToInt(columns.names()::indexOf).toArray());
        assertThat(comparable(officialKv.lookup(path, keys))).as("official lookups").isEqualTo(comparable(rows));
        assertThat(comparable(lookupWithUs(db.client().table(path).block(TIMEOUT), keys))).as("our lookups")
                .isEqualTo(comparable(rows));
    }

    /**
     * Asserts that both clients' prefix lookups of every prefix of {@code rows}, and of the prefixes of
     * {@code absent} rows, find the rows of {@code rows} with that prefix and nothing else.
     */
    private static void assertPrefixLookups(TablePath path, Columns columns, List<String> lookupColumns,
            List<GenericRow> rows, List<GenericRow> absent) throws Exception {
        int[] positions = lookupColumns.stream().mapToInt(columns.names()::indexOf).toArray();
        Map<Object, List<Object>> expected = new LinkedHashMap<>();
        Map<Object, GenericRow> prefixes = new LinkedHashMap<>();
        for (GenericRow row : rows) {
            GenericRow prefix = project(row, positions);
            prefixes.putIfAbsent(ComparableValues.of(prefix), prefix);
            expected.computeIfAbsent(ComparableValues.of(prefix), p -> new ArrayList<>()).add(ComparableValues.of(row));
        }
        for (GenericRow row : absent) {
            GenericRow prefix = project(row, positions);
            prefixes.putIfAbsent(ComparableValues.of(prefix), prefix);
            expected.putIfAbsent(ComparableValues.of(prefix), List.of());
        }
        assertThat(expected.values().stream().filter(List::isEmpty)).as("absent prefixes").hasSize(absent.size());
        List<GenericRow> lookups = List.copyOf(prefixes.values());

        List<List<GenericRow>> byOfficial = officialKv.prefixLookup(path, lookupColumns, lookups);
        var prefixLookuper = db.client().table(path).block(TIMEOUT)
                .prefixLookuper(lookupColumns.toArray(String[]::new));
        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < lookups.size(); i++) {
            Object prefix = ComparableValues.of(lookups.get(i));
            List<Object> ours = prefixLookuper.lookup(lookups.get(i))
                    .map(r -> ComparableValues.of((Object) r))
                    .collectList()
                    .block(TIMEOUT);
            softly.assertThat(ours).as("our rows of prefix %s", prefix)
                    .containsExactlyInAnyOrderElementsOf(expected.get(prefix));
            softly.assertThat(byOfficial.get(i).stream().map(r -> ComparableValues.of((Object) r)).toList())
                    .as("official rows of prefix %s", prefix)
                    .containsExactlyInAnyOrderElementsOf(expected.get(prefix));
        }
        softly.assertAll();
    }

    /**
     * One change of a key, comparable by content.
     *
     * @param type the change type
     * @param values the row's values (see {@link ComparableValues})
     */
    private record Change(ChangeType type, List<Object> values) {
        static Change of(ChangeType type, Row row) {
            return new Change(type, ComparableValues.of(row));
        }
    }

    /** The changes of each key in the order of the changelog, by the INT id at {@code idColumn}. */
    private static Map<Integer, List<Change>> changesById(List<ScanRecord> changelog, int idColumn) {
        Map<Integer, List<Change>> changes = new TreeMap<>();
        changelog.stream()
                .sorted(Comparator.comparingInt(ScanRecord::bucket).thenComparingLong(ScanRecord::offset))
                .forEach(r -> changes.computeIfAbsent(r.row().getInt(idColumn), id -> new ArrayList<>())
                        .add(Change.of(r.changeType(), r.row())));
        return changes;
    }

    private static void assertSameChanges(Map<Integer, List<Change>> actual, Map<Integer, List<Change>> expected) {
        assertThat(actual.keySet()).as("ids in the changelog").isEqualTo(expected.keySet());
        SoftAssertions softly = new SoftAssertions();
        expected.forEach((id, changes) ->
                softly.assertThat(actual.get(id)).as("changes of id %s", id).isEqualTo(changes));
        softly.assertAll();
    }
}
