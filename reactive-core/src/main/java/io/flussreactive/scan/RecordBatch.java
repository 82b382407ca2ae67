package io.flussreactive.scan;

import io.flussreactive.row.Row;
import io.flussreactive.type.RowType;
import java.util.Optional;
import java.util.function.Function;
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
 * <p>Row {@code i} has offset {@code baseOffset() + i}; every row has the batch's commit timestamp. The
 * rows of a KV snapshot ({@link Scan#fromSnapshot()}) are inserts without offset or timestamp: those
 * are -1, and so is {@link #nextOffset()}, but for the last batch of a bucket's snapshot, where it is
 * the offset the bucket's changelog goes on from.
 */
public interface RecordBatch extends AutoCloseable {

    /** The columns. Valid until {@link #close()}. */
    VectorSchemaRoot root();

    /** The type of the columns (the projected ones, in the scan's order). */
    RowType rowType();

    /** The number of rows. */
    int rowCount();

    /** The bucket the batch was read from. */
    int bucket();

    /** The partition the batch was read from, if the table is partitioned. */
    Optional<String> partition();

    /** The offset of the first row. */
    long baseOffset();

    /** The offset of row {@code i}. */
    long offset(int i);

    /** The offset after the last row: where reading goes on. */
    long nextOffset();

    /** When the server stored the batch, in epoch milliseconds: the timestamp of every row. */
    long timestamp();

    /** The change type of row {@code i}. */
    ChangeType changeType(int i);

    /** Whether every row is an append ({@code +A}), as in log tables. */
    boolean isAppendOnly();

    /**
     * A view of row {@code i}: reads the Arrow columns, valid until {@link #close()}. Copy it with
     * {@link io.flussreactive.row.GenericRow#copyOf} to keep it.
     */
    Row row(int i);

    /** Whether {@link #close()} ran. */
    boolean isClosed();

    /** Frees the batch's memory. Safe to call more than once. */
    @Override
    void close();

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
    static <T> Function<Flux<T>, Flux<T>> closeDiscarded() {
        return flux -> flux.doOnDiscard(RecordBatch.class, RecordBatch::close);
    }
}
