package io.flussreactive.write;

import io.flussreactive.row.Row;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What append writers and upsert writers share: streams of records in, one result per record out,
 * with the client's write buffer turned into backpressure.
 *
 * <p>Records are collected into one batch per bucket. A batch leaves at once when its bucket has nothing
 * in flight, else when the bucket's batches in flight are answered, when it is full
 * ({@link WriterOptions#batchSizeBytes()}), or after {@link WriterOptions#batchLinger()} at the latest
 * (see {@link WriterOptions#lingerOnlyWhenBusy()}). Records
 * waiting to be acknowledged occupy the client's write buffer; when it is full the writer asks its
 * producers for nothing more until acknowledgements free space: no thread waits.
 *
 * <p>Thread-safe: any number of {@link #write} streams and sinks may feed one writer at once. Close
 * writers when done with them.
 */
public sealed interface FlussWriter permits AppendWriter, UpsertWriter {

    /**
     * Writes a stream of records and returns each record's result, in acknowledgement order.
     *
     * <p>Upstream is asked for records only while the write buffer has room and while the records
     * taken but not yet reported stay within downstream's demand for results plus
     * {@link WriterOptions#maxPendingResults()}: reading results slowly slows the producer. A record that
     * fails yields a failed {@link WriteResult}; the stream goes on. When upstream completes, the last
     * batches are sent at once and the results complete after the last one.
     *
     * <p>Cancelling the results cancels upstream: records it hands over afterwards are not taken but
     * discarded (see {@code Flux#doOnDiscard}); records taken before are still written, their results
     * unseen. When the writer is closed (by {@link #close()} or by its client's close) while the stream
     * runs, upstream is cancelled at once, records handed over and not taken are discarded, and the
     * results end with a {@link WriterClosedException} after the result of every record taken. On a
     * writer closed already, the results fail with it at once and upstream is never subscribed.
     *
     * <p>When the table is dropped (or dropped and created again under its name), the writer stops the
     * same way within seconds of metadata saying so: the records it holds fail with a
     * {@link io.flussreactive.error.TableNotExistException}, and the results end with one. When a
     * partition is dropped, only the records held for it fail, with a
     * {@link io.flussreactive.error.PartitionNotExistException}; the stream goes on.
     *
     * @param records the records; each is written once
     * @param <T> the correlation metadata type
     * @return one result per record
     */
    <T> Flux<WriteResult<T>> write(Publisher<? extends WriteRecord<T>> records);

    /**
     * Writes a stream of rows (appends or upserts); each result carries its row as correlation metadata.
     *
     * @param rows the rows
     * @return one result per row
     */
    Flux<WriteResult<Row>> writeRows(Publisher<? extends Row> rows);

    /**
     * A sink to push rows into from imperative code, with Reactor's {@code Sinks.Many} contract:
     * {@code tryEmitNext} answers {@code FAIL_OVERFLOW} while the write buffer is full. Writing starts
     * at once; results can be followed with {@link FlussSink#results()}.
     *
     * @return a new sink feeding this writer
     */
    FlussSink sink();

    /**
     * A sink to push records into from imperative code, like {@link #sink()}, but each record carries
     * its own correlation metadata, which its result returns (and may be a delete, for primary-key
     * tables). Writing starts at once.
     *
     * @param <T> the correlation metadata type
     * @return a new sink feeding this writer
     */
    <T> FlussRecordSink<T> recordSink();

    /**
     * Sends everything written so far and completes when all of it is acknowledged.
     *
     * @return completes when every record taken before this call is stored; fails with
     *     {@link WriteFailedException} if any record taken since the previous flush failed (each
     *     failure is also in that record's result)
     */
    Mono<Void> flush();

    /**
     * Stops taking records, sends and waits for what was taken, and releases the writer's memory. Write
     * streams and sinks feeding the writer stop at once (see {@link #write}).
     * Closing starts with the first subscription and then runs to its end even if nobody waits for it
     * any more (cancelling only stops the waiting). Safe to call more than once: every call waits for
     * the same closing.
     *
     * @return completes when done; fails like {@link #flush()} when records failed
     */
    Mono<Void> close();
}
