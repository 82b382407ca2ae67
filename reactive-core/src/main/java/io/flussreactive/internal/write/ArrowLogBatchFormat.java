package io.flussreactive.internal.write;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.record.ArrowLogBatchEncoder;
import io.flussreactive.internal.record.ArrowRowValidator;
import io.flussreactive.internal.record.ArrowRowWriter;
import io.flussreactive.internal.record.ArrowSchemas;
import io.flussreactive.internal.record.LogBatchHeader;
import io.flussreactive.row.Row;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Log batches in the ARROW format: rows go into Arrow vectors, the batch is one Arrow record batch. */
final class ArrowLogBatchFormat implements LogBatchFormat {

    /** Placeholders until the sender stamps the real values. */
    private static final long NO_WRITER_ID = -1;
    private static final int NO_SEQUENCE = -1;

    private final TableInfo table;
    private final ArrowRowValidator validator;
    private final Schema schema;
    private final ArrowLogBatchEncoder encoder;
    private final BufferAllocator allocator;

    /**
     * @param table the table written to: its row type, schema id and compression
     * @param allocator where the vectors of open batches are allocated
     */
    ArrowLogBatchFormat(TableInfo table, BufferAllocator allocator) {
        this.table = table;
        this.validator = new ArrowRowValidator(table.rowType());
        this.schema = ArrowSchemas.toArrowSchema(table.rowType());
        this.encoder = ArrowLogBatchEncoder.forTable(table);
        this.allocator = allocator;
    }

    @Override
    public long estimatedSize(Row row) {
        return validator.estimatedSizeInBytes(row);
    }

    @Override
    public OpenBatch open() {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        return new ArrowOpenBatch(root, new ArrowRowWriter(validator, root));
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
        public void append(Row row) {
            writer.append(row);
        }

        @Override
        public int rowCount() {
            return writer.rowCount();
        }

        @Override
        public ByteBuf encode(ByteBufAllocator bytes) {
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
