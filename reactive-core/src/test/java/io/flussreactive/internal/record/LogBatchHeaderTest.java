package io.flussreactive.internal.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.error.CorruptRecordException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The log batch header layout, its CRC, and walking a blob of batches. */
class LogBatchHeaderTest {

    private static final long WRITER_ID = 0x0102030405060708L;

    @Test
    void v0HeaderHasTheDocumentedLittleEndianLayout() {
        ByteBuf batch = Unpooled.buffer(48);
        try {
            batch.writeZero(48);
            LogBatchHeader.writeV0(batch, 0, 48, 7, true, 0, WRITER_ID, 42);

            assertThat(hex(batch, 0, 21)).isEqualTo(
                    "0000000000000000" // base offset
                    + "24000000"       // length = 48 - 12
                    + "00"             // magic
                    + "0000000000000000"); // commit timestamp
            assertThat(hex(batch, 21, 4)).isEqualTo("00000000"); // CRC not filled yet
            assertThat(hex(batch, 25, 23)).isEqualTo(
                    "0700"             // schema id
                    + "01"             // attributes: append-only
                    + "00000000"       // last offset delta: 0 for an empty batch
                    + "0807060504030201" // writer id
                    + "2a000000"       // batch sequence
                    + "00000000");     // record count
        } finally {
            batch.release();
        }
    }

    @Test
    void lastOffsetDeltaIsRecordCountMinusOne() {
        ByteBuf batch = Unpooled.buffer(48);
        try {
            batch.writeZero(48);
            LogBatchHeader.writeV0(batch, 0, 48, 1, false, 5, -1L, -1);

            assertThat(hex(batch, 27, 5)).isEqualTo("00" + "04000000");
            LogBatchHeader header = LogBatchHeader.read(batch, 0);
            assertThat(header.recordCount()).isEqualTo(5);
            assertThat(header.lastOffsetDelta()).isEqualTo(4);
            assertThat(header.appendOnly()).isFalse();
            assertThat(header.writerId()).isEqualTo(LogBatchHeader.NO_WRITER_ID);
            assertThat(header.batchSequence()).isEqualTo(LogBatchHeader.NO_BATCH_SEQUENCE);
        } finally {
            batch.release();
        }
    }

    @Test
    void crcIsCrc32cOfTheStandardCheckString() {
        // The check value of CRC-32C (Castagnoli) for "123456789".
        ByteBuf heap = Unpooled.wrappedBuffer("123456789".getBytes(StandardCharsets.US_ASCII));
        ByteBuf direct = Unpooled.directBuffer(9).writeBytes("123456789".getBytes(StandardCharsets.US_ASCII));
        try {
            assertThat(LogBatchChecksum.crc32c(heap, 0, 9)).isEqualTo(0xE3069283L);
            assertThat(LogBatchChecksum.crc32c(direct, 0, 9)).isEqualTo(0xE3069283L);
        } finally {
            heap.release();
            direct.release();
        }
    }

    @Test
    void crcCoversSchemaIdToTheEndAndIsStoredLittleEndian() {
        ByteBuf batch = headerOnlyBatch(0);
        try {
            long expected = bitwiseCrc32c(ByteBufUtil.getBytes(batch, 25, 23));

            assertThat(batch.getUnsignedIntLE(21)).isEqualTo(expected);
            assertThat(LogBatchHeader.read(batch, 0).crc()).isEqualTo(expected);
            assertThat(LogBatchChecksum.isValid(batch, 0)).isTrue();
        } finally {
            batch.release();
        }
    }

    @Test
    void aFlippedByteInTheCoveredRangeFailsTheCrc() {
        for (int position = 25; position < 48; position++) {
            ByteBuf batch = headerOnlyBatch(0);
            try {
                batch.setByte(position, batch.getByte(position) ^ 0x10);
                assertThat(LogBatchChecksum.isValid(batch, 0)).as("byte %d flipped", position).isFalse();
            } finally {
                batch.release();
            }
        }
    }

    @Test
    void fieldsTheServerRewritesAreOutsideTheCrc() {
        ByteBuf batch = headerOnlyBatch(0);
        try {
            batch.setLongLE(0, 1234L); // base offset
            batch.setLongLE(13, 1_700_000_000_000L); // commit timestamp

            assertThat(LogBatchChecksum.isValid(batch, 0)).isTrue();
            LogBatchHeader header = LogBatchHeader.read(batch, 0);
            assertThat(header.baseOffset()).isEqualTo(1234L);
            assertThat(header.commitTimestamp()).isEqualTo(1_700_000_000_000L);
            assertThat(header.lastOffset()).isEqualTo(1234L);
            assertThat(header.nextOffset()).isEqualTo(1235L);
        } finally {
            batch.release();
        }
    }

    @Test
    void rewritingWriterStateUpdatesTheFieldsAndTheCrc() {
        ByteBuf batch = headerOnlyBatch(0);
        ByteBuf expected = Unpooled.buffer(48).writeZero(48);
        try {
            LogBatchHeader.rewriteWriterState(batch, 0, 99L, 7);

            LogBatchHeader.writeV0(expected, 0, 48, 7, true, 0, 99L, 7);
            LogBatchChecksum.refresh(expected, 0);
            assertThat(hex(batch, 0, 48)).isEqualTo(hex(expected, 0, 48));
            assertThat(LogBatchChecksum.isValid(batch, 0)).isTrue();
        } finally {
            batch.release();
            expected.release();
        }
    }

    @Test
    void v1HeaderIsReadWithItsLeaderEpochAndShiftedFields() {
        ByteBuf batch = Unpooled.buffer(52);
        try {
            batch.writeLongLE(10L);          // base offset
            batch.writeIntLE(52 - 12);       // length
            batch.writeByte(1);              // magic
            batch.writeLongLE(555L);         // commit timestamp
            batch.writeIntLE(3);             // leader epoch
            batch.writeIntLE(0);             // CRC, filled below
            batch.writeShortLE(9);           // schema id
            batch.writeByte(0);              // attributes
            batch.writeIntLE(0);             // last offset delta
            batch.writeLongLE(WRITER_ID);    // writer id
            batch.writeIntLE(11);            // batch sequence
            batch.writeIntLE(0);             // record count
            LogBatchChecksum.refresh(batch, 0);

            LogBatchHeader header = LogBatchHeader.read(batch, 0);
            assertThat(header.magic()).isEqualTo(LogBatchHeader.MAGIC_V1);
            assertThat(header.headerSize()).isEqualTo(LogBatchHeader.V1_HEADER_SIZE);
            assertThat(header.baseOffset()).isEqualTo(10L);
            assertThat(header.commitTimestamp()).isEqualTo(555L);
            assertThat(header.leaderEpoch()).isEqualTo(3);
            assertThat(header.schemaId()).isEqualTo((short) 9);
            assertThat(header.writerId()).isEqualTo(WRITER_ID);
            assertThat(header.batchSequence()).isEqualTo(11);
            assertThat(header.recordCount()).isZero();
            assertThat(header.crc()).isEqualTo(bitwiseCrc32c(ByteBufUtil.getBytes(batch, 29, 23)));
            assertThat(LogBatchChecksum.isValid(batch, 0)).isTrue();
        } finally {
            batch.release();
        }
    }

    @Test
    void v0HeaderReportsNoLeaderEpoch() {
        ByteBuf batch = headerOnlyBatch(0);
        try {
            LogBatchHeader header = LogBatchHeader.read(batch, 0);
            assertThat(header.leaderEpoch()).isEqualTo(LogBatchHeader.NO_LEADER_EPOCH);
            assertThat(header.headerSize()).isEqualTo(48);
            assertThat(header.batchSize()).isEqualTo(48);
        } finally {
            batch.release();
        }
    }

    @Test
    void invalidHeadersAreReportedAsCorrupt() {
        ByteBuf batch = headerOnlyBatch(0);
        try {
            batch.setByte(12, 2);
            assertThatThrownBy(() -> LogBatchHeader.read(batch, 0))
                    .isInstanceOf(CorruptRecordException.class).hasMessageContaining("magic 2");
            batch.setByte(12, 0);
            batch.setIntLE(8, 20);
            assertThatThrownBy(() -> LogBatchHeader.read(batch, 0))
                    .isInstanceOf(CorruptRecordException.class).hasMessageContaining("length 20");
            assertThatThrownBy(() -> LogBatchHeader.read(batch.slice(0, 40), 0))
                    .isInstanceOf(CorruptRecordException.class).hasMessageContaining("cut short");
        } finally {
            batch.release();
        }
    }

    @Test
    void schemaIdMustFitSixteenBits() {
        ByteBuf batch = Unpooled.buffer(48).writeZero(48);
        try {
            assertThatThrownBy(() -> LogBatchHeader.writeV0(batch, 0, 48, 32768, true, 0, -1, -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32768");
        } finally {
            batch.release();
        }
    }

    @Test
    void walkingABlobReturnsTheCompleteBatchesAndIgnoresAPartialOne() {
        ByteBuf blob = Unpooled.buffer();
        try {
            for (int i = 0; i < 3; i++) {
                ByteBuf batch = headerOnlyBatch(i);
                batch.setLongLE(0, 100L + i);
                blob.writeBytes(batch);
                batch.release();
            }
            ByteBuf partial = headerOnlyBatch(3);
            blob.writeBytes(partial, 0, 30);
            partial.release();
            blob.readerIndex(0);

            LogBatchIterator batches = new LogBatchIterator(blob);
            List<Long> offsets = new ArrayList<>();
            while (batches.hasNext()) {
                LogBatchSlice slice = batches.next();
                offsets.add(slice.header().baseOffset());
                assertThat(slice.bytes().readableBytes()).isEqualTo(48);
                assertThat(LogBatchChecksum.isValid(slice.bytes(), 0)).isTrue();
            }

            assertThat(offsets).containsExactly(100L, 101L, 102L);
            assertThat(batches.bytesWalked()).isEqualTo(3 * 48);
            assertThat(blob.readerIndex()).isZero();
        } finally {
            blob.release();
        }
    }

    @Test
    void aBlobShorterThanALengthFieldHasNoBatch() {
        ByteBuf blob = Unpooled.buffer().writeZero(11);
        try {
            assertThat(new LogBatchIterator(blob).hasNext()).isFalse();
        } finally {
            blob.release();
        }
    }

    @Test
    void aNegativeLengthInABlobIsCorruption() {
        ByteBuf blob = headerOnlyBatch(0);
        try {
            blob.setIntLE(8, -5);
            LogBatchIterator batches = new LogBatchIterator(blob);
            assertThat(batches.hasNext()).isTrue();
            assertThatThrownBy(batches::next).isInstanceOf(CorruptRecordException.class);
        } finally {
            blob.release();
        }
    }

    private static ByteBuf headerOnlyBatch(int batchSequence) {
        ByteBuf batch = Unpooled.buffer(48).writeZero(48);
        LogBatchHeader.writeV0(batch, 0, 48, 7, true, 0, WRITER_ID, batchSequence);
        LogBatchChecksum.refresh(batch, 0);
        return batch;
    }

    private static String hex(ByteBuf buffer, int index, int length) {
        return HexFormat.of().formatHex(ByteBufUtil.getBytes(buffer, index, length));
    }

    /** CRC-32C bit by bit from the reflected Castagnoli polynomial, independent of java.util.zip. */
    private static long bitwiseCrc32c(byte[] bytes) {
        int crc = 0xFFFFFFFF;
        for (byte b : bytes) {
            crc ^= b & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc >>> 1) ^ (0x82F63B78 & -(crc & 1));
            }
        }
        return ~crc & 0xFFFFFFFFL;
    }
}
