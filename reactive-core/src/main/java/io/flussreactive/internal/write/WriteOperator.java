package io.flussreactive.internal.write;

import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

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
 * continues on {@link Schedulers#boundedElastic()}: results are delivered there, not on the client's
 * event loops. When space is freed, it asks upstream for more on the releasing thread, so that space
 * freed by a flush is asked for by the time the flush completes.
 *
 * @param <T> the correlation metadata type
 */
public final class WriteOperator<T> extends Flux<WriteResult<T>> {

    /** The most records asked of upstream at once. */
    static final int MAX_REQUEST_CHUNK = 256;

    /**
     * Where the drain loop runs when results arrive. A synchronous producer asked for more there may
     * run for as long as the buffer has room, so not on {@link Schedulers#parallel()}, whose few
     * threads also encode batches.
     */
    private static final Scheduler RESUMER = Schedulers.boundedElastic();

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

    /** One subscription: upstream subscriber and downstream subscription at once. */
    static final class WriteSubscriber<T> implements CoreSubscriber<WriteRecord<T>>, Subscription, ResultListener<T> {

        private final CoreSubscriber<? super WriteResult<T>> actual;
        private final RecordWriter writer;
        private final int maxPendingResults;
        /** Results in the runs the writer hands them over in (a batch's worth at a time). */
        private final Queue<List<WriteResult<T>>> results = Queues.<List<WriteResult<T>>>unboundedMultiproducer().get();
        private final AtomicInteger wip = new AtomicInteger();
        private final AtomicLong requested = new AtomicLong();

        // Touched only inside drain() (serialised by wip), or before subscription.
        private final Queue<WriteRecord<T>> waiting = new ArrayDeque<>();
        /** What the writer said when it refused the first waiting record for want of space, or null. */
        private Intake headRefusal;
        private Subscription upstream;
        /** The run of results being delivered, and the next to deliver of it. */
        private List<WriteResult<T>> currentResults;
        private int nextResult;
        private long taken;
        private long delivered;
        private long outstanding;
        private volatile boolean waitingForSpace;
        /** The thread inside this subscriber's upstream.request() call from the drain loop, or null. */
        private volatile Thread requestingThread;

        private volatile boolean upstreamDone;
        private volatile Throwable upstreamError;
        private volatile boolean cancelled;
        /** Whether a drain is scheduled on {@link #RESUMER} and has not started yet. */
        private final AtomicBoolean resumeScheduled = new AtomicBoolean();
        private final Queue<WriteRecord<T>> arrived = Queues.<WriteRecord<T>>unboundedMultiproducer().get();
        private boolean finishing;
        /** Set when the writer reported that it stopped taking records; the drain loop acts on it. */
        private volatile boolean writerStopped;
        /** Why the stream ends once the results of the records taken are delivered; set when it stops taking. */
        private volatile Throwable stopError;
        /** Tells the writer to forget this stream's interest in its stopping. */
        private volatile Disposable stopRegistration = Disposables.disposed();

        WriteSubscriber(CoreSubscriber<? super WriteResult<T>> actual, RecordWriter writer, int maxPendingResults) {
            this.actual = actual;
            this.writer = writer;
            this.maxPendingResults = maxPendingResults;
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (Operators.validate(upstream, s)) {
                upstream = s;
                actual.onSubscribe(this);
                stopRegistration = writer.whenStopped(this::onWriterStopped);
                drain();
            }
        }

        @Override
        public void onNext(WriteRecord<T> record) {
            if (upstreamDone) {
                Operators.onNextDropped(record, currentContext());
                return;
            }
            if (stopError != null) {
                // Upstream was cancelled and still emits what it had: none of it is taken.
                Operators.onDiscard(record, currentContext());
                return;
            }
            if (requestingThread == Thread.currentThread()) {
                // Emitted from inside our own upstream.request(), which the drain loop calls while it
                // holds wip on this very thread: take the record directly instead of through the queue.
                takeDirectly(record);
                return;
            }
            if (wip.get() == 0 && wip.compareAndSet(0, 1)) {
                // No other signal in progress: take the record directly too, then do what else is due.
                takeDirectly(record);
                int missed = wip.decrementAndGet();
                if (missed != 0) {
                    drainLoop(missed);
                } else if (needsDrain()) {
                    drain();
                }
                return;
            }
            arrived.offer(record);
            drain();
        }

        @Override
        public void onError(Throwable error) {
            if (upstreamDone) {
                Operators.onErrorDropped(error, currentContext());
                return;
            }
            upstreamError = error;
            upstreamDone = true;
            drain();
        }

        @Override
        public void onComplete() {
            if (upstreamDone) {
                return;
            }
            upstreamDone = true;
            drain();
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                if (requested.get() == Long.MAX_VALUE) {
                    // Unbounded already (a filter downstream asks for one more per dropped result): nothing changes.
                    return;
                }
                requested.getAndAccumulate(n, Operators::addCap);
                drain();
            }
        }

        @Override
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                stopRegistration.dispose();
                upstream.cancel();
                drain();
            }
        }

        /** The writer stopped taking records: called on the thread that stopped it, so only schedules a drain. */
        private void onWriterStopped() {
            writerStopped = true;
            resume();
        }

        @Override
        public void onResult(WriteResult<T> result) {
            onResults(List.of(result));
        }

        @Override
        public void onResults(List<WriteResult<T>> run) {
            results.offer(run);
            resume();
        }

        /**
         * Drains on {@link #RESUMER}: used when results arrive, which happens on the writer's sending
         * executor, often on an event loop. Handing results to downstream and asking a synchronous
         * upstream for more there would hold up the writer's I/O for as long as they take.
         */
        private void resume() {
            if (!resumeScheduled.compareAndSet(false, true)) {
                return;
            }
            try {
                RESUMER.schedule(() -> {
                    resumeScheduled.set(false);
                    drain();
                });
            } catch (RejectedExecutionException shutDown) {
                resumeScheduled.set(false);
                drain();
            }
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            drainLoop(1);
        }

        /** Does the pending work while holding {@code wip}, {@code missed} being the count this call owns. */
        private void drainLoop(int missed) {
            do {
                if (cancelled) {
                    discardWaiting();
                    results.clear();
                    currentResults = null;
                } else {
                    deliverResults();
                    boolean asked = false;
                    if (stopError == null) {
                        takeWaiting();
                        asked = requestMore();
                    }
                    if (finishIfDone()) {
                        return;
                    }
                    if (asked) {
                        // A synchronous upstream may have emitted (and we taken) records meanwhile: ask
                        // again, but deliver the results that came in first, so that they never pile up
                        // behind a producer that always has more.
                        continue;
                    }
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        /** Takes a record while holding wip (or inside the drain loop's own request to upstream). */
        private void takeDirectly(WriteRecord<T> record) {
            if (stopError != null) {
                outstanding--;
                Operators.onDiscard(record, currentContext());
                return;
            }
            if (!arrived.isEmpty() || !waiting.isEmpty() || cancelled) {
                // Records queued earlier go first; while waiting for space, the callback drains them.
                moveArrivedToWaiting();
                outstanding--;
                waiting.offer(record);
                if (!cancelled && !waitingForSpace) {
                    offerWaiting();
                }
                return;
            }
            outstanding--;
            Intake intake = writer.offer(record, this);
            if (intake.taken()) {
                taken++;
            } else if (intake.stopped()) {
                // Kept for the drain loop, which discards it with the rest when it stops.
                waiting.offer(record);
                writerStopped = true;
            } else {
                waiting.offer(record);
                headRefusal = intake;
                waitForSpace(intake.bytesNeeded());
            }
        }

        /**
         * Whether anything besides the record just handed over needs the drain loop: results to
         * deliver, records to take, more to ask of upstream, or completion.
         */
        private boolean needsDrain() {
            return currentResults != null || !results.isEmpty() || !arrived.isEmpty() || cancelled || upstreamDone
                    || writerStopped || outstanding <= MAX_REQUEST_CHUNK / 2;
        }

        private void deliverResults() {
            long demand = requested.get();
            long emitted = 0;
            while (emitted != demand) {
                if (currentResults == null) {
                    currentResults = results.poll();
                    nextResult = 0;
                    if (currentResults == null) {
                        break;
                    }
                }
                WriteResult<T> result = currentResults.get(nextResult++);
                if (nextResult == currentResults.size()) {
                    currentResults = null;
                }
                actual.onNext(result);
                emitted++;
            }
            if (emitted > 0) {
                delivered += emitted;
                if (demand != Long.MAX_VALUE) {
                    requested.addAndGet(-emitted);
                }
            }
        }

        private void takeWaiting() {
            moveArrivedToWaiting();
            offerWaiting();
        }

        private void moveArrivedToWaiting() {
            WriteRecord<T> record;
            while ((record = arrived.poll()) != null) {
                outstanding--;
                waiting.offer(record);
            }
        }

        private void offerWaiting() {
            WriteRecord<T> record;
            while ((record = waiting.peek()) != null) {
                Intake intake = headRefusal == null ? writer.offer(record, this)
                        : writer.offerAgain(record, headRefusal, this);
                if (intake.stopped()) {
                    writerStopped = true;
                    return;
                }
                if (!intake.taken()) {
                    headRefusal = intake;
                    waitForSpace(intake.bytesNeeded());
                    return;
                }
                headRefusal = null;
                waiting.poll();
                taken++;
            }
        }

        private void waitForSpace(long bytes) {
            if (!waitingForSpace) {
                waitingForSpace = true;
                writer.buffer().whenSpaceFreed(bytes, this::spaceFreed);
            }
        }

        private void spaceFreed() {
            waitingForSpace = false;
            // Right here, on the releasing thread, so that a flush that freed space finds its demand
            // back when it completes (a sink then takes rows again at once).
            drain();
        }

        /** Asks upstream for what the buffer and the results demand allow; returns whether it asked. */
        private boolean requestMore() {
            if (upstreamDone || !waiting.isEmpty() || upstream == null || cancelled || writerStopped) {
                return false;
            }
            long demand = requested.get();
            long pendingResults = taken - delivered + outstanding;
            long byResults = demand == Long.MAX_VALUE ? Long.MAX_VALUE : demand + maxPendingResults - pendingResults;
            long byBytes = writer.buffer().available() / writer.averageRecordSize() - outstanding;
            long n = Math.min(Math.min(byResults, byBytes), MAX_REQUEST_CHUNK - outstanding);
            if (n > 0 && (outstanding == 0 || n >= MAX_REQUEST_CHUNK / 2)) {
                outstanding += n;
                requestingThread = Thread.currentThread();
                try {
                    upstream.request(n);
                } finally {
                    requestingThread = null;
                }
                return true;
            }
            if (byBytes <= 0 && outstanding == 0) {
                // Full: ask to be called back when a record's worth of space is free, then ask upstream again.
                waitForSpace(writer.averageRecordSize());
            }
            return false;
        }

        private boolean finishIfDone() {
            if (writerStopped && stopError == null && !(upstreamDone && waiting.isEmpty() && arrived.isEmpty())) {
                // Records upstream has or may still hand over will not be taken: stop asking, end after the
                // results of those taken. (Had upstream completed with everything taken, the stream would
                // simply complete: the writer's close sends what it took.)
                stopError = writer.whyStopped();
                stopRegistration.dispose();
                upstream.cancel();
            }
            if (stopError != null) {
                discardWaiting();
                return endAfterLastResult(stopError);
            }
            if (!upstreamDone || !waiting.isEmpty() || !arrived.isEmpty()) {
                return false;
            }
            if (!finishing) {
                finishing = true;
                // The last records should not wait for their batches' linger.
                writer.sendOpenBatches();
            }
            return endAfterLastResult(upstreamError);
        }

        /** Ends the stream, completing or with {@code error}, once every record taken has had its result delivered. */
        private boolean endAfterLastResult(Throwable error) {
            if (delivered != taken || !results.isEmpty() || currentResults != null) {
                return false;
            }
            stopRegistration.dispose();
            if (error != null) {
                actual.onError(error);
            } else {
                actual.onComplete();
            }
            cancelled = true;
            return true;
        }

        private void discardWaiting() {
            WriteRecord<T> record;
            while ((record = arrived.poll()) != null) {
                Operators.onDiscard(record, currentContext());
            }
            while ((record = waiting.poll()) != null) {
                Operators.onDiscard(record, currentContext());
            }
            headRefusal = null;
        }
    }
}
