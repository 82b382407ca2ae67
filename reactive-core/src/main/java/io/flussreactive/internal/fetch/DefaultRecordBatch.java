package io.flussreactive.internal.fetch;

import io.flussreactive.row.Row;
import io.flussreactive.scan.ChangeType;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.type.RowType;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A {@link RecordBatch} over a decoded Arrow root; closing it runs the release it was made with. */
public final class DefaultRecordBatch implements RecordBatch {

    /** The offset of rows that are not records of the log: the rows of a KV snapshot. */
    public static final long NO_OFFSET = -1;

    private static final long FOLLOWS_ROWS = Long.MIN_VALUE;

    private final VectorSchemaRoot root;
    private final RowType rowType;
    private final byte[] changeTypes;
    private final int bucket;
    private final String partitionName;
    private final long baseOffset;
    /** Where reading the bucket goes on, or {@link #FOLLOWS_ROWS} for the offset after the last row. */
    private final long nextOffset;
    private final long timestamp;
    private final IntFunction<Row> rowView;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A batch over a decoded root.
     *
     * @param root the columns; owned by the batch from now on
     * @param rowType the type of the columns, in order
     * @param changeTypes one change-type byte per row, or null when every row is {@code +A}
     * @param bucket the bucket read
     * @param partitionName the partition read, or null
     * @param baseOffset the offset of row 0
     * @param timestamp the commit timestamp of every row
     * @param rowView makes a view of the row at an index of the root
     * @param release frees the root and its accounting; run once, by {@link #close()}
     */
    public DefaultRecordBatch(VectorSchemaRoot root, RowType rowType, byte[] changeTypes, int bucket, String partitionName,
            long baseOffset, long timestamp, IntFunction<Row> rowView, Runnable release) {
        this(root, rowType, changeTypes, bucket, partitionName, baseOffset, FOLLOWS_ROWS, timestamp, rowView, release);
    }

    private DefaultRecordBatch(VectorSchemaRoot root, RowType rowType, byte[] changeTypes, int bucket,
            String partitionName, long baseOffset, long nextOffset, long timestamp, IntFunction<Row> rowView,
            Runnable release) {
        this.root = root;
        this.rowType = rowType;
        this.changeTypes = changeTypes;
        this.bucket = bucket;
        this.partitionName = partitionName;
        this.baseOffset = baseOffset;
        this.nextOffset = nextOffset;
        this.timestamp = timestamp;
        this.rowView = rowView;
        this.release = release;
    }

    /**
     * A batch of rows of a KV snapshot: each an insert, with neither an offset nor a timestamp
     * ({@link #NO_OFFSET}).
     *
     * @param root the columns; owned by the batch from now on
     * @param rowType the type of the columns, in order
     * @param bucket the bucket read
     * @param partitionName the partition read, or null
     * @param nextOffset where the bucket's changelog goes on after the snapshot for its last batch,
     *     {@link #NO_OFFSET} for the others
     * @param rowView makes a view of the row at an index of the root
     * @param release frees the root and its accounting; run once, by {@link #close()}
     * @return the batch
     */
    public static DefaultRecordBatch snapshotRows(VectorSchemaRoot root, RowType rowType, int bucket,
            String partitionName, long nextOffset, IntFunction<Row> rowView, Runnable release) {
        byte[] inserts = new byte[root.getRowCount()];
        Arrays.fill(inserts, ChangeType.INSERT.toByteValue());
        return new DefaultRecordBatch(root, rowType, inserts, bucket, partitionName, NO_OFFSET, nextOffset, NO_OFFSET,
                rowView, release);
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public RowType rowType() {
        return rowType;
    }

    @Override
    public int rowCount() {
        return root.getRowCount();
    }

    @Override
    public int bucket() {
        return bucket;
    }

    @Override
    public Optional<String> partition() {
        return Optional.ofNullable(partitionName);
    }

    @Override
    public long baseOffset() {
        return baseOffset;
    }

    @Override
    public long offset(int i) {
        checkIndex(i);
        return baseOffset == NO_OFFSET ? NO_OFFSET : baseOffset + i;
    }

    @Override
    public long nextOffset() {
        return nextOffset != FOLLOWS_ROWS ? nextOffset : baseOffset + rowCount();
    }

    @Override
    public long timestamp() {
        return timestamp;
    }

    @Override
    public ChangeType changeType(int i) {
        checkIndex(i);
        return changeTypes == null ? ChangeType.APPEND_ONLY : ChangeType.fromByteValue(changeTypes[i]);
    }

    @Override
    public boolean isAppendOnly() {
        return changeTypes == null;
    }

    @Override
    public Row row(int i) {
        checkIndex(i);
        return rowView.apply(i);
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    /** Frees the batch's memory. Safe to call more than once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= rowCount()) {
            throw new IndexOutOfBoundsException("Row " + i + " of a batch of " + rowCount());
        }
    }

    @Override
    public String toString() {
        String where = "RecordBatch{bucket=" + bucket + (partitionName == null ? "" : ", partition=" + partitionName);
        if (baseOffset == NO_OFFSET) {
            return where + ", snapshot rows=" + rowCount() + ", nextOffset=" + nextOffset() + "}";
        }
        return where + ", offsets=" + baseOffset + ".." + (nextOffset() - 1) + ", rows=" + rowCount() + "}";
    }
}
