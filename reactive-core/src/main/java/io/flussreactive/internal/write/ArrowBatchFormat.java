package io.flussreactive.internal.write;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.record.ArrowLogBatchEncoder;
import io.flussreactive.internal.record.ArrowRowValidator;
import io.flussreactive.internal.record.ArrowRowWriter;
import io.flussreactive.internal.record.ArrowSchemas;
import io.flussreactive.internal.record.KeyEncoder;
import io.flussreactive.internal.record.KeyEncoders;
import io.flussreactive.internal.record.LogBatchHeader;
import io.flussreactive.row.Row;
import io.flussreactive.write.WriteRecord;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Log batches in the ARROW format: rows go into Arrow vectors, the batch is one Arrow record batch.
 * Log tables take appends only.
 */
final class ArrowBatchFormat implements BatchFormat {

    /** Placeholders until the sender stamps the real values. */
    private static final long NO_WRITER_ID = -1;
    private static final int NO_SEQUENCE = -1;

    private final TableInfo table;
    private final ArrowRowValidator validator;
    private final Schema schema;
    private final ArrowLogBatchEncoder encoder;
    private final BufferAllocator allocator;
    private final KeyEncoder bucketKey;
    /**
     * The rows a new batch's vectors are sized for: the size of the last batch encoded, between 1024
     * and 65536 rows, since a writer's batches tend to be alike.
     */
    private volatile int expectedRows = MIN_EXPECTED_ROWS;

    private static final int MIN_EXPECTED_ROWS = 1024;
    private static final int MAX_EXPECTED_ROWS = 65536;

    /**
     * @param table the table written to: its row type, schema id, compression and bucket key
     * @param allocator where the vectors of open batches are allocated
     */
    ArrowBatchFormat(TableInfo table, BufferAllocator allocator) {
        this.table = table;
        this.validator = new ArrowRowValidator(table.rowType());
        this.schema = ArrowSchemas.toArrowSchema(table.rowType());
        this.encoder = ArrowLogBatchEncoder.forTable(table);
        this.allocator = allocator;
        this.bucketKey = table.bucketKeys().isEmpty() ? null : KeyEncoders.bucketKey(table);
    }

    @Override
    public PreparedRecord prepare(WriteRecord<?> record) {
        if (record.delete()) {
            throw BatchFormat.deleteFromLogTable(table);
        }
        Row row = record.row();
        long size = validator.estimatedSizeInBytes(row);
        return new PreparedRecord(record, row, size, bucketKey == null ? null : bucketKey.encode(row), null, null);
    }

    @Override
    public OpenBatch open() {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        return new ArrowOpenBatch(root, new ArrowRowWriter(validator, root, expectedRows));
    }

    @Override
    public int headerBytes() {
        return LogBatchHeader.V0_HEADER_SIZE;
    }

    @Override
    public void stamp(ByteBuf batch, long writerId, int batchSequence) {
        LogBatchHeader.rewriteWriterState(batch, batch.readerIndex(), writerId, batchSequence);
    }

    /** One batch being filled. */
    private final class ArrowOpenBatch implements OpenBatch {
        private final VectorSchemaRoot root;
        private final ArrowRowWriter writer;
        private boolean closed;

        ArrowOpenBatch(VectorSchemaRoot root, ArrowRowWriter writer) {
            this.root = root;
            this.writer = writer;
        }

        @Override
        public void append(PreparedRecord record) {
            // prepare() has checked the row.
            writer.appendChecked(record.row());
        }

        @Override
        public int rowCount() {
            return writer.rowCount();
        }

        @Override
        public ByteBuf encode(ByteBufAllocator bytes) {
            expectedRows = Math.max(MIN_EXPECTED_ROWS, Math.min(MAX_EXPECTED_ROWS, writer.rowCount()));
            return encoder.encodeAppendOnly(bytes, writer.finish(), table.schemaId(), NO_WRITER_ID, NO_SEQUENCE);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                root.close();
            }
        }
    }
}
