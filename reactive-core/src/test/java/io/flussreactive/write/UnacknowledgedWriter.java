package io.flussreactive.write;

import io.flussreactive.internal.write.OfferOutcome;
import io.flussreactive.internal.write.RecordWriter;
import io.flussreactive.internal.write.ResultListener;
import io.flussreactive.internal.write.WriteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

/**
 * A writer engine whose rows all have one size and are never acknowledged: the test frees space
 * itself with {@link WriteBuffer#release}. It counts the rows it took and how often the operator
 * asks for its buffer, and gives up after {@value #LOOKUP_LIMIT} lookups so that an operator that
 * loops forever ends.
 */
final class UnacknowledgedWriter implements RecordWriter {

    private static final int LOOKUP_LIMIT = 100_000;

    private final WriteBuffer buffer;
    private final long rowSize;
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong bufferLookups = new AtomicLong();
    /** Producers between {@link #producerEmitting()} and {@link #producerDone()}. */
    private final AtomicLong emitting = new AtomicLong();
    private final AtomicLong takenWhileEmitting = new AtomicLong();

    UnacknowledgedWriter(WriteBuffer buffer, long rowSize) {
        this.buffer = buffer;
        this.rowSize = rowSize;
    }

    @Override
    public <T> OfferOutcome offer(WriteRecord<T> record, ResultListener<T> listener) {
        if (!buffer.tryReserve(rowSize)) {
            return OfferOutcome.noSpace(rowSize);
        }
        taken.incrementAndGet();
        if (emitting.get() > 0) {
            takenWhileEmitting.incrementAndGet();
        }
        return OfferOutcome.TAKEN;
    }

    @Override
    public void producerEmitting() {
        emitting.incrementAndGet();
    }

    @Override
    public void producerDone() {
        emitting.decrementAndGet();
    }

    @Override
    public RuntimeException whyStopped() {
        return null;
    }

    @Override
    public Disposable whenStopped(Runnable listener) {
        return Disposables.disposed();
    }

    @Override
    public WriteBuffer buffer() {
        if (bufferLookups.incrementAndGet() > LOOKUP_LIMIT) {
            throw new IllegalStateException("The operator keeps looking for space: it spins");
        }
        return buffer;
    }

    @Override
    public long averageRecordSize() {
        return rowSize;
    }

    @Override
    public void streamEnded() {
    }

    @Override
    public Mono<Void> flush() {
        return Mono.empty();
    }

    @Override
    public Mono<Void> close() {
        return Mono.empty();
    }

    /** Rows taken so far. */
    long taken() {
        return taken.get();
    }

    /** Rows taken while a producer said it was handing over records it had at hand. */
    long takenWhileEmitting() {
        return takenWhileEmitting.get();
    }

    /** Producers that said they were emitting and have not said they were done. */
    long emitting() {
        return emitting.get();
    }

    /** How often the buffer was asked for. */
    long bufferLookups() {
        return bufferLookups.get();
    }
}
