package io.flussreactive.internal.record;

import static io.flussreactive.internal.record.BinaryInterop.comparable;
import static io.flussreactive.type.DataTypes.ARRAY;
import static io.flussreactive.type.DataTypes.BIGINT;
import static io.flussreactive.type.DataTypes.BINARY;
import static io.flussreactive.type.DataTypes.BOOLEAN;
import static io.flussreactive.type.DataTypes.CHAR;
import static io.flussreactive.type.DataTypes.DATE;
import static io.flussreactive.type.DataTypes.DECIMAL;
import static io.flussreactive.type.DataTypes.DOUBLE;
import static io.flussreactive.type.DataTypes.FIELD;
import static io.flussreactive.type.DataTypes.FLOAT;
import static io.flussreactive.type.DataTypes.INT;
import static io.flussreactive.type.DataTypes.MAP;
import static io.flussreactive.type.DataTypes.ROW;
import static io.flussreactive.type.DataTypes.SMALLINT;
import static io.flussreactive.type.DataTypes.STRING;
import static io.flussreactive.type.DataTypes.TIME;
import static io.flussreactive.type.DataTypes.TIMESTAMP;
import static io.flussreactive.type.DataTypes.TIMESTAMP_LTZ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.error.CorruptRecordException;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.type.DataField;
import io.flussreactive.type.DataType;
import io.flussreactive.type.RowType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Byte vectors of the compacted row format, worked out from its layout, and its failure modes. */
class CompactedRowTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    @Test
    void nullBitsMarkNullFieldsWhichTakeNoBytes() {
        RowType type = row(INT(), STRING(), BIGINT());

        assertEncoding(type, GenericRow.of(1, "a", null), "04 01 01 61");
    }

    @Test
    void nullBitsTakeOneByteForEveryEightFields() {
        DataType[] types = new DataType[9];
        Arrays.fill(types, INT());
        Object[] values = {0, 1, 2, 3, 4, 5, 6, 7, null};

        assertEncoding(row(types), GenericRow.of(values), "00 01 00 01 02 03 04 05 06 07");
    }

    @Test
    void integersAreVarintsWithoutZigZag() {
        assertEncoding(row(INT()), GenericRow.of(-1), "00 ff ff ff ff 0f");
        assertEncoding(row(INT()), GenericRow.of(300), "00 ac 02");
        assertEncoding(row(BIGINT()), GenericRow.of(-1L), "00 ff ff ff ff ff ff ff ff ff 01");
        assertEncoding(row(BIGINT()), GenericRow.of(127L), "00 7f");
    }

    @Test
    void fixedWidthValuesAreLittleEndian() {
        assertEncoding(row(BOOLEAN(), SMALLINT()), GenericRow.of(true, (short) 0x1234), "00 01 34 12");
        assertEncoding(row(FLOAT()), GenericRow.of(1.0f), "00 00 00 80 3f");
        assertEncoding(row(DOUBLE()), GenericRow.of(1.0), "00 00 00 00 00 00 00 f0 3f");
    }

    @Test
    void stringsAndBytesHaveAVarintLengthAndAreNotPadded() {
        assertEncoding(row(CHAR(5), STRING(), BINARY(2)), GenericRow.of("ab", "é", new byte[] {1, 2}),
                "00 02 61 62 02 c3 a9 02 01 02");
    }

    @Test
    void charValuesLongerThanTheirLengthAndBinaryValuesOfAnotherLengthAreRejected() {
        RowType type = new RowType(List.of(FIELD("code", CHAR(3)), FIELD("hashes", ARRAY(BINARY(2)))));
        CompactedRowWriter writer = new CompactedRowWriter(type);

        assertThatThrownBy(() -> writer.encode(GenericRow.of("toolong", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Field 'code' of type CHAR(3): the value takes 7 bytes in UTF-8, but the type holds at most 3");
        assertThatThrownBy(() -> writer.encode(GenericRow.of("abc", List.of(new byte[] {1, 2}, new byte[] {1}))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Field 'hashes' of type ARRAY<BINARY(2)>: the value has 1 bytes, but the type holds exactly 2");
    }

    @Test
    void datesTimesAndTimestampsAreVarintsOfTheirUnits() {
        assertEncoding(row(DATE(), TIME()), GenericRow.of(LocalDate.of(1970, 1, 2), LocalTime.of(0, 0, 1)),
                "00 01 e8 07");
        assertEncoding(row(TIMESTAMP(3)), GenericRow.of(LocalDateTime.of(1970, 1, 1, 0, 0, 0, 300_000_000)),
                "00 ac 02");
        assertEncoding(row(TIMESTAMP(6)), GenericRow.of(LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1_000_500)),
                "00 01 f4 03");
        assertEncoding(row(TIMESTAMP_LTZ(9)), GenericRow.of(Instant.ofEpochSecond(-1, 999_999_999)),
                "00 ff ff ff ff ff ff ff ff ff 01 bf 84 3d");
    }

    @Test
    void decimalsAreUnscaledLongsUpToPrecision18AndBigEndianBytesAbove() {
        assertEncoding(row(DECIMAL(5, 2)), GenericRow.of(new BigDecimal("1.50")), "00 96 01");
        assertEncoding(row(DECIMAL(20, 2)), GenericRow.of(new BigDecimal("-1.00")), "00 01 9c");
    }

    @Test
    void arraysAreBinaryArraysWithAVarintLength() {
        assertEncoding(row(ARRAY(INT())), GenericRow.of(Arrays.asList(1, null, 3)),
                "00 18 03 00 00 00 02 00 00 00 01 00 00 00 00 00 00 00 03 00 00 00 00 00 00 00");
    }

    @Test
    void shortStringsLiveInTheirArraySlotAndLongOnesInTheVariablePart() {
        assertEncoding(row(ARRAY(STRING())), GenericRow.of(List.of("abc", "abcdefgh")),
                "00 20 02 00 00 00 00 00 00 00 61 62 63 00 00 00 00 83 08 00 00 00 18 00 00 00"
                        + " 61 62 63 64 65 66 67 68");
    }

    @Test
    void mapsAreAKeyArraySizeAKeyArrayAndAValueArray() {
        assertEncoding(row(MAP(STRING(), INT())), GenericRow.of(Map.of("k", 7)),
                "00 24 10 00 00 00 01 00 00 00 00 00 00 00 6b 00 00 00 00 00 00 81"
                        + " 01 00 00 00 00 00 00 00 07 00 00 00 00 00 00 00");
    }

    @Test
    void nestedRowsAreCompactedRowsWithAVarintLength() {
        RowType type = row(ROW(FIELD("x", INT()), FIELD("y", STRING())));

        assertEncoding(type, GenericRow.of(GenericRow.of(5, null)), "00 02 02 05");
    }

    @Test
    void decodedRowsCarryTheDocumentedJavaValues() {
        RowType type = row(DECIMAL(10, 2), TIME(), ARRAY(STRING()), MAP(INT(), STRING()));
        Row row = GenericRow.of(new BigDecimal("2.5"), LocalTime.of(1, 2, 3, 4_000_000),
                Arrays.asList("x", null), Map.of(1, "one"));

        Row decoded = new CompactedRowReader(type).read(new CompactedRowWriter(type).encode(row));

        assertThat(decoded.getDecimal(0)).isEqualTo(new BigDecimal("2.50"));
        assertThat(decoded.getTime(1)).isEqualTo(LocalTime.of(1, 2, 3, 4_000_000));
        assertThat(decoded.getArray(2)).containsExactly("x", null);
        assertThat(decoded.getMap(3)).containsExactly(Map.entry(1, "one"));
    }

    @Test
    void randomRowsOfEveryTypeSurviveTheRoundTrip() {
        RowType type = BinaryRandomValues.everyTypeRow();
        CompactedRowWriter writer = new CompactedRowWriter(type);
        CompactedRowReader reader = new CompactedRowReader(type);
        BinaryRandomValues values = new BinaryRandomValues(42);

        for (int i = 0; i < 200; i++) {
            Row row = values.row(type);
            assertThat(comparable(reader.read(writer.encode(row)))).isEqualTo(comparable(row));
        }
    }

    @Test
    void encodeToAppendsTheSameBytes() {
        RowType type = row(INT(), STRING());
        CompactedRowWriter writer = new CompactedRowWriter(type);
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        try {
            out.writeByte(0x7f);
            int written = writer.encodeTo(GenericRow.of(1, "a"), out);

            assertThat(written).isEqualTo(4);
            assertThat(HEX.formatHex(ByteBufUtil.getBytes(out))).isEqualTo("7f 00 01 01 61");
            assertThat(new CompactedRowReader(type).read(out, 1, 4)).isEqualTo(GenericRow.of(1, "a"));
        } finally {
            out.release();
        }
    }

    @Test
    void aNullInANotNullFieldIsRejectedNamingTheField() {
        RowType type = new RowType(List.of(FIELD("id", INT().notNull())));

        assertThatThrownBy(() -> new CompactedRowWriter(type).encode(GenericRow.of((Object) null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id'")
                .hasMessageContaining("INT NOT NULL");
    }

    @Test
    void aValueOfTheWrongClassIsRejectedNamingTheFieldAndTheExpectedClass() {
        RowType type = new RowType(List.of(FIELD("amount", INT())));

        assertThatThrownBy(() -> new CompactedRowWriter(type).encode(GenericRow.of(5L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'amount'")
                .hasMessageContaining("expects a Integer, not a Long");
    }

    @Test
    void aNullArrayElementOfANotNullElementTypeIsRejected() {
        RowType type = new RowType(List.of(FIELD("tags", ARRAY(STRING().notNull()))));

        assertThatThrownBy(() -> new CompactedRowWriter(type).encode(GenericRow.of(Arrays.asList("a", null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tags'")
                .hasMessageContaining("must not be null");
    }

    @Test
    void aDecimalTooLargeForItsPrecisionIsRejected() {
        RowType type = new RowType(List.of(FIELD("price", DECIMAL(3, 1))));

        assertThatThrownBy(() -> new CompactedRowWriter(type).encode(GenericRow.of(new BigDecimal("123.4"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'price'")
                .hasMessageContaining("does not fit into DECIMAL(3, 1)");
    }

    @Test
    void aRowWithTheWrongNumberOfValuesIsRejected() {
        assertThatThrownBy(() -> new CompactedRowWriter(row(INT(), INT())).encode(GenericRow.of(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 values")
                .hasMessageContaining("2 fields");
    }

    @Test
    void truncatedOrOverlongBytesAreCorrupt() {
        RowType type = row(INT(), STRING());
        byte[] bytes = new CompactedRowWriter(type).encode(GenericRow.of(1, "abc"));
        CompactedRowReader reader = new CompactedRowReader(type);

        assertThatThrownBy(() -> reader.read(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(() -> reader.read(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("ends after 6 of its 7 bytes");
    }

    private static void assertEncoding(RowType type, Row row, String hex) {
        byte[] bytes = new CompactedRowWriter(type).encode(row);

        assertThat(HEX.formatHex(bytes)).isEqualTo(hex);
        assertThat(comparable(new CompactedRowReader(type).read(bytes))).isEqualTo(comparable(row));
    }

    static RowType row(DataType... types) {
        List<DataField> fields = new ArrayList<>();
        for (DataType type : types) {
            fields.add(FIELD("f" + fields.size(), type));
        }
        return new RowType(fields);
    }
}
