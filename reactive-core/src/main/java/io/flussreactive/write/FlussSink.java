package io.flussreactive.write;

import io.flussreactive.row.Row;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Pushes rows into a writer from imperative code, with Reactor's {@link Sinks.Many} contract.
 *
 * <ul>
 *   <li>{@link #tryEmitNext} takes the row, or answers {@link Sinks.EmitResult#FAIL_OVERFLOW} while the
 *       write buffer is full (wait for {@link #whenReady()}, or use {@link #emit}),
 *       {@link Sinks.EmitResult#FAIL_TERMINATED} after {@link #tryEmitComplete} or once the writer is
 *       closed (the results then end with {@link WriterClosedException} after the last of them), and
 *       {@link Sinks.EmitResult#FAIL_NON_SERIALIZED} when called from two threads at once.</li>
 *   <li>{@link #emit} returns a {@code Mono<Void>} that completes when the row is taken into the buffer:
 *       the non-blocking way to wait for space; {@link #whenReady()} completes when there is room, for
 *       producers that use {@code tryEmitNext}.</li>
 *   <li>{@link #results()} reports each row's outcome; {@link #asFlux()} the rows that were stored.</li>
 *   <li>{@link #tryEmitComplete} sends what is left at once; {@link #flush()} waits for the server.</li>
 * </ul>
 *
 * <p>Writing does not depend on anyone reading the results: they are published as they come, to
 * whoever subscribes, each subscriber with a buffer of {@link WriterOptions#maxPendingResults()}
 * results (a subscriber that falls further behind fails with an overflow error).
 */
public interface FlussSink extends Sinks.Many<Row> {

    /** The most {@link #emit} (and {@link #whenReady}) calls that may wait for space at once; more fail. */
    int MAX_WAITING_EMITS = 1024;

    /**
     * Takes a row as soon as the write buffer has room: completes when the row is taken. Calls wait in
     * order; at most {@link #MAX_WAITING_EMITS} may wait at once (more fail with
     * {@link Sinks.EmissionException}). Chain them (for example with {@code concatMap}) rather than
     * firing many at once.
     *
     * @param row the row
     * @return completes when taken; fails when the sink is terminated or too many calls wait
     */
    Mono<Void> emit(Row row);

    /**
     * Completes when the sink may take a row: at once while the writer asks for rows, else as soon as
     * acknowledgements free room in the write buffer. For producers that use {@link #tryEmitNext}: wait
     * for this after {@link Sinks.EmitResult#FAIL_OVERFLOW} instead of trying again in a loop. Another
     * producer may take the room first, so {@code tryEmitNext} can still overflow afterwards; then wait
     * again. At most {@link #MAX_WAITING_EMITS} calls may wait at once (more fail).
     *
     * <pre>{@code
     * // on a thread that may block (never a Reactor or Netty thread):
     * while (sink.tryEmitNext(row) == Sinks.EmitResult.FAIL_OVERFLOW) {
     *     sink.whenReady().block();
     * }
     * }</pre>
     *
     * @return completes when there is room; fails with {@link Sinks.EmissionException} once the sink is
     *     terminated (completed, failed, or its writer closed)
     */
    Mono<Void> whenReady();

    /**
     * Each row's outcome, as the server acknowledges them; the correlation metadata of each result is
     * its row (for metadata of your own, see {@link FlussRecordSink}). Hot: subscribe before emitting,
     * since results published before a subscriber came are not replayed.
     */
    Flux<WriteResult<Row>> results();

    /**
     * Completes when every row emitted before the call is acknowledged.
     *
     * @return fails with {@link WriteFailedException} when rows failed
     */
    Mono<Void> flush();
}
