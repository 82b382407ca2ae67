package io.flussreactive.internal.record;

import static io.flussreactive.internal.record.BinaryInterop.comparable;
import static io.flussreactive.internal.record.CompactedRowTest.row;
import static io.flussreactive.type.DataTypes.INT;
import static io.flussreactive.type.DataTypes.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.admin.LogFormat;
import io.flussreactive.error.CorruptRecordException;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.ChangeType;
import io.flussreactive.type.RowType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.fluss.memory.MemorySegment;
import org.apache.fluss.memory.UnmanagedPagedOutputView;
import org.apache.fluss.record.MemoryLogRecordsCompactedBuilder;
import org.apache.fluss.record.MemoryLogRecordsIndexedBuilder;
import org.apache.fluss.record.MemoryLogRecordsRowBuilder;
import org.apache.fluss.record.bytesview.BytesView;
import org.apache.fluss.row.compacted.CompactedRow;
import org.apache.fluss.row.indexed.IndexedRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** INDEXED and COMPACTED log batch bodies, held against the official batch builders. */
class RowLogBatchTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final int OFFICIAL_HEADER_SIZE = 48;

    @Test
    void eachRecordIsALengthAChangeTypeAndARow() {
        RowType type = row(INT(), STRING());
        ByteBuf body = ByteBufAllocator.DEFAULT.buffer();
        try {
            RowLogBatchEncoder encoder = new RowLogBatchEncoder(LogFormat.COMPACTED, type);

            encoder.append(ChangeType.INSERT, GenericRow.of(1, "a"), body);
            encoder.append(ChangeType.DELETE, GenericRow.of(2, null), body);

            assertThat(HEX.formatHex(ByteBufUtil.getBytes(body)))
                    .isEqualTo("05 00 00 00 01 00 01 01 61 03 00 00 00 04 02 02");
            RowLogBatch batch = new RowLogBatchDecoder(LogFormat.COMPACTED, type).decode(body, 2);
            assertThat(batch.changeTypes()).containsExactly(ChangeType.INSERT, ChangeType.DELETE);
            assertThat(batch.rows()).containsExactly(GenericRow.of(1, "a"), GenericRow.of(2, null));
            assertThat(body.readerIndex()).isZero();
        } finally {
            body.release();
        }
    }

    @ParameterizedTest
    @EnumSource(value = LogFormat.class, names = {"INDEXED", "COMPACTED"})
    void bodiesMatchTheOfficialBuilderAndDecodeBothWays(LogFormat format) throws Exception {
        RowType type = BinaryRandomValues.everyTypeRow();
        BinaryRandomValues values = new BinaryRandomValues(format.ordinal());
        List<Row> rows = new ArrayList<>();
        List<ChangeType> changeTypes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(values.row(type));
            changeTypes.add(ChangeType.values()[values.random().nextInt(ChangeType.values().length)]);
        }
        RowLogBatch batch = new RowLogBatch(changeTypes, rows);

        byte[] official = officialBatch(format, type, batch, false, LogBatchHeader.NO_WRITER_ID,
                LogBatchHeader.NO_BATCH_SEQUENCE);
        ByteBuf ours = ByteBufAllocator.DEFAULT.buffer();
        try {
            int size = new RowLogBatchEncoder(format, type).append(batch, ours);

            assertThat(size).isEqualTo(ours.readableBytes());
            assertThat(HEX.formatHex(ByteBufUtil.getBytes(ours)))
                    .isEqualTo(HEX.formatHex(Arrays.copyOfRange(official, OFFICIAL_HEADER_SIZE, official.length)));
        } finally {
            ours.release();
        }
        assertThat(Unpooled.wrappedBuffer(official).getIntLE(44)).as("record count").isEqualTo(rows.size());
        RowLogBatch decoded = new RowLogBatchDecoder(format, type)
                .decode(Unpooled.wrappedBuffer(official, OFFICIAL_HEADER_SIZE, official.length - OFFICIAL_HEADER_SIZE), rows.size());
        assertThat(decoded.changeTypes()).isEqualTo(changeTypes);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(comparable(decoded.rows().get(i))).isEqualTo(comparable(rows.get(i)));
        }
    }

    @ParameterizedTest
    @EnumSource(value = LogFormat.class, names = {"INDEXED", "COMPACTED"})
    void anAppendOnlyBatchWithItsWriterStateMatchesTheOfficialWriterByteForByte(LogFormat format) throws Exception {
        RowType type = BinaryRandomValues.everyTypeRow();
        BinaryRandomValues values = new BinaryRandomValues(10 + format.ordinal());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            rows.add(values.row(type));
        }
        RowLogBatch appends = new RowLogBatch(rows.stream().map(r -> ChangeType.APPEND_ONLY).toList(), rows);
        byte[] official = officialBatch(format, type, appends, true, 1234L, 56);

        RowLogBatchEncoder encoder = new RowLogBatchEncoder(format, type);
        ByteBuf ours = ByteBufAllocator.DEFAULT.buffer();
        try {
            ours.writeZero(LogBatchHeader.V0_HEADER_SIZE);
            for (Row row : rows) {
                ours.writeBytes(encoder.encode(ChangeType.APPEND_ONLY, row));
            }
            RowLogBatchEncoder.completeAppendOnly(ours, 0, 1, rows.size(), LogBatchHeader.NO_WRITER_ID,
                    LogBatchHeader.NO_BATCH_SEQUENCE);
            LogBatchHeader.rewriteWriterState(ours, 0, 1234L, 56);

            assertThat(HEX.formatHex(ByteBufUtil.getBytes(ours))).isEqualTo(HEX.formatHex(official));
        } finally {
            ours.release();
        }
    }

    @Test
    void aRecordEncodedAloneIsTheRecordAppendedToABody() {
        RowType type = row(INT(), STRING());
        RowLogBatchEncoder encoder = new RowLogBatchEncoder(LogFormat.INDEXED, type);
        ByteBuf body = ByteBufAllocator.DEFAULT.buffer();
        try {
            int size = encoder.append(ChangeType.APPEND_ONLY, GenericRow.of(7, "seven"), body);

            assertThat(encoder.encode(ChangeType.APPEND_ONLY, GenericRow.of(7, "seven")))
                    .hasSize(size)
                    .isEqualTo(ByteBufUtil.getBytes(body));
        } finally {
            body.release();
        }
    }

    @Test
    void bodiesThatDoNotHoldTheirRecordCountAreCorrupt() {
        RowType type = row(INT());
        ByteBuf body = ByteBufAllocator.DEFAULT.buffer();
        try {
            new RowLogBatchEncoder(LogFormat.INDEXED, type).append(ChangeType.APPEND_ONLY, GenericRow.of(1), body);
            RowLogBatchDecoder decoder = new RowLogBatchDecoder(LogFormat.INDEXED, type);

            assertThat(decoder.decode(body, 1).rows()).containsExactly(GenericRow.of(1));
            assertThatThrownBy(() -> decoder.decode(body, 2)).isInstanceOf(CorruptRecordException.class);
            assertThatThrownBy(() -> decoder.decode(body, 0))
                    .isInstanceOf(CorruptRecordException.class)
                    .hasMessageContaining("10 bytes after its 0 records");
        } finally {
            body.release();
        }
    }

    @Test
    void unknownChangeTypesAreCorrupt() {
        ByteBuf body = Unpooled.wrappedBuffer(new byte[] {2, 0, 0, 0, 9, 0});

        assertThatThrownBy(() -> new RowLogBatchDecoder(LogFormat.COMPACTED, row(INT())).decode(body, 1))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("unknown change type 9");
    }

    @Test
    void arrowIsNotARowFormat() {
        assertThatThrownBy(() -> new RowLogBatchDecoder(LogFormat.ARROW, row(INT())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RowLogBatchEncoder(LogFormat.ARROW, row(INT())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A whole batch, header included, from the official builder. */
    private static byte[] officialBatch(LogFormat format, RowType type, RowLogBatch batch, boolean appendOnly,
            long writerId, int batchSequence) throws Exception {
        BinaryRowFormat rowFormat = format == LogFormat.INDEXED ? BinaryRowFormat.INDEXED : BinaryRowFormat.COMPACTED;
        org.apache.fluss.types.DataType[] types = BinaryInterop.fieldTypes(type);
        UnmanagedPagedOutputView output = new UnmanagedPagedOutputView(64 * 1024);
        MemoryLogRecordsRowBuilder<?> builder = format == LogFormat.INDEXED
                ? MemoryLogRecordsIndexedBuilder.builder(1, Integer.MAX_VALUE, output, appendOnly)
                : MemoryLogRecordsCompactedBuilder.builder(1, Integer.MAX_VALUE, output, appendOnly);
        builder.setWriterState(writerId, batchSequence);
        for (int i = 0; i < batch.size(); i++) {
            byte[] row = BinaryRowInteropTest.officialBytes(rowFormat, type, batch.rows().get(i));
            org.apache.fluss.record.ChangeType changeType =
                    org.apache.fluss.record.ChangeType.fromByteValue(batch.changeTypes().get(i).toByteValue());
            if (format == LogFormat.INDEXED) {
                ((MemoryLogRecordsIndexedBuilder) builder).append(changeType, IndexedRow.from(types, row));
            } else {
                CompactedRow compacted = new CompactedRow(types);
                compacted.pointTo(MemorySegment.wrap(row), 0, row.length);
                ((MemoryLogRecordsCompactedBuilder) builder).append(changeType, compacted);
            }
        }
        BytesView view = builder.build();
        byte[] bytes = new byte[view.getBytesLength()];
        view.getByteBuf().getBytes(0, bytes);
        return bytes;
    }
}
