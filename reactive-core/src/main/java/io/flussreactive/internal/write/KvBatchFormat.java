package io.flussreactive.internal.write;

import io.flussreactive.admin.KvFormat;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.record.CompactedRowWriter;
import io.flussreactive.internal.record.IndexedRowWriter;
import io.flussreactive.internal.record.KeyEncoder;
import io.flussreactive.internal.record.KeyEncoders;
import io.flussreactive.internal.record.KvBatchEncoder;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.write.WriteRecord;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * KV batches for primary-key tables: each record is its encoded primary key and its encoded value row
 * (empty for a delete). A partial update writes the primary key and the updated columns; the other
 * columns are sent as null and keep their stored values.
 */
final class KvBatchFormat implements BatchFormat {

    private final TableInfo table;
    private final KeyEncoder primaryKey;
    private final KeyEncoder bucketKey;
    private final boolean[] updated;
    /** Value rows in the table's kv format, encoded on the threads that prepare records. */
    private final PerThreadRowEncoder valueEncoder;
    private final ByteBufAllocator allocator;
    private final BatchCapacity capacity;

    /**
     * @param table the table written to
     * @param updatedColumns the column positions a partial update writes (primary key included), or
     *     null to write whole rows
     * @param allocator where open batches are written
     * @param batchSizeBytes the encoded size at which batches are closed
     */
    KvBatchFormat(TableInfo table, int[] updatedColumns, ByteBufAllocator allocator, int batchSizeBytes) {
        this.table = table;
        this.primaryKey = KeyEncoders.primaryKey(table);
        this.bucketKey = KeyEncoders.isDefaultBucketKey(table) ? null : KeyEncoders.bucketKey(table);
        this.updated = updatedColumns == null ? null : mask(updatedColumns, table.rowType().fieldCount());
        this.valueEncoder = new PerThreadRowEncoder(() -> table.kvFormat() == KvFormat.INDEXED
                ? new IndexedRowWriter(table.rowType())::encode
                : new CompactedRowWriter(table.rowType())::encode);
        this.allocator = allocator;
        this.capacity = new BatchCapacity(batchSizeBytes);
    }

    private static boolean[] mask(int[] columns, int width) {
        boolean[] mask = new boolean[width];
        for (int column : columns) {
            mask[column] = true;
        }
        return mask;
    }

    @Override
    public PreparedRecord prepare(WriteRecord<?> record) {
        Row row = record.row();
        byte[] key = primaryKey.encode(row);
        byte[] bucket = bucketKey == null ? key : bucketKey.encode(row);
        byte[] value = record.delete() ? null : valueEncoder.encode(updated == null ? row : onlyUpdated(row));
        long size = KvBatchEncoder.recordSize(key.length, value == null ? 0 : value.length);
        return new PreparedRecord(record, row, size, bucket, key, value);
    }

    /** The row with the columns a partial update does not write set to null. */
    private Row onlyUpdated(Row row) {
        GenericRow partial = GenericRow.ofSize(updated.length);
        for (int i = 0; i < updated.length; i++) {
            partial.set(i, updated[i] ? row.get(i) : null);
        }
        return partial;
    }

    @Override
    public OpenBatch open() {
        ByteBuf bytes = allocator.buffer(capacity.nextCapacity());
        return new KvOpenBatch(bytes, new KvBatchEncoder(bytes, table.schemaId()));
    }

    @Override
    public int headerBytes() {
        return KvBatchEncoder.HEADER_SIZE;
    }

    @Override
    public void stamp(ByteBuf batch, long writerId, int batchSequence) {
        KvBatchEncoder.rewriteWriterState(batch, batch.readerIndex(), writerId, batchSequence);
    }

    /** One batch being filled. */
    private final class KvOpenBatch extends BufferOpenBatch {
        private final KvBatchEncoder encoder;

        KvOpenBatch(ByteBuf bytes, KvBatchEncoder encoder) {
            super(bytes, capacity);
            this.encoder = encoder;
        }

        @Override
        public void append(PreparedRecord record) {
            if (record.value() == null) {
                encoder.appendDelete(record.key());
            } else {
                encoder.appendUpsert(record.key(), record.value());
            }
        }

        @Override
        public int rowCount() {
            return encoder.recordCount();
        }

        @Override
        public ByteBuf encode(ByteBufAllocator allocator) {
            encoder.complete(KvBatchEncoder.NO_WRITER_ID, KvBatchEncoder.NO_BATCH_SEQUENCE);
            // The records are already in their final form: the buffer itself is the batch.
            return handOver();
        }
    }
}
