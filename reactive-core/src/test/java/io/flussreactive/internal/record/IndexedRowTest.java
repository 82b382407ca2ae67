package io.flussreactive.internal.record;

import static io.flussreactive.internal.record.BinaryInterop.comparable;
import static io.flussreactive.internal.record.CompactedRowTest.row;
import static io.flussreactive.type.DataTypes.ARRAY;
import static io.flussreactive.type.DataTypes.BIGINT;
import static io.flussreactive.type.DataTypes.BINARY;
import static io.flussreactive.type.DataTypes.CHAR;
import static io.flussreactive.type.DataTypes.DECIMAL;
import static io.flussreactive.type.DataTypes.FIELD;
import static io.flussreactive.type.DataTypes.INT;
import static io.flussreactive.type.DataTypes.ROW;
import static io.flussreactive.type.DataTypes.STRING;
import static io.flussreactive.type.DataTypes.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.error.CorruptRecordException;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.type.RowType;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte vectors of the indexed row format, worked out from its layout, and its failure modes. */
class IndexedRowTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    @Test
    void variableLengthFieldsHaveTheirLengthInTheHeaderAndFixedOnesArePadded() {
        RowType type = row(INT(), STRING(), BIGINT(), CHAR(3), BINARY(2));

        assertEncoding(type, GenericRow.of(1, "ab", null, "x", new byte[] {9, 8}),
                "04 02 00 00 00 01 00 00 00 61 62 78 00 00 09 08");
    }

    @Test
    void aNullVariableLengthFieldLeavesItsLengthEntryZero() {
        RowType type = row(INT(), STRING(), BIGINT(), CHAR(3), BINARY(2));

        assertEncoding(type, GenericRow.of(1, null, 2L, "x", new byte[] {9, 8}),
                "02 00 00 00 00 01 00 00 00 02 00 00 00 00 00 00 00 78 00 00 09 08");
    }

    @Test
    void lengthsFillTheHeaderInFieldOrderSkippingNulls() {
        RowType type = row(STRING(), STRING(), STRING());

        assertEncoding(type, GenericRow.of(null, "a", "bc"), "01 01 00 00 00 02 00 00 00 00 00 00 00 61 62 63");
    }

    @Test
    void preciseTimestampsAndDecimalsHaveTheirOwnLayouts() {
        assertEncoding(row(TIMESTAMP(6)), GenericRow.of(LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1_000_500)),
                "00 01 00 00 00 00 00 00 00 f4 01 00 00");
        assertEncoding(row(DECIMAL(20, 2), DECIMAL(5, 2)),
                GenericRow.of(new BigDecimal("-1.00"), new BigDecimal("1.50")),
                "00 01 00 00 00 9c 96 00 00 00 00 00 00 00");
    }

    @Test
    void nestedRowsAreIndexedRows() {
        RowType type = row(ROW(FIELD("x", INT()), FIELD("y", STRING())));

        assertEncoding(type, GenericRow.of(GenericRow.of(5, "z")), "00 0a 00 00 00 00 01 00 00 00 05 00 00 00 7a");
    }

    @Test
    void charAndBinaryLoseTrailingZeroBytesAsInFluss() {
        RowType type = row(CHAR(4), BINARY(4), ARRAY(BINARY(4)));
        byte[] bytes = new IndexedRowWriter(type).encode(
                GenericRow.of("a\u0000", new byte[] {1, 0, 0, 0}, List.of(new byte[] {1, 0, 0, 0})));

        Row decoded = new IndexedRowReader(type).read(bytes);

        assertThat(decoded.getString(0)).isEqualTo("a");
        assertThat(decoded.getBytes(1)).containsExactly(1);
        assertThat((byte[]) decoded.getArray(2).get(0)).containsExactly(1, 0, 0, 0);
    }

    @Test
    void valuesLongerThanTheirFixedWidthAreRejected() {
        RowType type = new RowType(List.of(FIELD("code", CHAR(2))));

        assertThatThrownBy(() -> new IndexedRowWriter(type).encode(GenericRow.of("é€")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'code'")
                .hasMessageContaining("CHAR(2): the value takes 5 bytes in UTF-8, but the type holds at most 2");
    }

    @Test
    void aNullInANotNullFieldIsRejectedNamingTheField() {
        RowType type = new RowType(List.of(FIELD("a", INT()), FIELD("id", BIGINT().notNull())));

        assertThatThrownBy(() -> new IndexedRowWriter(type).encode(GenericRow.of(1, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id'");
    }

    @Test
    void randomRowsOfEveryTypeSurviveTheRoundTrip() {
        RowType type = BinaryRandomValues.everyTypeRow();
        IndexedRowWriter writer = new IndexedRowWriter(type);
        IndexedRowReader reader = new IndexedRowReader(type);
        BinaryRandomValues values = new BinaryRandomValues(43);

        for (int i = 0; i < 200; i++) {
            Row row = values.row(type);
            assertThat(comparable(reader.read(writer.encode(row)))).isEqualTo(comparable(row));
        }
    }

    @Test
    void truncatedOrOverlongBytesAreCorrupt() {
        RowType type = row(INT(), STRING());
        byte[] bytes = new IndexedRowWriter(type).encode(GenericRow.of(1, "abc"));
        IndexedRowReader reader = new IndexedRowReader(type);

        assertThatThrownBy(() -> reader.read(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(() -> reader.read(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(() -> reader.read(new byte[] {0}))
                .isInstanceOf(CorruptRecordException.class);
    }

    private static void assertEncoding(RowType type, Row row, String hex) {
        byte[] bytes = new IndexedRowWriter(type).encode(row);

        assertThat(HEX.formatHex(bytes)).isEqualTo(hex);
        assertThat(comparable(new IndexedRowReader(type).read(bytes))).isEqualTo(comparable(row));
    }
}
