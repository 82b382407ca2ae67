package io.flussreactive.internal.write;

import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import org.reactivestreams.Publisher;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code write(Publisher<WriteRecord<T>>) -> Flux<WriteResult<T>>}: the bridge between a producer's
 * demand and the writer's buffer.
 *
 * <p>Upstream is asked for records only while both hold:
 * <ul>
 *   <li>the write buffer has room for them (estimated from the average record size), and</li>
 *   <li>the records taken but whose results were not yet delivered stay within the results demand of
 *       downstream plus {@code maxPendingResults}.</li>
 * </ul>
 * Requests go out in small chunks, so an estimate that was too low overshoots by one chunk at most;
 * records that arrive when the buffer is full wait here (at most one chunk) until
 * {@link WriteBuffer#whenSpaceFreed} calls back. No thread ever waits.
 *
 * <p>Results arrive in the order the server acknowledges them, not the order of the records. A record
 * that fails (invalid, or not stored) yields a failed result and the stream goes on. When upstream
 * completes, the open batches are sent at once and the flux completes after the last result. When
 * upstream fails, the records already taken are still written and their results delivered, then the
 * error is signalled.
 *
 * <p>When the writer stops taking records (it is closed, or its table was dropped), upstream is
 * cancelled at once, the records it handed over and the writer did not take are discarded, and the
 * flux ends with the writer's reason after the results of every record taken. A writer stopped
 * already fails the flux at once, without subscribing to upstream. When downstream cancels, upstream
 * is cancelled and records handed over but not taken are discarded; those taken are still written.
 *
 * <p>Threads: records are taken on the thread that emits them. When results arrive, the operator
 * continues on {@link Schedulers#boundedElastic()}: results are delivered and upstream is asked for more
 * there, not on the client's event loops (a synchronous upstream produces on the thread that asks it).
 * When space is freed, upstream is asked once on the releasing thread, so that space freed by a flush is
 * asked for by the time the flush completes, and for the rest on {@link Schedulers#boundedElastic()}.
 *
 * @param <T> the correlation metadata type
 */
public final class WriteOperator<T> extends Flux<WriteResult<T>> {

    /** The most records asked of upstream at once. */
    static final int MAX_REQUEST_CHUNK = 256;

    /**
     * Where the drain loop runs when results arrive, and after space is freed. A synchronous producer
     * asked for more there may run for as long as the buffer has room, so not on
     * {@link Schedulers#parallel()}, whose few threads also encode batches.
     */
    static final Scheduler RESUMER = Schedulers.boundedElastic();

    private final Publisher<? extends WriteRecord<T>> source;
    private final RecordWriter writer;
    private final int maxPendingResults;

    /**
     * @param source the records
     * @param writer the writer taking them
     * @param maxPendingResults records that may be taken beyond downstream's demand for results
     */
    public WriteOperator(Publisher<? extends WriteRecord<T>> source, RecordWriter writer, int maxPendingResults) {
        this.source = source;
        this.writer = writer;
        this.maxPendingResults = maxPendingResults;
    }

    @Override
    public void subscribe(CoreSubscriber<? super WriteResult<T>> actual) {
        RuntimeException stopped = writer.whyStopped();
        if (stopped != null) {
            // Nothing of upstream is subscribed, so nothing of it is drained into a writer that takes nothing.
            Operators.error(actual, stopped);
            return;
        }
        source.subscribe(new WriteSubscriber<>(actual, writer, maxPendingResults));
    }
}
