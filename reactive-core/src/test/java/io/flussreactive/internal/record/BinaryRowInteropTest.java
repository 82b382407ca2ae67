package io.flussreactive.internal.record;

import static io.flussreactive.internal.record.BinaryInterop.comparable;
import static io.flussreactive.type.DataTypes.FIELD;
import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.row.Row;
import io.flussreactive.type.DataType;
import io.flussreactive.type.RowType;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.fluss.memory.MemorySegment;
import org.apache.fluss.row.BinaryRow;
import org.apache.fluss.row.compacted.CompactedRow;
import org.apache.fluss.row.encode.CompactedRowEncoder;
import org.apache.fluss.row.encode.IndexedRowEncoder;
import org.apache.fluss.row.encode.RowEncoder;
import org.apache.fluss.row.indexed.IndexedRow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds both row formats against the official client's encoders, byte for byte, for every type,
 * nested ones included, with random values and nulls at every level; and checks that each side
 * decodes the other's bytes to the values that were written.
 */
class BinaryRowInteropTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    static Stream<Arguments> typesAndFormats() {
        List<DataType> types = new ArrayList<>(BinaryRandomValues.scalarTypes());
        types.addAll(BinaryRandomValues.nestedTypes());
        List<Arguments> arguments = new ArrayList<>();
        for (BinaryRowFormat format : BinaryRowFormat.values()) {
            for (DataType type : types) {
                arguments.add(Arguments.of(format, type));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("typesAndFormats")
    void everyTypeMatchesTheOfficialEncoding(BinaryRowFormat format, DataType type) {
        RowType rowType = new RowType(List.of(
                FIELD("nullable", type), FIELD("notNull", type.notNull()), FIELD("after", type)));
        BinaryRandomValues values = new BinaryRandomValues(type.summary().hashCode() * 31L + format.ordinal());

        for (int i = 0; i < 200; i++) {
            assertInterop(format, rowType, values.row(rowType));
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryRowFormat.class)
    void rowsWithAColumnOfEveryTypeMatchTheOfficialEncoding(BinaryRowFormat format) {
        RowType rowType = BinaryRandomValues.everyTypeRow();
        BinaryRandomValues values = new BinaryRandomValues(20240501L + format.ordinal());

        for (int i = 0; i < 100; i++) {
            assertInterop(format, rowType, values.row(rowType));
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryRowFormat.class)
    void oneEncoderReusedForManyRowsKeepsMatching(BinaryRowFormat format) {
        RowType rowType = BinaryRandomValues.everyTypeRow();
        BinaryRowWriter writer = format.writerFor(rowType);
        BinaryOutput out = new BinaryOutput(16);
        BinaryRandomValues values = new BinaryRandomValues(7L + format.ordinal());

        for (int i = 0; i < 50; i++) {
            Row row = values.row(rowType);
            out.reset();
            writer.writeRow(row, out);

            assertThat(HEX.formatHex(out.copyFrom(0))).isEqualTo(HEX.formatHex(officialBytes(format, rowType, row)));
        }
    }

    private static void assertInterop(BinaryRowFormat format, RowType rowType, Row row) {
        byte[] ours = ours(format, rowType, row);
        byte[] official = officialBytes(format, rowType, row);

        assertThat(HEX.formatHex(ours)).as("bytes of %s", row).isEqualTo(HEX.formatHex(official));
        // Bytes from the official encoders as applications use them, stale slot bytes included.
        byte[] officialAsUsed = officialBytes(format, rowType, row, null);
        Row decodedByUs = format.readerFor(rowType).read(Unpooled.wrappedBuffer(officialAsUsed), 0, officialAsUsed.length);
        assertThat(comparable(decodedByUs)).as("our decoding of the official bytes").isEqualTo(comparable(row));
        Row decodedByOfficial = BinaryInterop.fromUpstream(rowType, officialRow(format, rowType, ours));
        assertThat(comparable(decodedByOfficial)).as("the official decoding of our bytes").isEqualTo(comparable(row));
    }

    private static byte[] ours(BinaryRowFormat format, RowType rowType, Row row) {
        return format == BinaryRowFormat.COMPACTED
                ? new CompactedRowWriter(rowType).encode(row)
                : new IndexedRowWriter(rowType).encode(row);
    }

    /**
     * The official encoding, from a new encoder each time, with every array serialized by a new
     * official serializer (see {@link BinaryInterop#toUpstream(DataType, Object, BinaryRow.BinaryRowFormat)}).
     */
    static byte[] officialBytes(BinaryRowFormat format, RowType rowType, Row row) {
        return officialBytes(format, rowType, row, BinaryInterop.toUpstream(format));
    }

    /** The official encoding of a row whose values are converted with the given array format, or none. */
    static byte[] officialBytes(BinaryRowFormat format, RowType rowType, Row row, BinaryRow.BinaryRowFormat arrays) {
        org.apache.fluss.types.DataType[] types = BinaryInterop.fieldTypes(rowType);
        try (RowEncoder encoder = format == BinaryRowFormat.COMPACTED
                ? new CompactedRowEncoder(types)
                : new IndexedRowEncoder(types)) {
            encoder.startNewRow();
            for (int i = 0; i < types.length; i++) {
                encoder.encodeField(i, BinaryInterop.toUpstream(rowType.fields().get(i).type(), row.get(i), arrays));
            }
            return BinaryInterop.bytesOf(encoder.finishRow());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The official row view of bytes. */
    static BinaryRow officialRow(BinaryRowFormat format, RowType rowType, byte[] bytes) {
        org.apache.fluss.types.DataType[] types = BinaryInterop.fieldTypes(rowType);
        if (format == BinaryRowFormat.INDEXED) {
            return IndexedRow.from(types, bytes);
        }
        CompactedRow row = new CompactedRow(types);
        row.pointTo(MemorySegment.wrap(bytes), 0, bytes.length);
        return row;
    }
}
