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
import java.util.function.Function;

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
    private final ThreadLocal<Function<Row, byte[]>> valueEncoder;
    /**
     * The value encoder of the thread that prepared a record last: a producer thread finds its own
     * here without a thread-local lookup per record.
     */
    private volatile OwnedEncoder lastEncoder;
    private final ByteBufAllocator allocator;
    private final int batchSizeBytes;
    /**
     * The capacity a new batch's buffer starts with: a little more than the last batch took, at least
     * {@link #MIN_BATCH_BYTES} (or the batch size, if smaller) and at most the batch size, since a
     * writer's batches tend to be alike and the writer closes a batch before it outgrows the batch size.
     * Full batches then never grow (a doubling would hold twice the memory and copy it all), and small
     * ones do not hold batch-size buffers.
     */
    private volatile int expectedBatchBytes;

    private static final int MIN_BATCH_BYTES = 64 * 1024;

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
        // Row writers reuse a buffer: one per thread, since records are prepared on their callers' threads.
        this.valueEncoder = ThreadLocal.withInitial(() -> table.kvFormat() == KvFormat.INDEXED
                ? new IndexedRowWriter(table.rowType())::encode
                : new CompactedRowWriter(table.rowType())::encode);
        this.allocator = allocator;
        this.batchSizeBytes = batchSizeBytes;
        this.expectedBatchBytes = Math.min(MIN_BATCH_BYTES, batchSizeBytes);
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
        byte[] value = record.delete() ? null : encoderOfThisThread().apply(updated == null ? row : onlyUpdated(row));
        long size = KvBatchEncoder.recordSize(key.length, value == null ? 0 : value.length);
        return new PreparedRecord(record, row, size, bucket, key, value);
    }

    private Function<Row, byte[]> encoderOfThisThread() {
        Thread current = Thread.currentThread();
        OwnedEncoder last = lastEncoder;
        if (last != null && last.owner == current) {
            return last.encoder;
        }
        Function<Row, byte[]> encoder = valueEncoder.get();
        lastEncoder = new OwnedEncoder(current, encoder);
        return encoder;
    }

    /** A value encoder and the only thread that uses it. */
    private record OwnedEncoder(Thread owner, Function<Row, byte[]> encoder) {
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
        ByteBuf bytes = allocator.buffer(expectedBatchBytes);
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

    /** Remembers the size of a batch just completed, for the buffers of the next ones. */
    private void batchCompleted(int bytes) {
        int withSlack = bytes + bytes / 16;
        expectedBatchBytes = Math.min(Math.max(MIN_BATCH_BYTES, withSlack), batchSizeBytes);
    }

    /** One batch being filled. */
    private final class KvOpenBatch implements OpenBatch {
        private final ByteBuf bytes;
        private final KvBatchEncoder encoder;
        private boolean handedOver;
        private boolean closed;

        KvOpenBatch(ByteBuf bytes, KvBatchEncoder encoder) {
            this.bytes = bytes;
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
            batchCompleted(bytes.readableBytes());
            // The records are already in their final form: the buffer itself is the batch.
            handedOver = true;
            return bytes;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                if (!handedOver) {
                    bytes.release();
                }
            }
        }
    }
}
