package io.flussreactive.internal.record;

import static io.flussreactive.type.DataTypes.BIGINT;
import static io.flussreactive.type.DataTypes.INT;
import static io.flussreactive.type.DataTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.admin.TableProperties;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.table.TablePath;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.fluss.config.Configuration;
import org.apache.fluss.config.TableConfig;
import org.apache.fluss.metadata.DataLakeFormat;
import org.apache.fluss.row.encode.KeyEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which columns make up a table's keys and how they are encoded, held against the official rules. */
class KeyEncodersTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    /** Columns (a INT, b STRING, c BIGINT, day STRING), primary key (a, b, day), partitioned by day. */
    private static TableInfo table(List<String> bucketKeys, Map<String, String> properties) {
        Schema schema = Schema.newBuilder()
                .column("a", INT())
                .column("b", STRING())
                .column("c", BIGINT())
                .column("day", STRING())
                .primaryKey("a", "b", "day")
                .build();
        TableDescriptor descriptor = TableDescriptor.builder()
                .schema(schema)
                .partitionedBy("day")
                .distributedBy(4, bucketKeys)
                .properties(properties)
                .build();
        return TableInfo.of(TablePath.of("db", "t"), 1, 1, descriptor, 0, 0);
    }

    private static final Row ROW = GenericRow.of(7, "x", 9L, "2024-05-01");

    @Test
    void thePrimaryKeyIsThePhysicalPrimaryKey() {
        TableInfo table = table(List.of(), Map.of());

        assertThat(KeyEncoders.primaryKey(table).keyColumns()).containsExactly("a", "b");
        assertThat(HEX.formatHex(KeyEncoders.primaryKey(table).encode(ROW))).isEqualTo("07 01 78");
        assertThat(KeyEncoders.isDefaultBucketKey(table)).isTrue();
        assertThat(KeyEncoders.bucketKey(table).keyColumns()).containsExactly("a", "b");
    }

    @Test
    void aBucketKeyThatIsNotTheDefaultIsEncodedOnItsOwnAndPrefixesThePrimaryKey() {
        TableInfo table = table(List.of("a"), Map.of(TableProperties.KV_FORMAT_VERSION, "2"));

        byte[] primaryKey = KeyEncoders.primaryKey(table).encode(ROW);
        byte[] bucketKey = KeyEncoders.bucketKey(table).encode(ROW);

        assertThat(KeyEncoders.isDefaultBucketKey(table)).isFalse();
        assertThat(HEX.formatHex(bucketKey)).isEqualTo("07");
        assertThat(HEX.formatHex(primaryKey)).startsWith(HEX.formatHex(bucketKey));
    }

    @Test
    void prefixLookupKeysEncodeTheBucketKeyOfRowsOfTheLookupColumns() {
        TableInfo table = table(List.of("a"), Map.of(TableProperties.KV_FORMAT_VERSION, "2"));

        io.flussreactive.internal.record.KeyEncoder encoder = KeyEncoders.prefixLookupKey(table, List.of("day", "a"));

        assertThat(encoder.rowType().fieldNames()).containsExactly("day", "a");
        assertThat(HEX.formatHex(encoder.encode(GenericRow.of("2024-05-01", 7)))).isEqualTo("07");
    }

    @Test
    void prefixLookupsNeedABucketKeyThatIsAProperPrefixAndTheRightColumns() {
        TableInfo table = table(List.of("a"), Map.of());

        assertThatThrownBy(() -> KeyEncoders.prefixLookupKey(table(List.of(), Map.of()), List.of("day", "a", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("look up by primary key");
        assertThatThrownBy(() -> KeyEncoders.prefixLookupKey(table(List.of("b"), Map.of()), List.of("day", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a prefix");
        assertThatThrownBy(() -> KeyEncoders.prefixLookupKey(table, List.of("a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("every partition key");
        assertThatThrownBy(() -> KeyEncoders.prefixLookupKey(table, List.of("day", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in order");
    }

    @Test
    void paimonAndIcebergKeysAreNotSupportedYet() {
        TableInfo paimon = table(List.of(), Map.of(TableProperties.DATALAKE_FORMAT, "paimon"));
        TableInfo iceberg = table(List.of("a"), Map.of(TableProperties.DATALAKE_FORMAT, "iceberg",
                TableProperties.KV_FORMAT_VERSION, "2"));

        assertThatThrownBy(() -> KeyEncoders.primaryKey(paimon))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("'paimon'");
        // Version 2 encodes a non-default primary key itself, but the bucket key stays the lake's.
        assertThat(KeyEncoders.primaryKey(iceberg).keyColumns()).containsExactly("a", "b");
        assertThatThrownBy(() -> KeyEncoders.bucketKey(iceberg))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("'iceberg'");
        assertThatThrownBy(() -> KeyEncoders.prefixLookupKey(iceberg, List.of("day", "a")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownKvFormatVersionsAreRejected() {
        assertThatThrownBy(() -> KeyEncoders.primaryKey(table(List.of("a"), Map.of(TableProperties.KV_FORMAT_VERSION, "3"))))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("version 3");
    }

    @Test
    void logTablesHaveABucketKeyOnlyWhenDeclared() {
        Schema schema = Schema.newBuilder().column("a", INT()).column("b", STRING()).build();
        TableInfo keyed = TableInfo.of(TablePath.of("db", "log"), 2, 1,
                TableDescriptor.builder().schema(schema).distributedBy(3, "b").build(), 0, 0);
        TableInfo unkeyed = TableInfo.of(TablePath.of("db", "log"), 2, 1,
                TableDescriptor.builder().schema(schema).distributedBy(3).build(), 0, 0);

        assertThat(HEX.formatHex(KeyEncoders.bucketKey(keyed).encode(GenericRow.of(1, "a")))).isEqualTo("01 61");
        assertThat(KeyEncoders.isDefaultBucketKey(unkeyed)).isTrue();
        assertThatThrownBy(() -> KeyEncoders.bucketKey(unkeyed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyEncoders.primaryKey(keyed)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "bucket key {0}, kv format version {1}, lake {2}")
    @CsvSource({
        "'', , ",
        "'', 1, ",
        "'', 2, ",
        "a, 1, ",
        "a, 2, ",
        "'', 1, lance",
        "a, 2, lance",
        "a, 2, paimon",
        "a, 2, iceberg",
    })
    void primaryAndBucketKeysMatchTheOfficialRules(String bucketKey, String version, String lake) {
        Map<String, String> properties = new HashMap<>();
        if (version != null) {
            properties.put(TableProperties.KV_FORMAT_VERSION, version);
        }
        if (lake != null) {
            properties.put(TableProperties.DATALAKE_FORMAT, lake);
        }
        TableInfo table = table(bucketKey.isEmpty() ? List.of() : List.of(bucketKey), properties);
        org.apache.fluss.types.RowType rowType = BinaryInterop.toUpstream(table.rowType());
        org.apache.fluss.row.GenericRow officialRow = BinaryInterop.toUpstream(table.rowType(), ROW, null);
        boolean isDefault = KeyEncoders.isDefaultBucketKey(table);
        DataLakeFormat lakeFormat = lake == null ? null : DataLakeFormat.valueOf(lake.toUpperCase(Locale.ROOT));

        byte[] officialPrimaryKey = KeyEncoder.ofPrimaryKeyEncoder(rowType, table.physicalPrimaryKey(),
                new TableConfig(Configuration.fromMap(properties)), isDefault).encodeKey(officialRow);
        assertThat(HEX.formatHex(KeyEncoders.primaryKey(table).encode(ROW))).isEqualTo(HEX.formatHex(officialPrimaryKey));

        if (lakeFormat == DataLakeFormat.PAIMON || lakeFormat == DataLakeFormat.ICEBERG) {
            assertThatThrownBy(() -> KeyEncoders.bucketKey(table)).isInstanceOf(UnsupportedOperationException.class);
        } else {
            byte[] officialBucketKey = isDefault
                    ? officialPrimaryKey
                    : KeyEncoder.ofBucketKeyEncoder(rowType, table.bucketKeys(), lakeFormat).encodeKey(officialRow);
            assertThat(HEX.formatHex(KeyEncoders.bucketKey(table).encode(ROW))).isEqualTo(HEX.formatHex(officialBucketKey));
        }
    }
}
