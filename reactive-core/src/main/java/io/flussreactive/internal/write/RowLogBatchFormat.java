package io.flussreactive.internal.write;

import io.flussreactive.admin.LogFormat;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.record.ArrowRowValidator;
import io.flussreactive.internal.record.KeyEncoder;
import io.flussreactive.internal.record.KeyEncoders;
import io.flussreactive.internal.record.LogBatchHeader;
import io.flussreactive.internal.record.RowLogBatchEncoder;
import io.flussreactive.row.Row;
import io.flussreactive.scan.ChangeType;
import io.flussreactive.write.WriteRecord;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Log batches in the INDEXED or COMPACTED format: each record is its row in the table's row format,
 * framed with its length and change type. Records are encoded when prepared, on the producer's thread,
 * so a record's size is exact and a row the format cannot take fails before it reaches a batch; a batch
 * is a buffer the records are copied into, completed by its header. Log tables take appends only, so
 * batches are append-only and every record is {@link ChangeType#APPEND_ONLY}.
 *
 * <p>Rows are checked as for ARROW batches first, so a log table takes the same rows whatever its
 * format, and rows written are rows this client's scans, which deliver Arrow columns, can read back.
 */
final class RowLogBatchFormat implements BatchFormat {

    private final TableInfo table;
    private final ArrowRowValidator validator;
    private final PerThreadRowEncoder recordEncoder;
    private final KeyEncoder bucketKey;
    private final ByteBufAllocator allocator;
    private final BatchCapacity capacity;

    /**
     * @param table the table written to: its log format (INDEXED or COMPACTED), row type, schema id and bucket key
     * @param allocator where open batches are written
     * @param batchSizeBytes the encoded size at which batches are closed
     * @throws IllegalArgumentException when the table's log format is ARROW
     */
    RowLogBatchFormat(TableInfo table, ByteBufAllocator allocator, int batchSizeBytes) {
        LogFormat format = table.logFormat();
        if (format == LogFormat.ARROW) {
            throw new IllegalArgumentException("Table " + table.tablePath() + " has ARROW log batches, not rows");
        }
        this.table = table;
        this.validator = new ArrowRowValidator(table.rowType());
        this.recordEncoder = new PerThreadRowEncoder(() -> {
            RowLogBatchEncoder encoder = new RowLogBatchEncoder(format, table.rowType());
            return row -> encoder.encode(ChangeType.APPEND_ONLY, row);
        });
        this.bucketKey = table.bucketKeys().isEmpty() ? null : KeyEncoders.bucketKey(table);
        this.allocator = allocator;
        this.capacity = new BatchCapacity(batchSizeBytes);
    }

    @Override
    public PreparedRecord prepare(WriteRecord<?> record) {
        if (record.delete()) {
            throw BatchFormat.deleteFromLogTable(table);
        }
        Row row = record.row();
        validator.check(row);
        byte[] encoded = recordEncoder.encode(row);
        return new PreparedRecord(record, row, encoded.length, bucketKey == null ? null : bucketKey.encode(row), null,
                encoded);
    }

    @Override
    public OpenBatch open() {
        ByteBuf bytes = allocator.buffer(capacity.nextCapacity());
        // The header is written once the records are in and their count is known.
        bytes.writeZero(LogBatchHeader.V0_HEADER_SIZE);
        return new RowOpenBatch(bytes);
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
    private final class RowOpenBatch extends BufferOpenBatch {
        private int rowCount;

        RowOpenBatch(ByteBuf bytes) {
            super(bytes, capacity);
        }

        @Override
        public void append(PreparedRecord record) {
            if (isClosed()) {
                throw new IllegalStateException("The batch is closed");
            }
            bytes.writeBytes(record.value());
            rowCount++;
        }

        @Override
        public int rowCount() {
            return rowCount;
        }

        @Override
        public ByteBuf encode(ByteBufAllocator unused) {
            RowLogBatchEncoder.completeAppendOnly(bytes, 0, table.schemaId(), rowCount, LogBatchHeader.NO_WRITER_ID,
                    LogBatchHeader.NO_BATCH_SEQUENCE);
            // The records are already in their final form: the buffer itself is the batch.
            return handOver();
        }
    }
}
