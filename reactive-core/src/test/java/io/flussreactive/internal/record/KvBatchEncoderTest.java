package io.flussreactive.internal.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.row.Row;
import io.flussreactive.type.RowType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.zip.CRC32C;
import org.apache.fluss.memory.MemorySegment;
import org.apache.fluss.memory.UnmanagedPagedOutputView;
import org.apache.fluss.metadata.KvFormat;
import org.apache.fluss.metadata.SchemaGetter;
import org.apache.fluss.record.DefaultKvRecordBatch;
import org.apache.fluss.record.KvRecord;
import org.apache.fluss.record.KvRecordBatch;
import org.apache.fluss.record.KvRecordBatchBuilder;
import org.apache.fluss.record.bytesview.BytesView;
import org.apache.fluss.row.BinaryRow;
import org.apache.fluss.row.compacted.CompactedRow;
import org.apache.fluss.row.decode.RowDecoder;
import org.junit.jupiter.api.Test;

/** KV record batches: the header layout, the checksum, and byte equality with the official builder. */
class KvBatchEncoderTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    @Test
    void aBatchIsAHeaderAndLengthPrefixedKeyValueRecords() {
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        try {
            KvBatchEncoder batch = new KvBatchEncoder(out, 3);
            batch.appendUpsert(new byte[] {1}, new byte[] {0, 1});
            batch.appendDelete(new byte[] {2});
            batch.complete(7, 9);

            byte[] bytes = ByteBufUtil.getBytes(out);
            CRC32C crc = new CRC32C();
            crc.update(bytes, 9, bytes.length - 9);
            assertThat(HEX.formatHex(bytes, 0, 5)).isEqualTo("26 00 00 00 00");
            assertThat(ByteBuffer.wrap(bytes, 5, 4).order(ByteOrder.LITTLE_ENDIAN).getInt())
                    .isEqualTo((int) crc.getValue());
            assertThat(HEX.formatHex(bytes, 9, bytes.length)).isEqualTo(
                    "03 00 00 07 00 00 00 00 00 00 00 09 00 00 00 02 00 00 00"
                            + " 04 00 00 00 01 01 00 01 02 00 00 00 01 02");
            assertThat(batch.sizeInBytes()).isEqualTo(bytes.length).isEqualTo(KvBatchEncoder.HEADER_SIZE
                    + KvBatchEncoder.recordSize(1, 2) + KvBatchEncoder.recordSize(1, 0));
            assertThat(batch.recordCount()).isEqualTo(2);
        } finally {
            out.release();
        }
    }

    @Test
    void randomBatchesMatchTheOfficialBuilderAndReadBackThere() throws Exception {
        RowType rowType = BinaryRandomValues.everyTypeRow();
        org.apache.fluss.types.DataType[] types = BinaryInterop.fieldTypes(rowType);
        BinaryRandomValues values = new BinaryRandomValues(21);
        CompactedRowWriter writer = new CompactedRowWriter(rowType);

        for (int round = 0; round < 10; round++) {
            List<byte[]> keys = new ArrayList<>();
            List<byte[]> rows = new ArrayList<>();
            int count = values.random().nextInt(30);
            for (int i = 0; i < count; i++) {
                keys.add(values.bytes(1 + values.random().nextInt(200), false));
                Row row = values.row(rowType);
                rows.add(values.random().nextInt(5) == 0 ? null : writer.encode(row));
            }
            long writerId = values.random().nextBoolean() ? -1 : values.random().nextLong() & Long.MAX_VALUE;
            int sequence = values.random().nextInt(1000);

            byte[] ours = ourBatch(keys, rows, 5, writerId, sequence);
            byte[] official = officialBatch(types, keys, rows, 5, writerId, sequence);

            assertThat(HEX.formatHex(ours)).isEqualTo(HEX.formatHex(official));
            DefaultKvRecordBatch read = DefaultKvRecordBatch.pointToBytes(ours);
            assertThat(read.isValid()).isTrue();
            assertThat(read.schemaId()).isEqualTo((short) 5);
            assertThat(read.writerId()).isEqualTo(writerId);
            assertThat(read.batchSequence()).isEqualTo(sequence);
            assertThat(read.getRecordCount()).isEqualTo(count);
            Iterator<KvRecord> records = read.records(readContext(types)).iterator();
            for (int i = 0; i < count; i++) {
                KvRecord record = records.next();
                ByteBuffer key = record.getKey();
                byte[] keyBytes = new byte[key.remaining()];
                key.get(keyBytes);
                assertThat(keyBytes).isEqualTo(keys.get(i));
                assertThat(record.getRow() == null ? null : BinaryInterop.bytesOf(record.getRow())).isEqualTo(rows.get(i));
            }
        }
    }

    @Test
    void completingAgainRewritesTheWriterStateAndTheChecksum() {
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        try {
            KvBatchEncoder batch = new KvBatchEncoder(out, 1);
            batch.appendUpsert(new byte[] {1}, new byte[] {0});
            batch.complete(KvBatchEncoder.NO_WRITER_ID, KvBatchEncoder.NO_BATCH_SEQUENCE);
            batch.complete(11, 12);

            DefaultKvRecordBatch read = DefaultKvRecordBatch.pointToBytes(ByteBufUtil.getBytes(out));
            assertThat(read.isValid()).isTrue();
            assertThat(read.writerId()).isEqualTo(11);
            assertThat(read.batchSequence()).isEqualTo(12);
        } finally {
            out.release();
        }
    }

    @Test
    void invalidInputIsRejected() {
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
        try {
            assertThatThrownBy(() -> new KvBatchEncoder(out, 32768)).isInstanceOf(IllegalArgumentException.class);
            KvBatchEncoder batch = new KvBatchEncoder(out, 1);
            assertThatThrownBy(() -> batch.appendDelete(new byte[0])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> batch.appendUpsert(new byte[] {1}, new byte[0]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("delete");
            assertThat(batch.recordCount()).isZero();
        } finally {
            out.release();
        }
    }

    private static byte[] ourBatch(List<byte[]> keys, List<byte[]> rows, int schemaId, long writerId, int sequence) {
        ByteBuf out = ByteBufAllocator.DEFAULT.directBuffer();
        try {
            KvBatchEncoder batch = new KvBatchEncoder(out, schemaId);
            for (int i = 0; i < keys.size(); i++) {
                if (rows.get(i) == null) {
                    batch.appendDelete(keys.get(i));
                } else {
                    batch.appendUpsert(keys.get(i), rows.get(i));
                }
            }
            batch.complete(writerId, sequence);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private static byte[] officialBatch(org.apache.fluss.types.DataType[] types, List<byte[]> keys, List<byte[]> rows,
            int schemaId, long writerId, int sequence) throws Exception {
        KvRecordBatchBuilder builder = KvRecordBatchBuilder.builder(
                schemaId, Integer.MAX_VALUE, new UnmanagedPagedOutputView(64 * 1024), KvFormat.COMPACTED);
        builder.setWriterState(writerId, sequence);
        for (int i = 0; i < keys.size(); i++) {
            BinaryRow row = null;
            if (rows.get(i) != null) {
                CompactedRow compacted = new CompactedRow(types);
                compacted.pointTo(MemorySegment.wrap(rows.get(i)), 0, rows.get(i).length);
                row = compacted;
            }
            builder.append(keys.get(i), row);
        }
        BytesView view = builder.build();
        byte[] bytes = new byte[view.getBytesLength()];
        view.getByteBuf().getBytes(0, bytes);
        return bytes;
    }

    private static KvRecordBatch.ReadContext readContext(org.apache.fluss.types.DataType[] types) {
        RowDecoder decoder = RowDecoder.create(KvFormat.COMPACTED, types);
        return new KvRecordBatch.ReadContext() {
            @Override
            public SchemaGetter getSchemaGetter() {
                return null;
            }

            @Override
            public RowDecoder getRowDecoder(int schemaId) {
                return decoder;
            }
        };
    }
}
