package io.flussreactive.internal.record;

import static io.flussreactive.internal.record.ArrowTestData.comparable;
import static io.flussreactive.type.DataTypes.ARRAY;
import static io.flussreactive.type.DataTypes.BIGINT;
import static io.flussreactive.type.DataTypes.DECIMAL;
import static io.flussreactive.type.DataTypes.FIELD;
import static io.flussreactive.type.DataTypes.INT;
import static io.flussreactive.type.DataTypes.MAP;
import static io.flussreactive.type.DataTypes.ROW;
import static io.flussreactive.type.DataTypes.STRING;
import static io.flussreactive.type.DataTypes.TIME;
import static io.flussreactive.type.DataTypes.TIMESTAMP;
import static io.flussreactive.type.DataTypes.TIMESTAMP_LTZ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.admin.ArrowCompression;
import io.flussreactive.error.CorruptRecordException;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.ChangeType;
import io.flussreactive.type.RowType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Encoding rows into ARROW log batches and decoding them back, and what the decoder rejects. */
class ArrowLogBatchCodecTest {

    private final ArrowBatchFixture fixture = new ArrowBatchFixture();

    @AfterEach
    void allArrowMemoryIsReleased() {
        fixture.close();
    }

    @ParameterizedTest
    @EnumSource(ArrowCompression.class)
    void everyTypeRoundTripsWithEachCompression(ArrowCompression compression) {
        RowType rowType = ArrowTestData.everyType();
        List<Row> rows = new ArrowTestData.Values(42, false).rows(rowType, 300);

        ByteBuf batch = fixture.encode(rowType, rows, compression);
        try {
            assertThat(LogBatchChecksum.isValid(batch, 0)).isTrue();
            try (DecodedArrowBatch decoded = ArrowLogBatchDecoder.forAllColumns(rowType)
                    .decode(batch, fixture.allocator())) {
                LogBatchHeader header = decoded.header();
                assertThat(header.magic()).isEqualTo(LogBatchHeader.MAGIC_V0);
                assertThat(header.batchSize()).isEqualTo(batch.readableBytes());
                assertThat(header.recordCount()).isEqualTo(300);
                assertThat(header.lastOffsetDelta()).isEqualTo(299);
                assertThat(header.schemaId()).isEqualTo((short) ArrowBatchFixture.SCHEMA_ID);
                assertThat(header.writerId()).isEqualTo(ArrowBatchFixture.WRITER_ID);
                assertThat(header.batchSequence()).isEqualTo(ArrowBatchFixture.BATCH_SEQUENCE);
                assertThat(header.appendOnly()).isTrue();
                assertThat(decoded.changeType(0)).isEqualTo(ChangeType.APPEND_ONLY);
                assertThat(decoded.changeType(299)).isEqualTo(ChangeType.APPEND_ONLY);
                assertThat(comparable(ArrowBatchFixture.rows(decoded))).isEqualTo(comparable(rows));
            }
        } finally {
            batch.release();
        }
    }

    @Test
    void theIpcMessageFollowsTheHeaderWithAContinuationMarkerAndAlignedBody() {
        RowType rowType = ROW(FIELD("id", INT()), FIELD("name", STRING()));
        ByteBuf batch = fixture.encode(rowType, List.of(GenericRow.of(1, "a"), GenericRow.of(2, null)),
                ArrowCompression.NONE);
        try {
            assertThat(batch.getIntLE(48)).isEqualTo(-1);
            int metadataLength = batch.getIntLE(52);
            assertThat((8 + metadataLength) % 8).isZero();
            Message message = Message.getRootAsMessage(
                    batch.nioBuffer(56, metadataLength).order(ByteOrder.LITTLE_ENDIAN));
            assertThat(message.bodyLength() % 8).isZero();
            // Nothing follows the body: no end-of-stream marker.
            assertThat(48 + 8 + metadataLength + message.bodyLength()).isEqualTo(batch.readableBytes());
            RecordBatch recordBatch = (RecordBatch) message.header(new RecordBatch());
            assertThat(recordBatch.length()).isEqualTo(2);
            assertThat(recordBatch.compression()).isNull();
        } finally {
            batch.release();
        }
    }

    @Test
    void changeTypesTravelInTheChangeTypeVector() {
        RowType rowType = ROW(FIELD("id", INT()), FIELD("name", STRING()));
        List<Row> rows = List.of(GenericRow.of(1, "a"), GenericRow.of(1, "a"), GenericRow.of(1, "b"),
                GenericRow.of(2, "c"), GenericRow.of(2, "c"));
        ChangeType[] changeTypes = {ChangeType.INSERT, ChangeType.UPDATE_BEFORE, ChangeType.UPDATE_AFTER,
                ChangeType.INSERT, ChangeType.DELETE};

        ByteBuf batch = fixture.encode(rowType, rows, ArrowCompression.ZSTD, changeTypes);
        try {
            assertThat(batch.getByte(27)).isZero();
            byte[] vector = new byte[5];
            batch.getBytes(48, vector);
            assertThat(vector).containsExactly(1, 2, 3, 1, 4);
            assertThat(batch.getIntLE(53)).isEqualTo(-1);
            try (DecodedArrowBatch decoded = ArrowLogBatchDecoder.forAllColumns(rowType)
                    .decode(batch, fixture.allocator())) {
                assertThat(decoded.header().appendOnly()).isFalse();
                List<ChangeType> decodedTypes = new ArrayList<>();
                for (int i = 0; i < decoded.rowCount(); i++) {
                    decodedTypes.add(decoded.changeType(i));
                }
                assertThat(decodedTypes).containsExactly(changeTypes);
                assertThat(comparable(ArrowBatchFixture.rows(decoded))).isEqualTo(comparable(rows));
            }
        } finally {
            batch.release();
        }
    }

    @Test
    void aBatchWithoutRowsIsHeaderOnlyAndStillTakesAnOffset() {
        RowType rowType = ROW(FIELD("id", INT()));
        ByteBuf batch = fixture.encode(rowType, List.of(), ArrowCompression.ZSTD);
        try {
            assertThat(batch.readableBytes()).isEqualTo(48);
            batch.setLongLE(0, 500L);
            try (DecodedArrowBatch decoded = ArrowLogBatchDecoder.forAllColumns(rowType)
                    .decode(batch, fixture.allocator())) {
                assertThat(decoded.rowCount()).isZero();
                assertThat(decoded.header().lastOffset()).isEqualTo(500L);
                assertThat(decoded.header().nextOffset()).isEqualTo(501L);
            }
        } finally {
            batch.release();
        }
    }

    @Test
    void nullsAtEveryLevelRoundTrip() {
        RowType rowType = ROW(
                FIELD("text", STRING()),
                FIELD("ints", ARRAY(INT())),
                FIELD("map", MAP(STRING(), ARRAY(BIGINT()))),
                FIELD("row", ROW(FIELD("a", INT().notNull()), FIELD("b", ARRAY(STRING())),
                        FIELD("c", MAP(INT(), STRING())))));
        Map<Object, Object> mapWithNulls = new LinkedHashMap<>();
        mapWithNulls.put("null value", null);
        mapWithNulls.put("null element", Arrays.asList(1L, null, 3L));
        mapWithNulls.put("empty", List.of());
        List<Row> rows = List.of(
                GenericRow.of(null, null, null, null),
                GenericRow.of("x", Arrays.asList(null, null), mapWithNulls,
                        GenericRow.of(1, Arrays.asList("a", null), Collections.singletonMap(2, null))),
                GenericRow.of(null, List.of(), Map.of(), GenericRow.of(2, null, null)),
                GenericRow.of("", Arrays.asList(7, null, 8), null, null));

        ByteBuf batch = fixture.encode(rowType, rows, ArrowCompression.LZ4_FRAME);
        try {
            assertThat(comparable(fixture.decode(rowType, batch))).isEqualTo(comparable(rows));
        } finally {
            batch.release();
        }
    }

    @Test
    void timestampsBefore1970KeepTheirSubMillisecondDigits() {
        RowType rowType = ROW(FIELD("ts3", TIMESTAMP(3)), FIELD("ts6", TIMESTAMP(6)), FIELD("ts9", TIMESTAMP(9)),
                FIELD("ltz3", TIMESTAMP_LTZ(3)), FIELD("ltz6", TIMESTAMP_LTZ(6)), FIELD("ltz9", TIMESTAMP_LTZ(9)));
        List<Row> rows = List.of(
                GenericRow.of(
                        LocalDateTime.parse("1969-12-31T23:59:59.999"),
                        LocalDateTime.parse("1969-12-31T23:59:59.999999"),
                        LocalDateTime.parse("1969-12-31T23:59:59.999999999"),
                        Instant.parse("1969-12-31T23:59:59.001Z"),
                        Instant.parse("1900-01-01T00:00:00.000001Z"),
                        Instant.parse("1969-12-31T23:59:59.000000001Z")),
                GenericRow.of(
                        LocalDateTime.parse("1583-10-15T12:34:56.789"),
                        LocalDateTime.parse("1950-06-01T00:00:00.000123"),
                        LocalDateTime.parse("1969-01-01T00:00:00.123456789"),
                        Instant.parse("1970-01-01T00:00:00Z"),
                        Instant.parse("1969-12-31T23:59:59.500001Z"),
                        Instant.parse("2262-04-11T23:47:16.854775807Z")));

        ByteBuf batch = fixture.encode(rowType, rows, ArrowCompression.NONE);
        try {
            assertThat(comparable(fixture.decode(rowType, batch))).isEqualTo(comparable(rows));
        } finally {
            batch.release();
        }
    }

    @Test
    void valuesFinerThanTheUnitAreTruncatedAsTheOfficialWriterDoes() {
        RowType rowType = ROW(FIELD("ts0", TIMESTAMP(0)), FIELD("ts3", TIMESTAMP(3)), FIELD("ltz6", TIMESTAMP_LTZ(6)),
                FIELD("time0", TIME(0)), FIELD("time9", TIME(9)));
        Row row = GenericRow.of(
                // -1500 ms: the seconds are a truncating division, so this lands on -1 s.
                LocalDateTime.parse("1969-12-31T23:59:58.500"),
                LocalDateTime.parse("2024-05-06T07:08:09.123456789"),
                Instant.parse("1969-12-31T23:59:59.123456789Z"),
                LocalTime.parse("10:11:12.999"),
                LocalTime.parse("10:11:12.123456789"));

        ByteBuf batch = fixture.encode(rowType, List.of(row), ArrowCompression.NONE);
        try {
            Row decoded = fixture.decode(rowType, batch).get(0);
            assertThat(decoded.get(0)).isEqualTo(LocalDateTime.parse("1969-12-31T23:59:59"));
            assertThat(decoded.get(1)).isEqualTo(LocalDateTime.parse("2024-05-06T07:08:09.123"));
            assertThat(decoded.get(2)).isEqualTo(Instant.parse("1969-12-31T23:59:59.123456Z"));
            assertThat(decoded.get(3)).isEqualTo(LocalTime.parse("10:11:12"));
            assertThat(decoded.get(4)).isEqualTo(LocalTime.parse("10:11:12.123"));
        } finally {
            batch.release();
        }
    }

    @Test
    void decimalsAreRoundedHalfUpToTheColumnScale() {
        RowType rowType = ROW(FIELD("d", DECIMAL(5, 2)), FIELD("wide", DECIMAL(38, 2)));
        List<Row> rows = List.of(
                GenericRow.of(new BigDecimal("1.5"), new BigDecimal("12345678901234567890123456789012345.675")),
                GenericRow.of(new BigDecimal("-1.005"), new BigDecimal("1E+3")));

        ByteBuf batch = fixture.encode(rowType, rows, ArrowCompression.NONE);
        try {
            List<Row> decoded = fixture.decode(rowType, batch);
            assertThat(decoded.get(0).get(0)).isEqualTo(new BigDecimal("1.50"));
            assertThat(decoded.get(0).get(1)).isEqualTo(new BigDecimal("12345678901234567890123456789012345.68"));
            assertThat(decoded.get(1).get(0)).isEqualTo(new BigDecimal("-1.01"));
            assertThat(decoded.get(1).get(1)).isEqualTo(new BigDecimal("1000.00"));
        } finally {
            batch.release();
        }
    }

    @Test
    void stringsAreUtf8AndAnUnpairedSurrogateBecomesAQuestionMark() {
        RowType rowType = ROW(FIELD("s", STRING()));
        String mixed = "aé€😀中\u0000z";
        List<Row> rows = List.of(GenericRow.of(mixed), GenericRow.of("x\uD800y"));

        ByteBuf batch = fixture.encode(rowType, rows, ArrowCompression.NONE);
        try {
            List<Row> decoded = fixture.decode(rowType, batch);
            assertThat(decoded.get(0).get(0)).isEqualTo(mixed);
            assertThat(decoded.get(1).get(0)).isEqualTo("x?y");
        } finally {
            batch.release();
        }
    }

    @ParameterizedTest
    @EnumSource(ArrowCompression.class)
    void largeValuesAndManyRowsGrowTheVectors(ArrowCompression compression) {
        RowType rowType = ROW(FIELD("id", BIGINT().notNull()), FIELD("text", STRING()), FIELD("tags", ARRAY(STRING())));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            // Every 500th value is long; one is too long for the writer's reusable encoding array.
            String text = i % 500 == 0 ? "row " + i + " " + (i == 2500 ? "é€".repeat(20_000) : "x".repeat(8000))
                    : "row " + i;
            rows.add(GenericRow.of((long) i, text, List.of("t" + i, "u" + (i % 7), "v")));
        }

        ByteBuf batch = fixture.encode(rowType, rows, compression);
        try {
            assertThat(comparable(fixture.decode(rowType, batch))).isEqualTo(comparable(rows));
        } finally {
            batch.release();
        }
    }

    @Test
    void aWriterIsReusedForTheNextBatchAfterReset() {
        RowType rowType = ROW(FIELD("id", INT()), FIELD("tags", ARRAY(STRING())), FIELD("m", MAP(INT(), STRING())));
        List<Row> first = new ArrowTestData.Values(1, false).rows(rowType, 50);
        List<Row> second = new ArrowTestData.Values(2, false).rows(rowType, 20);
        ArrowLogBatchEncoder encoder = new ArrowLogBatchEncoder(ArrowCompression.ZSTD, 3);

        try (VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrowSchema(rowType), fixture.allocator())) {
            ArrowRowWriter writer = new ArrowRowWriter(rowType, root);
            first.forEach(writer::append);
            ByteBuf firstBatch = encoder.encodeAppendOnly(ByteBufAllocator.DEFAULT, writer.finish(), 1, -1, -1);
            writer.reset();
            assertThat(writer.rowCount()).isZero();
            second.forEach(writer::append);
            ByteBuf secondBatch = encoder.encodeAppendOnly(ByteBufAllocator.DEFAULT, writer.finish(), 1, -1, -1);
            try {
                assertThat(comparable(fixture.decode(rowType, firstBatch))).isEqualTo(comparable(first));
                assertThat(comparable(fixture.decode(rowType, secondBatch))).isEqualTo(comparable(second));
            } finally {
                firstBatch.release();
                secondBatch.release();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ArrowCompression.class, names = {"ZSTD", "LZ4_FRAME"})
    void anEncodingThatRunsOutOfArrowMemoryReleasesWhatItTook(ArrowCompression compression) {
        RowType rowType = ROW(FIELD("id", INT()), FIELD("text", STRING()));
        try (BufferAllocator limited = fixture.allocator().newChildAllocator("limited", 0, Long.MAX_VALUE);
                VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrowSchema(rowType), limited)) {
            ArrowRowWriter writer = new ArrowRowWriter(rowType, root);
            for (int i = 0; i < 3000; i++) {
                writer.append(GenericRow.of(i, "value " + i));
            }
            writer.finish();
            // Room for a few small compressed buffers, not for the large ones.
            limited.setLimit(limited.getAllocatedMemory() + 4096);
            ArrowLogBatchEncoder encoder = new ArrowLogBatchEncoder(compression, 3);

            assertThatThrownBy(() -> encoder.encodeAppendOnly(ByteBufAllocator.DEFAULT, root, 1, -1, -1))
                    .isInstanceOf(OutOfMemoryException.class);

            long vectorsOnly = limited.getAllocatedMemory();
            writer.reset();
            root.clear();
            assertThat(limited.getAllocatedMemory()).as("after %d bytes of vectors", vectorsOnly).isZero();
        }
    }

    @Test
    void magicOneBatchesAreDecoded() {
        RowType rowType = ROW(FIELD("id", INT()), FIELD("name", STRING()));
        List<Row> rows = List.of(GenericRow.of(1, "a"), GenericRow.of(2, "b"));
        ByteBuf v0 = fixture.encode(rowType, rows, ArrowCompression.ZSTD, new ChangeType[] {
                ChangeType.INSERT, ChangeType.DELETE});
        ByteBuf v1 = Unpooled.buffer(v0.readableBytes() + 4);
        try {
            // Magic 1 adds a leader epoch after the commit timestamp.
            v1.writeBytes(v0, 0, 21).writeIntLE(9).writeBytes(v0, 21, v0.readableBytes() - 21);
            v1.setIntLE(8, v1.readableBytes() - 12);
            v1.setByte(12, 1);
            LogBatchChecksum.refresh(v1, 0);

            try (DecodedArrowBatch decoded = ArrowLogBatchDecoder.forAllColumns(rowType).decode(v1, fixture.allocator())) {
                assertThat(decoded.header().leaderEpoch()).isEqualTo(9);
                assertThat(decoded.changeType(1)).isEqualTo(ChangeType.DELETE);
                assertThat(comparable(ArrowBatchFixture.rows(decoded))).isEqualTo(comparable(rows));
            }
        } finally {
            v0.release();
            v1.release();
        }
    }

    @Test
    void rewritingTheWriterStateKeepsTheBatchValid() {
        RowType rowType = ROW(FIELD("id", INT()));
        List<Row> rows = List.of(GenericRow.of(1), GenericRow.of(2));
        ByteBuf batch = fixture.encode(rowType, rows, ArrowCompression.ZSTD);
        try {
            LogBatchHeader.rewriteWriterState(batch, 0, 123L, 45);

            try (DecodedArrowBatch decoded = ArrowLogBatchDecoder.forAllColumns(rowType).decode(batch, fixture.allocator())) {
                assertThat(decoded.header().writerId()).isEqualTo(123L);
                assertThat(decoded.header().batchSequence()).isEqualTo(45);
            }
        } finally {
            batch.release();
        }
    }

    @Test
    void aFlippedByteFailsTheCrcUnlessTheBatchIsProjected() {
        RowType rowType = ROW(FIELD("id", INT()), FIELD("name", STRING()));
        List<Row> rows = List.of(GenericRow.of(1, "abc"));
        ByteBuf batch = fixture.encode(rowType, rows, ArrowCompression.NONE);
        try {
            // The last byte of the body is padding, so the data still decodes.
            int last = batch.writerIndex() - 1;
            batch.setByte(last, batch.getByte(last) ^ 0x01);

            assertThatThrownBy(() -> ArrowLogBatchDecoder.forAllColumns(rowType).decode(batch, fixture.allocator()))
                    .isInstanceOf(CorruptRecordException.class).hasMessageContaining("CRC");
            assertThat(comparable(fixture.decode(new ArrowLogBatchDecoder(rowType, false), batch)))
                    .isEqualTo(comparable(rows));
        } finally {
            batch.release();
        }
    }

    @Test
    void aBatchCutShortIsCorrupt() {
        RowType rowType = ROW(FIELD("id", INT()));
        ByteBuf batch = fixture.encode(rowType, List.of(GenericRow.of(1)), ArrowCompression.NONE);
        try {
            ByteBuf cut = batch.slice(0, batch.readableBytes() - 1);
            assertThatThrownBy(() -> ArrowLogBatchDecoder.forAllColumns(rowType).decode(cut, fixture.allocator()))
                    .isInstanceOf(CorruptRecordException.class).hasMessageContaining("cut short");
        } finally {
            batch.release();
        }
    }

    @ParameterizedTest
    @EnumSource(ArrowCompression.class)
    void aBodyShorterThanItsMetadataSaysIsCorruptAndAllocatesNothing(ArrowCompression compression) {
        RowType rowType = ROW(FIELD("id", INT()), FIELD("name", STRING()));
        ByteBuf batch = fixture.encode(rowType, List.of(GenericRow.of(1, "abc"), GenericRow.of(2, "d")), compression);
        try {
            // Drop the last 8 bytes and make the header and CRC agree with what is left.
            ByteBuf truncated = batch.slice(0, batch.readableBytes() - 8);
            truncated.setIntLE(8, truncated.readableBytes() - 12);
            LogBatchChecksum.refresh(truncated, 0);

            assertThatThrownBy(() -> ArrowLogBatchDecoder.forAllColumns(rowType)
                    .decode(truncated, fixture.allocator()))
                    .isInstanceOf(CorruptRecordException.class).hasMessageContaining("body");
            assertThat(fixture.allocator().getAllocatedMemory()).isZero();
        } finally {
            batch.release();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ArrowCompression.class, names = {"ZSTD", "LZ4_FRAME"})
    void aCorruptCompressedBufferFailsAfterEarlierBuffersWereDecompressed(ArrowCompression compression) {
        RowType rowType = ROW(FIELD("a", STRING()), FIELD("b", STRING()));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            rows.add(GenericRow.of("first column value " + i % 10, "second column value " + i % 10));
        }
        ByteBuf batch = fixture.encode(rowType, rows, compression);
        try {
            // Garble the compressed frame of the last compressed buffer (column b's characters).
            int metadataLength = batch.getIntLE(52);
            ByteBuffer metadata = batch.nioBuffer(56, metadataLength).order(ByteOrder.LITTLE_ENDIAN);
            RecordBatch recordBatch = (RecordBatch) Message.getRootAsMessage(metadata).header(new RecordBatch());
            int bodyStart = 56 + metadataLength;
            Buffer last = recordBatch.buffers(recordBatch.buffersLength() - 1);
            int frame = bodyStart + (int) last.offset();
            assertThat(batch.getLongLE(frame)).as("the buffer is compressed").isPositive();
            for (int i = 12; i < last.length(); i++) {
                batch.setByte(frame + i, 0x5A);
            }
            LogBatchChecksum.refresh(batch, 0);

            assertThatThrownBy(() -> ArrowLogBatchDecoder.forAllColumns(rowType).decode(batch, fixture.allocator()))
                    .isInstanceOf(CorruptRecordException.class);
            assertThat(fixture.allocator().getAllocatedMemory()).isZero();
        } finally {
            batch.release();
        }
    }

    @Test
    void aBatchOfAnotherSchemaIsCorruptAndAllocatesNothing() {
        RowType written = ROW(FIELD("id", INT()), FIELD("name", STRING()));
        RowType expected = ROW(FIELD("id", INT()), FIELD("name", STRING()), FIELD("extra", BIGINT()));
        ByteBuf batch = fixture.encode(written, List.of(GenericRow.of(1, "a")), ArrowCompression.ZSTD);
        try {
            assertThatThrownBy(() -> ArrowLogBatchDecoder.forAllColumns(expected).decode(batch, fixture.allocator()))
                    .isInstanceOf(CorruptRecordException.class);
            assertThat(fixture.allocator().getAllocatedMemory()).isZero();
        } finally {
            batch.release();
        }
    }

    @Test
    void garbageInsteadOfArrowMetadataIsCorrupt() {
        RowType rowType = ROW(FIELD("id", INT()));
        ByteBuf batch = fixture.encode(rowType, List.of(GenericRow.of(1)), ArrowCompression.NONE);
        try {
            for (int i = 56; i < batch.writerIndex(); i++) {
                batch.setByte(i, 0x7F);
            }
            LogBatchChecksum.refresh(batch, 0);

            assertThatThrownBy(() -> ArrowLogBatchDecoder.forAllColumns(rowType).decode(batch, fixture.allocator()))
                    .isInstanceOf(CorruptRecordException.class);
            assertThat(fixture.allocator().getAllocatedMemory()).isZero();
        } finally {
            batch.release();
        }
    }

    @Test
    void anUnknownChangeTypeIsCorrupt() {
        RowType rowType = ROW(FIELD("id", INT()));
        ByteBuf batch = fixture.encode(rowType, List.of(GenericRow.of(1)), ArrowCompression.NONE,
                new ChangeType[] {ChangeType.INSERT});
        try {
            batch.setByte(48, 9);
            LogBatchChecksum.refresh(batch, 0);

            assertThatThrownBy(() -> ArrowLogBatchDecoder.forAllColumns(rowType).decode(batch, fixture.allocator()))
                    .isInstanceOf(CorruptRecordException.class).hasMessageContaining("change type 9");
        } finally {
            batch.release();
        }
    }
}
