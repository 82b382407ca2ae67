package io.flussreactive.internal.write;

import io.flussreactive.write.FlussSink;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Operators;
import reactor.core.publisher.SignalType;
import reactor.core.publisher.Sinks;

/**
 * The machinery of the writer sinks: what is emitted goes to a writer engine through a
 * {@link WriteOperator}, whose demand decides whether an emission is taken, and the results are
 * published to whoever subscribes. Rows and records are written the same way; the subclasses say how
 * an emitted element becomes a record and what its result carries.
 *
 * @param <E> what is emitted
 * @param <T> the correlation metadata of the results
 */
abstract class AbstractSink<E, T> implements Sinks.Many<E> {

    /** The most {@link #emit} (and {@link #whenReady}) calls that may wait for space at once; more fail. */
    static final int MAX_WAITING_EMITS = FlussSink.MAX_WAITING_EMITS;


    private final RecordWriter writer;
    private final int maxPendingResults;
    private final Emissions input = new Emissions();
    /** The results as the operator reports them: each carries the element emitted. */
    private final Sinks.Many<WriteResult<E>> resultsOut = Sinks.many().multicast().directBestEffort();
    private final BoundedWaiters<WaitingEmit<E>> waitingEmits = new BoundedWaiters<>(MAX_WAITING_EMITS);
    private final BoundedWaiters<MonoSink<Void>> waitingForRoom = new BoundedWaiters<>(MAX_WAITING_EMITS);
    private final AtomicInteger emitDrain = new AtomicInteger();
    private volatile boolean retryAfterEmit;

    /**
     * A sink feeding a writer engine; writing starts at once.
     *
     * @param writer the engine
     * @param maxPendingResults results buffered for each slow subscriber of {@link #results()}
     */
    AbstractSink(RecordWriter writer, int maxPendingResults) {
        this.writer = writer;
        this.maxPendingResults = maxPendingResults;
        new WriteOperator<>(input, writer, maxPendingResults).subscribe(new ResultsRelay());
    }

    /** The record to write for an element emitted; its correlation is the element itself. */
    abstract WriteRecord<E> recordOf(E element);

    /** What a result tells its subscribers, from the result of the element's record. */
    abstract WriteResult<T> resultOf(WriteResult<E> result);

    @Override
    public Sinks.EmitResult tryEmitNext(E element) {
        return input.tryEmitNext(recordOf(element));
    }

    @Override
    public Sinks.EmitResult tryEmitComplete() {
        return input.tryTerminate(null);
    }

    @Override
    public Sinks.EmitResult tryEmitError(Throwable error) {
        return input.tryTerminate(error);
    }

    @Override
    public void emitNext(E element, Sinks.EmitFailureHandler failureHandler) {
        for (;;) {
            Sinks.EmitResult result = tryEmitNext(element);
            if (result.isSuccess()) {
                return;
            }
            if (!failureHandler.onEmitFailure(SignalType.ON_NEXT, result)) {
                throw new Sinks.EmissionException(result, "Could not emit a row to the Fluss writer: " + result);
            }
        }
    }

    @Override
    public void emitComplete(Sinks.EmitFailureHandler failureHandler) {
        for (;;) {
            Sinks.EmitResult result = tryEmitComplete();
            if (result.isSuccess() || !failureHandler.onEmitFailure(SignalType.ON_COMPLETE, result)) {
                return;
            }
        }
    }

    @Override
    public void emitError(Throwable error, Sinks.EmitFailureHandler failureHandler) {
        for (;;) {
            Sinks.EmitResult result = tryEmitError(error);
            if (result.isSuccess() || !failureHandler.onEmitFailure(SignalType.ON_ERROR, result)) {
                return;
            }
        }
    }

    /** See {@link FlussSink#emit}. */
    public Mono<Void> emit(E element) {
        return Mono.create(sink -> {
            if (!waitingEmits.offer(new WaitingEmit<>(element, sink))) {
                sink.error(new Sinks.EmissionException(Sinks.EmitResult.FAIL_OVERFLOW,
                        "More than " + MAX_WAITING_EMITS + " emit() calls are waiting for space"));
                return;
            }
            retryWaitingEmits();
        });
    }

    /** See {@link FlussSink#whenReady}. */
    public Mono<Void> whenReady() {
        return Mono.create(sink -> {
            if (!waitingForRoom.offer(sink)) {
                sink.error(new Sinks.EmissionException(Sinks.EmitResult.FAIL_OVERFLOW,
                        "More than " + MAX_WAITING_EMITS + " whenReady() calls are waiting for room"));
                return;
            }
            // Checked after joining the queue, so that room that came meanwhile is not missed.
            if (input.requested.get() > 0 || input.terminated) {
                signalRoom();
            }
        });
    }

    /** Completes every {@link #whenReady()} waiting, or fails them when the sink is terminated. */
    private void signalRoom() {
        MonoSink<Void> waiting;
        while ((waiting = waitingForRoom.poll()) != null) {
            if (input.terminated) {
                waiting.error(new Sinks.EmissionException(Sinks.EmitResult.FAIL_TERMINATED, "The sink is terminated"));
            } else {
                waiting.success();
            }
        }
    }

    private void retryWaitingEmits() {
        if (emitDrain.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            WaitingEmit<E> next;
            while ((next = waitingEmits.peek()) != null) {
                Sinks.EmitResult result = tryEmitNext(next.element);
                if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
                    // Called again when the writer asks for more rows.
                    break;
                }
                if (result == Sinks.EmitResult.FAIL_NON_SERIALIZED) {
                    // Another thread is emitting: it calls this again when it is done.
                    retryAfterEmit = true;
                    break;
                }
                waitingEmits.poll();
                if (result.isSuccess()) {
                    next.sink.success();
                } else {
                    next.sink.error(new Sinks.EmissionException(result, "Could not emit a row: " + result));
                }
            }
            missed = emitDrain.addAndGet(-missed);
        } while (missed != 0);
    }

    /** See {@link FlussSink#results}. */
    public Flux<WriteResult<T>> results() {
        return resultsOut.asFlux().map(this::resultOf).onBackpressureBuffer(maxPendingResults);
    }

    /** What was emitted and stored, as it is acknowledged (hot, like {@link #results()}). */
    @Override
    public Flux<E> asFlux() {
        return resultsOut.asFlux().filter(WriteResult::isSuccess).map(WriteResult::correlation)
                .onBackpressureBuffer(maxPendingResults);
    }

    /** See {@link FlussSink#flush}. */
    public Mono<Void> flush() {
        return writer.flush();
    }

    @Override
    public int currentSubscriberCount() {
        return resultsOut.currentSubscriberCount();
    }

    @Override
    public Object scanUnsafe(Scannable.Attr key) {
        if (key == Scannable.Attr.TERMINATED) {
            return input.terminated;
        }
        if (key == Scannable.Attr.CANCELLED) {
            return input.cancelled;
        }
        return null;
    }

    /**
     * What is emitted, as the writer's upstream: an element goes through only while the writer has asked
     * for records it has not received (which it does only while the write buffer has room).
     */
    private final class Emissions extends Flux<WriteRecord<E>> implements Subscription {

        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger emitting = new AtomicInteger();
        private volatile CoreSubscriber<? super WriteRecord<E>> subscriber;
        private volatile boolean terminated;
        private volatile boolean cancelled;

        @Override
        public void subscribe(CoreSubscriber<? super WriteRecord<E>> actual) {
            subscriber = actual;
            actual.onSubscribe(this);
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                requested.getAndAccumulate(n, Operators::addCap);
                // Rows waiting in emit() go first, now that there is demand.
                retryWaitingEmits();
                signalRoom();
            }
        }

        @Override
        public void cancel() {
            // Only the writer's stopping cancels the rows' stream: the sink is over for its producers.
            cancelled = true;
            terminated = true;
            signalRoom();
        }

        Sinks.EmitResult tryEmitNext(WriteRecord<E> record) {
            if (terminated) {
                return Sinks.EmitResult.FAIL_TERMINATED;
            }
            if (cancelled) {
                return Sinks.EmitResult.FAIL_CANCELLED;
            }
            if (emitting.getAndIncrement() != 0) {
                emitting.decrementAndGet();
                return Sinks.EmitResult.FAIL_NON_SERIALIZED;
            }
            try {
                if (terminated) {
                    return Sinks.EmitResult.FAIL_TERMINATED;
                }
                if (requested.get() == 0) {
                    return Sinks.EmitResult.FAIL_OVERFLOW;
                }
                requested.decrementAndGet();
                subscriber.onNext(record);
                return Sinks.EmitResult.OK;
            } finally {
                emitting.decrementAndGet();
                // An emit() that found this call in progress gave up for now: let it try again.
                if (retryAfterEmit) {
                    retryAfterEmit = false;
                    retryWaitingEmits();
                }
            }
        }

        Sinks.EmitResult tryTerminate(Throwable error) {
            if (terminated) {
                return Sinks.EmitResult.FAIL_TERMINATED;
            }
            if (emitting.getAndIncrement() != 0) {
                emitting.decrementAndGet();
                return Sinks.EmitResult.FAIL_NON_SERIALIZED;
            }
            try {
                if (terminated) {
                    return Sinks.EmitResult.FAIL_TERMINATED;
                }
                terminated = true;
                signalRoom();
                if (error == null) {
                    subscriber.onComplete();
                } else {
                    subscriber.onError(error);
                }
                return Sinks.EmitResult.OK;
            } finally {
                emitting.decrementAndGet();
            }
        }
    }

    /** An {@link #emit} call waiting for space. */
    private record WaitingEmit<E>(E element, MonoSink<Void> sink) {
    }

    /** Takes every result of the writer at once and publishes it to the results subscribers. */
    private final class ResultsRelay implements CoreSubscriber<WriteResult<E>> {

        @Override
        public void onSubscribe(Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(WriteResult<E> result) {
            resultsOut.tryEmitNext(result);
        }

        @Override
        public void onError(Throwable error) {
            // The writer stopped (closed, or its table dropped): rows emitted from now on are refused.
            input.terminated = true;
            resultsOut.tryEmitError(error);
            failWaitingEmits(error);
            signalRoom();
        }

        @Override
        public void onComplete() {
            resultsOut.tryEmitComplete();
            failWaitingEmits(new Sinks.EmissionException(Sinks.EmitResult.FAIL_TERMINATED, "The sink is completed"));
            signalRoom();
        }

        private void failWaitingEmits(Throwable error) {
            WaitingEmit<E> waiting;
            while ((waiting = waitingEmits.poll()) != null) {
                waiting.sink.error(error);
            }
        }
    }
}
