package io.flussreactive.scan;

import io.flussreactive.row.Row;
import io.flussreactive.type.RowType;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.arrow.vector.VectorSchemaRoot;
import reactor.core.publisher.Flux;

/**
 * A batch of records read from one bucket, as Arrow columns: the records stay in the Arrow buffers
 * they were decoded into, with no per-row objects.
 *
 * <p>The batch owns off-heap memory: {@link #close()} it when done (try-with-resources), or keep
 * what you need with {@link io.flussreactive.row.GenericRow#copyOf} first. Batches the scan still
 * holds when it is cancelled or fails are closed for you. Batches that your own operators drop
 * ({@code publishOn}, {@code flatMap}, {@code delayElements} and the like drop what they queued when
 * cancelled) are freed once the garbage collector finds the batch, its root, its vectors and its row
 * views all unreachable, with one warning per scan naming where the batch was delivered; to free
 * them at once, apply {@link #closeDiscarded()} after those operators.
 *
 * <p>Row {@code i} has offset {@code baseOffset() + i}; every row has the batch's commit timestamp.
 */
public final class RecordBatch implements AutoCloseable {

    private final VectorSchemaRoot root;
    private final RowType rowType;
    private final byte[] changeTypes;
    private final int bucket;
    private final String partitionName;
    private final long baseOffset;
    private final long timestamp;
    private final IntFunction<Row> rowView;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Built by the scanner.
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
    public RecordBatch(VectorSchemaRoot root, RowType rowType, byte[] changeTypes, int bucket, String partitionName,
            long baseOffset, long timestamp, IntFunction<Row> rowView, Runnable release) {
        this.root = root;
        this.rowType = rowType;
        this.changeTypes = changeTypes;
        this.bucket = bucket;
        this.partitionName = partitionName;
        this.baseOffset = baseOffset;
        this.timestamp = timestamp;
        this.rowView = rowView;
        this.release = release;
    }

    /** The columns. Valid until {@link #close()}. */
    public VectorSchemaRoot root() {
        return root;
    }

    /** The type of the columns (the projected ones, in the scan's order). */
    public RowType rowType() {
        return rowType;
    }

    /** The number of rows. */
    public int rowCount() {
        return root.getRowCount();
    }

    /** The bucket the batch was read from. */
    public int bucket() {
        return bucket;
    }

    /** The partition the batch was read from, if the table is partitioned. */
    public Optional<String> partition() {
        return Optional.ofNullable(partitionName);
    }

    /** The offset of the first row. */
    public long baseOffset() {
        return baseOffset;
    }

    /** The offset of row {@code i}. */
    public long offset(int i) {
        checkIndex(i);
        return baseOffset + i;
    }

    /** The offset after the last row: where reading goes on. */
    public long nextOffset() {
        return baseOffset + rowCount();
    }

    /** When the server stored the batch, in epoch milliseconds: the timestamp of every row. */
    public long timestamp() {
        return timestamp;
    }

    /** The change type of row {@code i}. */
    public ChangeType changeType(int i) {
        checkIndex(i);
        return changeTypes == null ? ChangeType.APPEND_ONLY : ChangeType.fromByteValue(changeTypes[i]);
    }

    /** Whether every row is an append ({@code +A}), as in log tables. */
    public boolean isAppendOnly() {
        return changeTypes == null;
    }

    /**
     * A view of row {@code i}: reads the Arrow columns, valid until {@link #close()}. Copy it with
     * {@link io.flussreactive.row.GenericRow#copyOf} to keep it.
     */
    public Row row(int i) {
        checkIndex(i);
        return rowView.apply(i);
    }

    /** Whether {@link #close()} ran. */
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

    /**
     * Closes the batches that operators upstream of where it is applied drop without passing them on:
     * {@code publishOn}, {@code flatMap} and the like drop what they queued when cancelled or failed,
     * and the batch's memory would otherwise wait for the garbage collector. Apply it after your own
     * operators, with {@code transform}:
     *
     * <pre>{@code
     * scan.batches()
     *     .publishOn(Schedulers.boundedElastic())
     *     .take(3)
     *     .transform(RecordBatch.closeDiscarded())
     * }</pre>
     *
     * @param <T> what the stream carries by then
     * @return {@code flux -> flux.doOnDiscard(RecordBatch.class, RecordBatch::close)}
     */
    public static <T> Function<Flux<T>, Flux<T>> closeDiscarded() {
        return flux -> flux.doOnDiscard(RecordBatch.class, RecordBatch::close);
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= rowCount()) {
            throw new IndexOutOfBoundsException("Row " + i + " of a batch of " + rowCount());
        }
    }

    @Override
    public String toString() {
        return "RecordBatch{bucket=" + bucket + (partitionName == null ? "" : ", partition=" + partitionName)
                + ", offsets=" + baseOffset + ".." + (nextOffset() - 1) + ", rows=" + rowCount() + "}";
    }
}
