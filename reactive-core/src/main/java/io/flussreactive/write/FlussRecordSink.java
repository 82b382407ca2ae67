package io.flussreactive.write;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Pushes records into a writer from imperative code, with Reactor's {@link Sinks.Many} contract: like
 * {@link FlussSink}, but each record brings its own correlation metadata (an id, an offset to commit, a
 * reply to send), which its {@link WriteResult} returns, and may be a delete
 * ({@link WriteRecord#delete}). Obtain it from {@link FlussWriter#recordSink()}.
 *
 * <ul>
 *   <li>{@link #tryEmitNext} takes the record, or answers {@link Sinks.EmitResult#FAIL_OVERFLOW} while the
 *       write buffer is full (wait for {@link #whenReady()}, or use {@link #emit}),
 *       {@link Sinks.EmitResult#FAIL_TERMINATED} after {@link #tryEmitComplete} or once the writer is
 *       closed (the results then end with {@link WriterClosedException} after the last of them), and
 *       {@link Sinks.EmitResult#FAIL_NON_SERIALIZED} when called from two threads at once.</li>
 *   <li>{@link #emit} returns a {@code Mono<Void>} that completes when the record is taken into the buffer:
 *       the non-blocking way to wait for space; {@link #whenReady()} completes when there is room, for
 *       producers that use {@code tryEmitNext}.</li>
 *   <li>{@link #results()} reports each record's outcome; {@link #asFlux()} the records that were stored.</li>
 *   <li>{@link #tryEmitComplete} sends what is left at once; {@link #flush()} waits for the server.</li>
 * </ul>
 *
 * <p>Writing does not depend on anyone reading the results: they are published as they come, to
 * whoever subscribes, each subscriber with a buffer of {@link WriterOptions#maxPendingResults()}
 * results (a subscriber that falls further behind fails with an overflow error).
 *
 * @param <T> the correlation metadata type
 */
public interface FlussRecordSink<T> extends Sinks.Many<WriteRecord<T>> {

    /**
     * Takes a record as soon as the write buffer has room: completes when the record is taken. Calls wait in
     * order; at most {@link FlussSink#MAX_WAITING_EMITS} may wait at once (more fail with
     * {@link Sinks.EmissionException}). Chain them (for example with {@code concatMap}) rather than
     * firing many at once.
     *
     * @param record the record
     * @return completes when taken; fails when the sink is terminated or too many calls wait
     */
    Mono<Void> emit(WriteRecord<T> record);

    /**
     * Completes when the sink may take a record: at once while the writer asks for records, else as soon as
     * acknowledgements free room in the write buffer. For producers that use {@link #tryEmitNext}: wait
     * for this after {@link Sinks.EmitResult#FAIL_OVERFLOW} instead of trying again in a loop. Another
     * producer may take the room first, so {@code tryEmitNext} can still overflow afterwards; then wait
     * again. At most {@link FlussSink#MAX_WAITING_EMITS} calls may wait at once (more fail).
     *
     * <pre>{@code
     * // on a thread that may block (never a Reactor or Netty thread):
     * while (sink.tryEmitNext(record) == Sinks.EmitResult.FAIL_OVERFLOW) {
     *     sink.whenReady().block();
     * }
     * }</pre>
     *
     * @return completes when there is room; fails with {@link Sinks.EmissionException} once the sink is
     *     terminated (completed, failed, or its writer closed)
     */
    Mono<Void> whenReady();

    /**
     * Each record's outcome, as the server acknowledges them, with the record's correlation metadata.
     * Hot: subscribe before emitting, since results published before a subscriber came are not replayed.
     */
    Flux<WriteResult<T>> results();

    /**
     * Completes when every record emitted before the call is acknowledged.
     *
     * @return fails with {@link WriteFailedException} when records failed
     */
    Mono<Void> flush();
}
