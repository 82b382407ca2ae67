package io.flussreactive.internal.write;

import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * One subscription of a {@link WriteOperator}: upstream's subscriber and downstream's subscription at
 * once. It takes records into the writer while the buffer has room and downstream's demand for results
 * allows, delivers the results as they come, and ends the stream when upstream has ended (or the writer
 * stopped) and every record taken has its result.
 *
 * <p>Signals are serialised by a work-in-progress counter ({@code wip}): whichever thread gets it runs
 * the drain loop; the others leave their work for it. No thread ever waits.
 *
 * @param <T> the correlation metadata type
 */
final class WriteSubscriber<T> implements CoreSubscriber<WriteRecord<T>>, Subscription, ResultListener<T> {

    private final CoreSubscriber<? super WriteResult<T>> actual;
    private final RecordWriter writer;
    private final int maxPendingResults;
    /** Results in the runs the writer hands them over in (a batch's worth at a time). */
    private final ResultQueue<T> results = new ResultQueue<>();
    /** Downstream's onNext, made once rather than on every delivery. */
    private final Consumer<WriteResult<T>> deliver;
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong requested = new AtomicLong();

    // Touched only inside drain() (serialised by wip), or before subscription.
    private final Queue<WriteRecord<T>> waiting = new ArrayDeque<>();
    /** What the writer said when it refused the first waiting record for want of space, or null. */
    private OfferOutcome headRefusal;
    private Subscription upstream;
    private long taken;
    private long delivered;
    private long outstanding;
    private volatile boolean waitingForSpace;
    /** The thread inside this subscriber's upstream.request() call from the drain loop, or null. */
    private volatile Thread requestingThread;

    private volatile boolean upstreamDone;
    private volatile Throwable upstreamError;
    private volatile boolean cancelled;
    /** Set when space was freed: the next drain loop asks upstream once, and leaves the rest to the resumer. */
    private volatile boolean oneRequestOnReleasingThread;
    /** Whether a drain is scheduled on {@link #WriteOperator.RESUMER} and has not started yet. */
    private final AtomicBoolean resumeScheduled = new AtomicBoolean();
    /**
     * Records handed over while another thread held {@code wip}. Polled by the drain loop, and after the
     * stream ended by whoever hands one over (a stream that ended runs no drain loop any more), so it may
     * have two consumers: hence a queue that allows that.
     */
    private final Queue<WriteRecord<T>> arrived = new ConcurrentLinkedQueue<>();
    /** Set when the stream ended (completed, failed or stopped): no drain loop runs after that. */
    private volatile boolean terminated;
    private boolean finishing;
    /** Set when the writer reported that it stopped taking records; the drain loop acts on it. */
    private volatile boolean writerStopped;
    /** Why the stream ends once the results of the records taken are delivered; set when it stops taking. */
    private volatile Throwable stopError;
    /** Tells the writer to forget this stream's interest in its stopping. */
    private volatile Disposable stopRegistration = Disposables.disposed();

    WriteSubscriber(CoreSubscriber<? super WriteResult<T>> actual, RecordWriter writer, int maxPendingResults) {
        this.actual = actual;
        this.deliver = actual::onNext;
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
        if (terminated) {
            // The stream ended while the record was on its way: nothing will take it.
            discardArrived();
            return;
        }
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
        results.add(run);
        resume();
    }

    /**
     * Drains on {@link #WriteOperator.RESUMER}: used when results arrive (and after the one request made
     * where space was freed), which happens on the writer's sending executor, often on an event loop.
     * Handing results to downstream and asking a synchronous upstream for more there would hold up the
     * writer's I/O for as long as they take.
     */
    private void resume() {
        if (!resumeScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            WriteOperator.RESUMER.schedule(() -> {
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
        boolean oneRequestOnly = oneRequestOnReleasingThread;
        if (oneRequestOnly) {
            oneRequestOnReleasingThread = false;
        }
        boolean askedHere = false;
        boolean resumeAfter = false;
        do {
            if (cancelled) {
                discardWaiting();
                results.clear();
            } else {
                deliverResults();
                boolean asked = false;
                if (stopError == null) {
                    takeWaiting();
                    if (oneRequestOnly && askedHere) {
                        resumeAfter = true;
                    } else {
                        asked = requestMore();
                        askedHere |= asked;
                    }
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
        if (resumeAfter) {
            resume();
        }
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
        OfferOutcome outcome = writer.offer(record, this);
        if (outcome.taken()) {
            taken++;
        } else if (outcome.stopped()) {
            // Kept for the drain loop, which discards it with the rest when it stops.
            waiting.offer(record);
            writerStopped = true;
        } else {
            waiting.offer(record);
            headRefusal = outcome;
            waitForSpace(outcome.bytesNeeded());
        }
    }

    /**
     * Whether anything besides the record just handed over needs the drain loop: results to
     * deliver, records to take, more to ask of upstream, or completion.
     */
    private boolean needsDrain() {
        return !results.isEmpty() || !arrived.isEmpty() || cancelled || upstreamDone
                || writerStopped || outstanding <= WriteOperator.MAX_REQUEST_CHUNK / 2;
    }

    private void deliverResults() {
        long demand = requested.get();
        long emitted = results.deliver(demand, deliver);
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
            OfferOutcome outcome = headRefusal == null ? writer.offer(record, this)
                    : writer.offerAgain(record, headRefusal, this);
            if (outcome.stopped()) {
                writerStopped = true;
                return;
            }
            if (!outcome.taken()) {
                headRefusal = outcome;
                waitForSpace(outcome.bytesNeeded());
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
        // Upstream is asked right here, on the releasing thread, so that space freed by a flush is asked
        // for by the time the flush completes (a sink then takes rows again at once). But once only: that
        // thread is often an event loop settling batches, and a synchronous producer asked for more runs on
        // the thread that asks, so it would hold up the very answers that free the buffer. The rest is
        // asked on the resumer.
        oneRequestOnReleasingThread = true;
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
        long n = Math.min(Math.min(byResults, byBytes), WriteOperator.MAX_REQUEST_CHUNK - outstanding);
        if (n > 0 && (outstanding == 0 || n >= WriteOperator.MAX_REQUEST_CHUNK / 2)) {
            outstanding += n;
            requestingThread = Thread.currentThread();
            writer.producerEmitting();
            try {
                upstream.request(n);
            } finally {
                requestingThread = null;
                writer.producerDone();
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
            writer.streamEnded();
        }
        return endAfterLastResult(upstreamError);
    }

    /** Ends the stream, completing or with {@code error}, once every record taken has had its result delivered. */
    private boolean endAfterLastResult(Throwable error) {
        if (delivered != taken || !results.isEmpty()) {
            return false;
        }
        stopRegistration.dispose();
        cancelled = true;
        terminated = true;
        // Records handed over meanwhile (as upstream's cancel raced with its emissions) are not taken.
        discardWaiting();
        if (error != null) {
            actual.onError(error);
        } else {
            actual.onComplete();
        }
        return true;
    }

    private void discardWaiting() {
        discardArrived();
        WriteRecord<T> record;
        while ((record = waiting.poll()) != null) {
            Operators.onDiscard(record, currentContext());
        }
        headRefusal = null;
    }

    private void discardArrived() {
        WriteRecord<T> record;
        while ((record = arrived.poll()) != null) {
            Operators.onDiscard(record, currentContext());
        }
    }
}
