package io.flussreactive.internal.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.admin.LogFormat;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.record.LogBatchChecksum;
import io.flussreactive.internal.record.LogBatchHeader;
import io.flussreactive.internal.record.RowLogBatch;
import io.flussreactive.internal.record.RowLogBatchDecoder;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.ChangeType;
import io.flussreactive.table.TablePath;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.WriteRecord;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** INDEXED and COMPACTED log batches as a writer fills them: sizes, contents, and the buffers they hold. */
class RowLogBatchFormatTest {

    private static final int BATCH_SIZE = 4096;

    private final RecordingAllocator allocator = new RecordingAllocator();

    @ParameterizedTest
    @EnumSource(value = LogFormat.class, names = {"INDEXED", "COMPACTED"})
    void aBatchIsItsHeaderAndItsRecordsWhoseSizesArePreparedExactly(LogFormat format) {
        RowLogBatchFormat batches = format(format, 3);
        List<Row> rows = List.of(GenericRow.of(1, "a", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789)),
                GenericRow.of(2, null, null),
                GenericRow.of(3, "a longer value \u00e9", LocalDateTime.of(1969, 12, 31, 23, 59, 59, 1)));
        long preparedBytes = 0;
        ByteBuf batch;
        try (BatchFormat.OpenBatch open = batches.open()) {
            for (Row row : rows) {
                PreparedRecord prepared = batches.prepare(WriteRecord.of(row));
                assertThat(prepared.sizeInBytes()).isEqualTo(prepared.value().length);
                preparedBytes += prepared.sizeInBytes();
                open.append(prepared);
            }
            assertThat(open.rowCount()).isEqualTo(3);
            batch = open.encode(allocator);
        }
        try {
            assertThat(batch.refCnt()).as("the batch outlives the open batch it came from").isEqualTo(1);
            assertThat(batch.readableBytes()).isEqualTo(batches.headerBytes() + preparedBytes);
            LogBatchHeader header = LogBatchHeader.read(batch, 0);
            assertThat(header.magic()).isEqualTo(LogBatchHeader.MAGIC_V0);
            assertThat(header.batchSize()).isEqualTo(batch.readableBytes());
            assertThat(header.schemaId()).isEqualTo((short) 3);
            assertThat(header.appendOnly()).isTrue();
            assertThat(header.recordCount()).isEqualTo(3);
            assertThat(header.lastOffsetDelta()).isEqualTo(2);
            assertThat(header.writerId()).isEqualTo(LogBatchHeader.NO_WRITER_ID);
            assertThat(header.batchSequence()).isEqualTo(LogBatchHeader.NO_BATCH_SEQUENCE);
            assertThat(LogBatchChecksum.isValid(batch, 0)).isTrue();
            RowLogBatch records = new RowLogBatchDecoder(format, rowType())
                    .decode(batch.slice(header.headerSize(), batch.readableBytes() - header.headerSize()), 3);
            assertThat(records.changeTypes()).containsOnly(ChangeType.APPEND_ONLY);
            assertThat(records.rows()).containsExactlyElementsOf(rows);

            batches.stamp(batch, 77L, 5);

            LogBatchHeader stamped = LogBatchHeader.read(batch, 0);
            assertThat(stamped.writerId()).isEqualTo(77L);
            assertThat(stamped.batchSequence()).isEqualTo(5);
            assertThat(LogBatchChecksum.isValid(batch, 0)).isTrue();
        } finally {
            batch.release();
        }
        assertThat(allocator.buffers).singleElement().satisfies(b -> assertThat(b.refCnt()).isZero());
    }

    @Test
    void aBatchClosedWithoutBeingEncodedReleasesItsBuffer() {
        RowLogBatchFormat batches = format(LogFormat.COMPACTED, 1);
        BatchFormat.OpenBatch open = batches.open();
        open.append(batches.prepare(WriteRecord.of(GenericRow.of(1, "a", null))));

        open.close();
        open.close();

        assertThat(allocator.buffers).singleElement().satisfies(b -> assertThat(b.refCnt()).isZero());
    }

    @Test
    void aBatchWhoseEncodingFailsReleasesItsBufferWhenClosed() {
        // A schema id beyond 16 bits cannot go into the header.
        RowLogBatchFormat batches = format(LogFormat.INDEXED, Short.MAX_VALUE + 1);
        BatchFormat.OpenBatch open = batches.open();
        open.append(batches.prepare(WriteRecord.of(GenericRow.of(1, "a", null))));

        assertThatThrownBy(() -> open.encode(allocator)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Schema id");
        open.close();

        assertThat(allocator.buffers).singleElement().satisfies(b -> assertThat(b.refCnt()).isZero());
    }

    @Test
    void theNextBatchStartsWithAboutTheCapacityTheLastOneTookAndNoMoreThanTheBatchSize() {
        RowLogBatchFormat batches = format(LogFormat.COMPACTED, 1);
        for (int batch = 0; batch < 2; batch++) {
            BatchFormat.OpenBatch open = batches.open();
            int bytes = batches.headerBytes();
            for (int id = 0; bytes < BATCH_SIZE - 100; id++) {
                PreparedRecord prepared = batches.prepare(WriteRecord.of(GenericRow.of(id, "value " + id, null)));
                open.append(prepared);
                bytes += (int) prepared.sizeInBytes();
            }
            open.encode(allocator).release();
            open.close();
        }

        assertThat(allocator.buffers).hasSize(2).allSatisfy(b -> assertThat(b.refCnt()).isZero());
        assertThat(allocator.initialCapacities).containsExactly(BATCH_SIZE, BATCH_SIZE);
    }

    @Test
    void rowsThatCannotBeWrittenFailWhenPreparedNamingTheColumnWithoutTakingMemory() {
        RowLogBatchFormat batches = format(LogFormat.COMPACTED, 1);

        assertThatThrownBy(() -> batches.prepare(WriteRecord.of(GenericRow.of("one", "a", null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("'id'", "String");
        assertThatThrownBy(() -> batches.prepare(WriteRecord.of(GenericRow.of(null, "a", null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("'id'", "null");
        // Row formats hold any year; this client's scans deliver TIMESTAMP(9) in Arrow nanoseconds.
        assertThatThrownBy(() -> batches.prepare(WriteRecord.of(GenericRow.of(1, "a", LocalDateTime.of(2300, 1, 1, 0, 0)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("'at'", "TIMESTAMP(9)", "range");
        assertThatThrownBy(() -> batches.prepare(WriteRecord.delete(GenericRow.of(1, "a", null), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("log table", "appended");
        assertThat(allocator.buffers).isEmpty();
    }

    @Test
    void arrowTablesHaveAnotherFormat() {
        assertThatThrownBy(() -> format(LogFormat.ARROW, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private RowLogBatchFormat format(LogFormat format, int schemaId) {
        TableDescriptor descriptor = TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.INT().notNull())
                        .column("name", DataTypes.STRING())
                        .column("at", DataTypes.TIMESTAMP(9))
                        .build())
                .distributedBy(2)
                .logFormat(format)
                .build();
        TableInfo table = TableInfo.of(TablePath.of("db", "events"), 1L, schemaId, descriptor, 0L, 0L);
        return new RowLogBatchFormat(table, allocator, BATCH_SIZE);
    }

    private static io.flussreactive.type.RowType rowType() {
        return DataTypes.ROW(DataTypes.FIELD("id", DataTypes.INT().notNull()), DataTypes.FIELD("name", DataTypes.STRING()),
                DataTypes.FIELD("at", DataTypes.TIMESTAMP(9)));
    }

    /** Unpooled buffers, each remembered with the capacity it was asked for. */
    private static final class RecordingAllocator extends AbstractByteBufAllocator {
        final List<ByteBuf> buffers = new ArrayList<>();
        final List<Integer> initialCapacities = new ArrayList<>();

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return record(UnpooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity), initialCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return record(UnpooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity), initialCapacity);
        }

        private ByteBuf record(ByteBuf buffer, int initialCapacity) {
            buffers.add(buffer);
            initialCapacities.add(initialCapacity);
            return buffer;
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }
}
