package io.flussreactive.internal.write;

import io.flussreactive.row.Row;
import io.flussreactive.write.FlussSink;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import java.util.Queue;
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
import reactor.util.concurrent.Queues;

/** A {@link FlussSink} feeding a writer engine through a {@link WriteOperator}. */
public final class DefaultFlussSink implements FlussSink {


    private final RecordWriter writer;
    private final int maxPendingResults;
    private final RowInput input = new RowInput();
    private final Sinks.Many<WriteResult<Row>> resultsOut = Sinks.many().multicast().directBestEffort();
    private final Queue<WaitingEmit> waitingEmits = Queues.<WaitingEmit>get(MAX_WAITING_EMITS).get();
    private final Queue<MonoSink<Void>> waitingForRoom = Queues.<MonoSink<Void>>get(MAX_WAITING_EMITS).get();
    private final AtomicInteger emitDrain = new AtomicInteger();
    private volatile boolean retryAfterEmit;

    /**
     * A sink feeding a writer engine; writing starts at once.
     *
     * @param writer the engine
     * @param maxPendingResults results buffered for each slow subscriber of {@link #results()}
     */
    public DefaultFlussSink(RecordWriter writer, int maxPendingResults) {
        this.writer = writer;
        this.maxPendingResults = maxPendingResults;
        new WriteOperator<>(input, writer, maxPendingResults).subscribe(new ResultsRelay());
    }

    @Override
    public Sinks.EmitResult tryEmitNext(Row row) {
        return input.tryEmitNext(WriteRecord.of(row, row));
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
    public void emitNext(Row row, Sinks.EmitFailureHandler failureHandler) {
        for (;;) {
            Sinks.EmitResult result = tryEmitNext(row);
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

    @Override
    public Mono<Void> emit(Row row) {
        return Mono.create(sink -> {
            if (!waitingEmits.offer(new WaitingEmit(row, sink))) {
                sink.error(new Sinks.EmissionException(Sinks.EmitResult.FAIL_OVERFLOW,
                        "More than " + MAX_WAITING_EMITS + " emit() calls are waiting for space"));
                return;
            }
            retryWaitingEmits();
        });
    }

    @Override
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
            WaitingEmit next;
            while ((next = waitingEmits.peek()) != null) {
                Sinks.EmitResult result = tryEmitNext(next.row);
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

    @Override
    public Flux<WriteResult<Row>> results() {
        return resultsOut.asFlux().onBackpressureBuffer(maxPendingResults);
    }

    /** The rows that were stored, as they are acknowledged (hot, like {@link #results()}). */
    @Override
    public Flux<Row> asFlux() {
        return results().filter(WriteResult::isSuccess).map(WriteResult::correlation);
    }

    @Override
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
     * The rows emitted, as the writer's upstream: a row goes through only while the writer has asked
     * for rows it has not received (which it does only while the write buffer has room).
     */
    private final class RowInput extends Flux<WriteRecord<Row>> implements Subscription {

        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger emitting = new AtomicInteger();
        private volatile CoreSubscriber<? super WriteRecord<Row>> subscriber;
        private volatile boolean terminated;
        private volatile boolean cancelled;

        @Override
        public void subscribe(CoreSubscriber<? super WriteRecord<Row>> actual) {
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

        Sinks.EmitResult tryEmitNext(WriteRecord<Row> record) {
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
    private record WaitingEmit(Row row, MonoSink<Void> sink) {
    }

    /** Takes every result of the writer at once and publishes it to the results subscribers. */
    private final class ResultsRelay implements CoreSubscriber<WriteResult<Row>> {

        @Override
        public void onSubscribe(Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(WriteResult<Row> result) {
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
            WaitingEmit waiting;
            while ((waiting = waitingEmits.poll()) != null) {
                waiting.sink.error(error);
            }
        }
    }
}
