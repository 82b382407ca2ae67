package io.flussreactive.internal.record;

import static io.flussreactive.type.DataTypes.ARRAY;
import static io.flussreactive.type.DataTypes.BIGINT;
import static io.flussreactive.type.DataTypes.BINARY;
import static io.flussreactive.type.DataTypes.BOOLEAN;
import static io.flussreactive.type.DataTypes.BYTES;
import static io.flussreactive.type.DataTypes.CHAR;
import static io.flussreactive.type.DataTypes.DATE;
import static io.flussreactive.type.DataTypes.DECIMAL;
import static io.flussreactive.type.DataTypes.DOUBLE;
import static io.flussreactive.type.DataTypes.FIELD;
import static io.flussreactive.type.DataTypes.FLOAT;
import static io.flussreactive.type.DataTypes.INT;
import static io.flussreactive.type.DataTypes.SMALLINT;
import static io.flussreactive.type.DataTypes.STRING;
import static io.flussreactive.type.DataTypes.TIME;
import static io.flussreactive.type.DataTypes.TIMESTAMP;
import static io.flussreactive.type.DataTypes.TIMESTAMP_LTZ;
import static io.flussreactive.type.DataTypes.TINYINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.admin.PartitionSpec;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.type.DataField;
import io.flussreactive.type.DataType;
import io.flussreactive.type.RowType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.fluss.client.table.getter.PartitionGetter;
import org.apache.fluss.utils.PartitionUtils;
import org.junit.jupiter.api.Test;

/** Partition names: the guide's formatting table, and equality with the official formatting. */
class PartitionNamesTest {

    private static final List<DataType> PARTITION_TYPES = List.of(
            CHAR(5), STRING(), BOOLEAN(), BINARY(4), BYTES(), TINYINT(), SMALLINT(), INT(), BIGINT(),
            DATE(), TIME(), FLOAT(), DOUBLE(), TIMESTAMP(0), TIMESTAMP(3), TIMESTAMP(9), TIMESTAMP_LTZ(3),
            TIMESTAMP_LTZ(9));

    @Test
    void valuesAreFormattedAsInTheGuide() {
        assertThat(PartitionNames.formatValue(STRING(), "eu-west")).isEqualTo("eu-west");
        assertThat(PartitionNames.formatValue(BOOLEAN(), true)).isEqualTo("true");
        assertThat(PartitionNames.formatValue(TINYINT(), (byte) -3)).isEqualTo("-3");
        assertThat(PartitionNames.formatValue(BIGINT(), 1234567890123L)).isEqualTo("1234567890123");
        assertThat(PartitionNames.formatValue(BYTES(), new byte[] {0x0a, (byte) 0xff, 0})).isEqualTo("0aff00");
        assertThat(PartitionNames.formatValue(DATE(), LocalDate.of(2024, 5, 1))).isEqualTo("2024-05-01");
        assertThat(PartitionNames.formatValue(TIME(), LocalTime.of(3, 42, 35, 428_000_000))).isEqualTo("03-42-35_428");
        assertThat(PartitionNames.formatValue(FLOAT(), 5.73f)).isEqualTo("5_73");
        assertThat(PartitionNames.formatValue(DOUBLE(), -0.5)).isEqualTo("-0_5");
        assertThat(PartitionNames.formatValue(DOUBLE(), Double.NaN)).isEqualTo("NaN");
        assertThat(PartitionNames.formatValue(FLOAT(), Float.POSITIVE_INFINITY)).isEqualTo("Inf");
        assertThat(PartitionNames.formatValue(DOUBLE(), Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    }

    @Test
    void timestampsEndWithTheFractionOfTheSecondWithoutTrailingZeros() {
        assertThat(PartitionNames.formatValue(TIMESTAMP(3), LocalDateTime.of(2025, 5, 31, 3, 42, 35, 428_000_000)))
                .isEqualTo("2025-05-31-03-42-35_428");
        assertThat(PartitionNames.formatValue(TIMESTAMP(9), LocalDateTime.of(2025, 5, 31, 3, 42, 35, 99_988)))
                .isEqualTo("2025-05-31-03-42-35_000099988");
        assertThat(PartitionNames.formatValue(TIMESTAMP(0), LocalDateTime.of(2025, 5, 31, 3, 42, 35)))
                .isEqualTo("2025-05-31-03-42-35_");
        assertThat(PartitionNames.formatValue(TIMESTAMP_LTZ(3), Instant.parse("2025-05-31T03:42:35.120Z")))
                .isEqualTo("2025-05-31-03-42-35_12");
    }

    @Test
    void valuesAreJoinedInPartitionKeyOrder() {
        RowType type = new RowType(List.of(FIELD("id", INT()), FIELD("day", DATE()), FIELD("region", STRING())));
        PartitionNames names = new PartitionNames(type, List.of("region", "day"));
        Row row = GenericRow.of(1, LocalDate.of(2024, 5, 1), "eu");

        assertThat(names.partitionName(row)).isEqualTo("eu$2024-05-01");
        assertThat(names.partitionSpec(row).spec()).containsExactly(Map.entry("region", "eu"), Map.entry("day", "2024-05-01"));
        assertThat(PartitionNames.partitionName(names.partitionSpec(row), List.of("region", "day")))
                .isEqualTo("eu$2024-05-01");
        assertThat(new PartitionNames(type, List.of("day")).partitionName(row)).isEqualTo("2024-05-01");
    }

    @Test
    void nullPartitionValuesAreRejectedNamingTheColumn() {
        RowType type = new RowType(List.of(FIELD("id", INT()), FIELD("day", DATE())));

        assertThatThrownBy(() -> new PartitionNames(type, List.of("day")).partitionName(GenericRow.of(1, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Partition column 'day' must not be null");
    }

    @Test
    void typesThatCannotBePartitionKeysAndUnknownKeysAreRejected() {
        RowType type = new RowType(List.of(FIELD("price", DECIMAL(10, 2)), FIELD("tags", ARRAY(STRING()))));

        assertThatThrownBy(() -> new PartitionNames(type, List.of("price")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DECIMAL(10, 2)");
        assertThatThrownBy(() -> new PartitionNames(type, List.of("tags"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartitionNames(type, List.of("nope"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartitionNames.partitionName(PartitionSpec.of("a", "1"), List.of("b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTypeIsFormattedLikeTheOfficialClient() {
        BinaryRandomValues values = new BinaryRandomValues(3);
        for (DataType type : PARTITION_TYPES) {
            for (int i = 0; i < 500; i++) {
                Object value = values.nonNullValue(type);

                String official = PartitionUtils.convertValueOfType(
                        BinaryInterop.toUpstream(type, value, null), BinaryInterop.toUpstream(type).getTypeRoot());

                assertThat(PartitionNames.formatValue(type, value)).as("%s %s", type, value).isEqualTo(official);
            }
        }
    }

    @Test
    void namesOfRowsWithSeveralKeysMatchTheOfficialPartitionGetter() {
        List<DataField> fields = new ArrayList<>();
        for (DataType type : PARTITION_TYPES) {
            fields.add(FIELD("p" + fields.size(), type.notNull()));
        }
        RowType rowType = new RowType(fields);
        BinaryRandomValues values = new BinaryRandomValues(4);

        for (int i = 0; i < 300; i++) {
            List<String> keys = new ArrayList<>(rowType.fieldNames());
            Collections.shuffle(keys, values.random());
            keys = keys.subList(0, 1 + values.random().nextInt(4));
            Row row = values.row(rowType);

            String official = new PartitionGetter(BinaryInterop.toUpstream(rowType), keys)
                    .getPartition(BinaryInterop.toUpstream(rowType, row, null));
            PartitionNames names = new PartitionNames(rowType, keys);

            assertThat(names.partitionName(row)).isEqualTo(official);
            Map<String, String> spec = new LinkedHashMap<>(names.partitionSpec(row).spec());
            assertThat(String.join("$", spec.values())).isEqualTo(official);
            assertThat(spec.keySet()).containsExactlyElementsOf(keys);
        }
    }
}
