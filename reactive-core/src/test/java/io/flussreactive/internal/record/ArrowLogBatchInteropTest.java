package io.flussreactive.internal.record;

import static io.flussreactive.internal.record.ArrowTestData.comparable;
import static io.flussreactive.type.DataTypes.FIELD;
import static io.flussreactive.type.DataTypes.INT;
import static io.flussreactive.type.DataTypes.ROW;
import static io.flussreactive.type.DataTypes.STRING;
import static io.flussreactive.type.DataTypes.TIMESTAMP;
import static io.flussreactive.type.DataTypes.TIMESTAMP_LTZ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.admin.ArrowCompression;
import io.flussreactive.internal.record.OfficialArrowBatches.OfficialRecord;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.ChangeType;
import io.flussreactive.type.RowType;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.fluss.compression.ArrowCompressionInfo;
import org.apache.fluss.compression.ArrowCompressionType;
import org.apache.fluss.metadata.Schema;
import org.apache.fluss.metadata.SchemaGetter;
import org.apache.fluss.metadata.SchemaInfo;
import org.apache.fluss.record.BytesViewLogRecords;
import org.apache.fluss.record.FileLogProjection;
import org.apache.fluss.record.ProjectionPushdownCache;
import org.apache.fluss.shaded.netty4.io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Byte-level interoperability with the official client 0.9.1: batches its record builder writes
 * decode with our codec to the same rows, batches we write pass its checks and read back with its
 * reader, and the server's own projection code projects our batches into bytes we decode.
 */
class ArrowLogBatchInteropTest {

    private static final int SCHEMA_ID = ArrowBatchFixture.SCHEMA_ID;
    private static final int ZSTD_LEVEL = 3;

    private final ArrowBatchFixture fixture = new ArrowBatchFixture();

    @AfterEach
    void allArrowMemoryIsReleased() {
        fixture.close();
    }

    @ParameterizedTest
    @EnumSource(ArrowCompression.class)
    void batchesOfTheOfficialWriterDecodeToTheSameRows(ArrowCompression compression) throws Exception {
        RowType rowType = ArrowTestData.everyType();
        List<Row> rows = new ArrowTestData.Values(11, false).rows(rowType, 300);

        byte[] official = OfficialArrowBatches.build(rowType, rows, null, compression, ZSTD_LEVEL, SCHEMA_ID, 99L, 4);

        io.netty.buffer.ByteBuf batch = Unpooled.wrappedBuffer(official);
        try (DecodedArrowBatch decoded = ArrowLogBatchDecoder.forAllColumns(rowType).decode(batch, fixture.allocator())) {
            assertThat(decoded.header().writerId()).isEqualTo(99L);
            assertThat(decoded.header().batchSequence()).isEqualTo(4);
            assertThat(decoded.header().appendOnly()).isTrue();
            assertThat(decoded.header().recordCount()).isEqualTo(300);
            assertThat(comparable(ArrowBatchFixture.rows(decoded))).isEqualTo(comparable(rows));
        } finally {
            batch.release();
        }
    }

    @ParameterizedTest
    @EnumSource(ArrowCompression.class)
    void changelogBatchesOfTheOfficialWriterDecodeWithTheirChangeTypes(ArrowCompression compression) throws Exception {
        RowType rowType = ArrowTestData.everyType();
        List<Row> rows = new ArrowTestData.Values(12, false).rows(rowType, 100);
        List<ChangeType> changeTypes = randomChangeTypes(rows.size(), new Random(12));

        byte[] official = OfficialArrowBatches.build(rowType, rows, changeTypes, compression, ZSTD_LEVEL, SCHEMA_ID, -1L, -1);

        io.netty.buffer.ByteBuf batch = Unpooled.wrappedBuffer(official);
        try (DecodedArrowBatch decoded = ArrowLogBatchDecoder.forAllColumns(rowType).decode(batch, fixture.allocator())) {
            assertThat(decoded.header().appendOnly()).isFalse();
            List<ChangeType> decodedTypes = new ArrayList<>();
            for (int i = 0; i < decoded.rowCount(); i++) {
                decodedTypes.add(decoded.changeType(i));
            }
            assertThat(decodedTypes).isEqualTo(changeTypes);
            assertThat(comparable(ArrowBatchFixture.rows(decoded))).isEqualTo(comparable(rows));
        } finally {
            batch.release();
        }
    }

    @ParameterizedTest
    @EnumSource(ArrowCompression.class)
    void ourBatchesPassTheOfficialChecksAndReadBackToTheSameRows(ArrowCompression compression) {
        RowType rowType = ArrowTestData.everyType();
        List<Row> rows = new ArrowTestData.Values(13, true).rows(rowType, 300);

        byte[] ours = fixture.encodeToBytes(rowType, rows, compression);

        List<OfficialRecord> records = OfficialArrowBatches.read(rowType, SCHEMA_ID, ours);
        assertThat(records).hasSize(rows.size());
        assertThat(records).extracting(OfficialRecord::changeType).containsOnly(ChangeType.APPEND_ONLY);
        assertThat(records).extracting(OfficialRecord::offset).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, rows.size()).boxed().toList());
        assertThat(comparable(records.stream().map(OfficialRecord::row).toList())).isEqualTo(comparable(rows));
    }

    @ParameterizedTest
    @EnumSource(ArrowCompression.class)
    void ourChangelogBatchesReadBackWithTheOfficialReader(ArrowCompression compression) {
        RowType rowType = ArrowTestData.everyType();
        List<Row> rows = new ArrowTestData.Values(14, true).rows(rowType, 100);
        List<ChangeType> changeTypes = randomChangeTypes(rows.size(), new Random(14));

        io.netty.buffer.ByteBuf batch = fixture.encode(rowType, rows, compression, changeTypes.toArray(new ChangeType[0]));
        byte[] ours;
        try {
            ours = ByteBufUtil.getBytes(batch);
        } finally {
            batch.release();
        }

        List<OfficialRecord> records = OfficialArrowBatches.read(rowType, SCHEMA_ID, ours);
        assertThat(records).extracting(OfficialRecord::changeType).containsExactlyElementsOf(changeTypes);
        assertThat(comparable(records.stream().map(OfficialRecord::row).toList())).isEqualTo(comparable(rows));
    }

    @Test
    void aBlobOfSeveralOfOurBatchesReadsBatchByBatch() {
        RowType rowType = ROW(FIELD("id", INT()), FIELD("name", STRING()));
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        List<Row> all = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            List<Row> rows = List.of(GenericRow.of(b, "first of " + b), GenericRow.of(b, "second of " + b));
            all.addAll(rows);
            blob.writeBytes(fixture.encodeToBytes(rowType, rows, ArrowCompression.values()[b]));
        }

        List<OfficialRecord> records = OfficialArrowBatches.read(rowType, SCHEMA_ID, blob.toByteArray());

        assertThat(comparable(records.stream().map(OfficialRecord::row).toList())).isEqualTo(comparable(all));
    }

    @Test
    void largeCompressibleStringsSurviveZstdBothWays() throws Exception {
        RowType rowType = ROW(FIELD("id", INT()), FIELD("payload", STRING()));
        List<Row> rows = new ArrayList<>();
        Random random = new Random(5);
        for (int i = 0; i < 400; i++) {
            StringBuilder payload = new StringBuilder();
            while (payload.length() < 5000 + random.nextInt(5000)) {
                payload.append("word").append(random.nextInt(50)).append(' ');
            }
            rows.add(GenericRow.of(i, payload.toString()));
        }

        byte[] ours = fixture.encodeToBytes(rowType, rows, ArrowCompression.ZSTD);
        assertThat(comparable(OfficialArrowBatches.read(rowType, SCHEMA_ID, ours).stream()
                .map(OfficialRecord::row).toList())).isEqualTo(comparable(rows));

        byte[] official = OfficialArrowBatches.build(rowType, rows, null, ArrowCompression.ZSTD, ZSTD_LEVEL, SCHEMA_ID, -1L, -1);
        io.netty.buffer.ByteBuf batch = Unpooled.wrappedBuffer(official);
        try {
            assertThat(comparable(fixture.decode(rowType, batch))).isEqualTo(comparable(rows));
        } finally {
            batch.release();
        }
    }

    @Test
    void withoutCompressionOurBatchIsByteForByteTheOfficialOne() throws Exception {
        RowType rowType = ArrowTestData.everyType();
        List<Row> rows = new ArrowTestData.Values(15, false).rows(rowType, 200);

        byte[] ours = fixture.encodeToBytes(rowType, rows, ArrowCompression.NONE);
        byte[] official = OfficialArrowBatches.build(rowType, rows, null, ArrowCompression.NONE, 0, SCHEMA_ID,
                ArrowBatchFixture.WRITER_ID, ArrowBatchFixture.BATCH_SEQUENCE);

        assertThat(HexFormat.of().formatHex(ours)).isEqualTo(HexFormat.of().formatHex(official));
    }

    @Test
    void withoutCompressionOurChangelogBatchIsByteForByteTheOfficialOne() throws Exception {
        RowType rowType = ArrowTestData.everyType();
        List<Row> rows = new ArrowTestData.Values(16, false).rows(rowType, 50);
        List<ChangeType> changeTypes = randomChangeTypes(rows.size(), new Random(16));

        io.netty.buffer.ByteBuf batch = fixture.encode(rowType, rows, ArrowCompression.NONE,
                changeTypes.toArray(new ChangeType[0]));
        byte[] ours;
        try {
            ours = ByteBufUtil.getBytes(batch);
        } finally {
            batch.release();
        }
        byte[] official = OfficialArrowBatches.build(rowType, rows, changeTypes, ArrowCompression.NONE, 0, SCHEMA_ID,
                ArrowBatchFixture.WRITER_ID, ArrowBatchFixture.BATCH_SEQUENCE);

        assertThat(HexFormat.of().formatHex(ours)).isEqualTo(HexFormat.of().formatHex(official));
    }

    @Test
    void timestampsBefore1970WithSubMillisecondDigitsMatchTheOfficialWriter() throws Exception {
        RowType rowType = ROW(FIELD("ts6", TIMESTAMP(6)), FIELD("ts9", TIMESTAMP(9)), FIELD("ltz6", TIMESTAMP_LTZ(6)),
                FIELD("ltz9", TIMESTAMP_LTZ(9)));
        List<Row> rows = List.of(GenericRow.of(
                LocalDateTime.parse("1969-12-31T23:59:59.999999"),
                LocalDateTime.parse("1900-01-01T00:00:00.000000001"),
                Instant.parse("1969-12-31T23:59:59.000001Z"),
                Instant.parse("1960-06-15T12:00:00.123456789Z")));

        byte[] ours = fixture.encodeToBytes(rowType, rows, ArrowCompression.NONE);
        byte[] official = OfficialArrowBatches.build(rowType, rows, null, ArrowCompression.NONE, 0, SCHEMA_ID,
                ArrowBatchFixture.WRITER_ID, ArrowBatchFixture.BATCH_SEQUENCE);

        // Both writers store the same values, and we read them back exactly.
        assertThat(ours).isEqualTo(official);
        io.netty.buffer.ByteBuf batch = Unpooled.wrappedBuffer(official);
        try {
            assertThat(comparable(fixture.decode(rowType, batch))).isEqualTo(comparable(rows));
        } finally {
            batch.release();
        }
        // The official 0.9.1 reader divides with truncation and rejects the negative remainder, even for
        // its own writer's bytes; scans with our reader are not affected.
        assertThatThrownBy(() -> OfficialArrowBatches.read(rowType, SCHEMA_ID, official))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(ArrowCompression.class)
    void batchesProjectedByTheServerCodeDecodeToTheProjectedColumns(ArrowCompression compression,
            @TempDir Path directory) throws Exception {
        RowType rowType = ArrowTestData.everyType();
        List<Row> rows = new ArrowTestData.Values(17, false).rows(rowType, 150);
        int[] positions = {1, 3, 8, 13, 22, 29, 31, 34, 36, 38};
        List<ChangeType> changeTypes = randomChangeTypes(rows.size(), new Random(17));

        Path log = directory.resolve("segment.log");
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        segment.writeBytes(fixture.encodeToBytes(rowType, rows, compression));
        io.netty.buffer.ByteBuf changelog = fixture.encode(rowType, rows, compression,
                changeTypes.toArray(new ChangeType[0]));
        try {
            segment.writeBytes(ByteBufUtil.getBytes(changelog));
        } finally {
            changelog.release();
        }
        Files.write(log, segment.toByteArray());

        byte[] projected = projectWithServerCode(rowType, log, compression, positions);

        List<Row> expected = new ArrayList<>();
        for (Row row : rows) {
            GenericRow projectedRow = GenericRow.ofSize(positions.length);
            for (int i = 0; i < positions.length; i++) {
                projectedRow.set(i, row.get(positions[i]));
            }
            expected.add(projectedRow);
        }
        ArrowLogBatchDecoder decoder = ArrowLogBatchDecoder.forProjection(rowType, positions);
        io.netty.buffer.ByteBuf blob = Unpooled.wrappedBuffer(projected);
        try {
            LogBatchIterator batches = new LogBatchIterator(blob);
            LogBatchSlice appendOnly = batches.next();
            LogBatchSlice withChangeTypes = batches.next();
            assertThat(batches.hasNext()).isFalse();
            assertThat(comparable(fixture.decode(decoder, appendOnly.bytes()))).isEqualTo(comparable(expected));
            try (DecodedArrowBatch decoded = decoder.decode(withChangeTypes.bytes(), fixture.allocator())) {
                assertThat(comparable(ArrowBatchFixture.rows(decoded))).isEqualTo(comparable(expected));
                assertThat(decoded.changeType(rows.size() - 1)).isEqualTo(changeTypes.get(rows.size() - 1));
            }
        } finally {
            blob.release();
        }
    }

    /** What a tablet server sends for a fetch with projection pushdown, from its own code. */
    private static byte[] projectWithServerCode(RowType rowType, Path log, ArrowCompression compression,
            int[] positions) throws Exception {
        org.apache.fluss.types.RowType officialType =
                (org.apache.fluss.types.RowType) OfficialArrowBatches.toOfficialType(rowType);
        Schema schema = Schema.newBuilder().fromRowType(officialType).build();
        ArrowCompressionInfo compressionInfo = switch (compression) {
            case NONE -> new ArrowCompressionInfo(ArrowCompressionType.NONE, -1);
            case LZ4_FRAME -> new ArrowCompressionInfo(ArrowCompressionType.LZ4_FRAME, -1);
            case ZSTD -> new ArrowCompressionInfo(ArrowCompressionType.ZSTD, ZSTD_LEVEL);
        };
        FileLogProjection projection = new FileLogProjection(new ProjectionPushdownCache());
        projection.setCurrentProjection(1L, new FixedSchema(schema), compressionInfo, positions);
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            BytesViewLogRecords projected = projection.project(channel, 0, (int) channel.size(), Integer.MAX_VALUE);
            ByteBuf bytes = projected.getBytesView().getByteBuf();
            byte[] result = new byte[bytes.readableBytes()];
            bytes.getBytes(bytes.readerIndex(), result);
            return result;
        }
    }

    private static List<ChangeType> randomChangeTypes(int count, Random random) {
        List<ChangeType> changeTypes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            changeTypes.add(ChangeType.values()[1 + random.nextInt(4)]);
        }
        return changeTypes;
    }

    /** The one schema of the test table, for the server's projection code. */
    private record FixedSchema(Schema schema) implements SchemaGetter {
        @Override
        public Schema getSchema(int schemaId) {
            return schema;
        }

        @Override
        public CompletableFuture<SchemaInfo> getSchemaInfoAsync(int schemaId) {
            return CompletableFuture.completedFuture(new SchemaInfo(schema, schemaId));
        }

        @Override
        public SchemaInfo getLatestSchemaInfo() {
            return new SchemaInfo(schema, SCHEMA_ID);
        }

        @Override
        public void release() {}
    }
}
