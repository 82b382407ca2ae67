package io.flussreactive.internal.fetch;

import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.record.LogBatchHeader;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.type.RowType;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.ReferenceManager;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Makes and cuts the record batches of a scan. */
final class RecordBatches {

    private RecordBatches() {
    }

    /**
     * A batch over a decoded root; closing it frees the root and tells the scan's memory, and so does
     * the garbage collector when the application drops the batch without closing it.
     */
    static RecordBatch of(VectorSchemaRoot root, RowType type, byte[] changeTypes, PhysicalBucket bucket,
            LogBatchHeader header, ScanMemory memory) {
        return of(root, type, changeTypes, bucket, header.baseOffset(), header.commitTimestamp(), memory);
    }

    private static RecordBatch of(VectorSchemaRoot root, RowType type, byte[] changeTypes, PhysicalBucket bucket,
            long baseOffset, long timestamp, ScanMemory memory) {
        memory.batchOpened();
        String what = bucket + " offsets " + baseOffset + ".." + (baseOffset + root.getRowCount() - 1);
        BatchRelease release = new BatchRelease(root, memory, what);
        RecordBatch batch = new DefaultRecordBatch(root, type, changeTypes, bucket.bucket(), bucket.partitionName(), baseOffset,
                timestamp, LogBatchesDecoder.rowViews(type, root), release);
        release.watch(batch);
        return batch;
    }

    /**
     * A batch of rows of a KV snapshot over a root built by the scan; closing it frees the root, as for
     * {@link #of}.
     *
     * @param nextOffset the bucket's changelog offset after the snapshot for its last batch, else
     *     {@link DefaultRecordBatch#NO_OFFSET}
     */
    static RecordBatch ofSnapshot(VectorSchemaRoot root, RowType type, PhysicalBucket bucket, long nextOffset,
            ScanMemory memory) {
        memory.batchOpened();
        BatchRelease release = new BatchRelease(root, memory, bucket + " snapshot rows");
        RecordBatch batch = DefaultRecordBatch.snapshotRows(root, type, bucket.bucket(), bucket.partitionName(), nextOffset,
                LogBatchesDecoder.rowViews(type, root), release);
        release.watch(batch);
        return batch;
    }

    /**
     * The rows of {@code batch} from index {@code from} on, as a new batch; {@code batch} is closed.
     * The server returns whole batches, so a fetch from the middle of one needs this.
     */
    static RecordBatch tail(RecordBatch batch, PhysicalBucket bucket, int from, ScanMemory memory) {
        return slice(batch, bucket, from, batch.rowCount() - from, memory);
    }

    /** The first {@code count} rows of {@code batch}, as a new batch; {@code batch} is closed. */
    static RecordBatch head(RecordBatch batch, PhysicalBucket bucket, int count, ScanMemory memory) {
        return slice(batch, bucket, 0, count, memory);
    }

    private static RecordBatch slice(RecordBatch batch, PhysicalBucket bucket, int from, int count, ScanMemory memory) {
        try (batch) {
            VectorSchemaRoot sliced = batch.root().slice(from, count);
            byte[] changeTypes = null;
            if (!batch.isAppendOnly()) {
                changeTypes = new byte[count];
                for (int i = 0; i < count; i++) {
                    changeTypes[i] = batch.changeType(from + i).toByteValue();
                }
            }
            return of(sliced, batch.rowType(), changeTypes, bucket, batch.baseOffset() + from, batch.timestamp(), memory);
        }
    }

    /**
     * The bytes of Arrow memory a batch holds: what its buffers' allocations take (the allocator rounds
     * them up), each allocation counted once however many buffers share it.
     */
    static long sizeOf(RecordBatch batch) {
        Set<ReferenceManager> allocations = Collections.newSetFromMap(new IdentityHashMap<>());
        long size = 0;
        for (FieldVector vector : batch.root().getFieldVectors()) {
            size += allocatedBy(vector, allocations);
        }
        return size;
    }

    private static long allocatedBy(FieldVector vector, Set<ReferenceManager> counted) {
        long size = 0;
        for (ArrowBuf buffer : vector.getFieldBuffers()) {
            ReferenceManager allocation = buffer.getReferenceManager();
            if (counted.add(allocation)) {
                size += allocation.getAccountedSize();
            }
        }
        for (FieldVector child : vector.getChildrenFromFields()) {
            size += allocatedBy(child, counted);
        }
        return size;
    }
}
