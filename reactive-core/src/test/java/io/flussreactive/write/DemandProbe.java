package io.flussreactive.write;

import io.flussreactive.internal.write.WriteOperator;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;

/**
 * Counts what a writer (or any other consumer, such as a lookup stream) asks of its upstream and what
 * upstream gives it, so backpressure tests can assert on numbers instead of on time.
 */
public final class DemandProbe {

    private final AtomicLong requested = new AtomicLong();
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong requestCalls = new AtomicLong();
    private final AtomicLong largestRequest = new AtomicLong();
    private final AtomicLong largestOutstanding = new AtomicLong();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<String> violations = new CopyOnWriteArrayList<>();

    /**
     * The records the writer asks for: {@code source} with every request, emission and cancellation
     * counted. {@code atRequest} runs after each request is counted (with the amount), on the thread
     * that requested.
     */
    public <T> Flux<T> watch(Flux<T> source, LongConsumer atRequest) {
        return source
                .doOnNext(record -> emitted.incrementAndGet())
                .doOnRequest(n -> {
                    requestCalls.incrementAndGet();
                    largestRequest.accumulateAndGet(n, Math::max);
                    long total = requested.accumulateAndGet(n, Operators::addCap);
                    largestOutstanding.accumulateAndGet(total - emitted.get(), Math::max);
                    atRequest.accept(n);
                })
                .doOnCancel(() -> cancelled.set(true));
    }

    /** The records the writer asks for: {@code source} with every request, emission and cancellation counted. */
    public <T> Flux<T> watch(Flux<T> source) {
        return watch(source, n -> { });
    }

    /** Everything asked of upstream so far. */
    public long requested() {
        return requested.get();
    }

    /** Records upstream emitted so far. */
    public long emitted() {
        return emitted.get();
    }

    /** Requested and not emitted yet. */
    public long outstanding() {
        return requested.get() - emitted.get();
    }

    /** How many times upstream was asked. */
    public long requestCalls() {
        return requestCalls.get();
    }

    /** The largest single request. */
    public long largestRequest() {
        return largestRequest.get();
    }

    /** The largest requested-but-not-emitted count seen just after a request. */
    public long largestOutstanding() {
        return largestOutstanding.get();
    }

    /** Whether upstream was cancelled. */
    public boolean cancelled() {
        return cancelled.get();
    }

    /** Notes a broken invariant seen on a stream thread; tests assert the list is empty at the end. */
    public void violation(String description) {
        if (violations.size() < 20) {
            violations.add(description);
        }
    }

    /** The broken invariants noted so far (at most 20). */
    public List<String> violations() {
        return violations;
    }

    /**
     * The most records the write operator asks of upstream at once. Read from the operator so the
     * tests follow it if it changes.
     */
    public static int writeRequestChunk() {
        try {
            Field chunk = WriteOperator.class.getDeclaredField("MAX_REQUEST_CHUNK");
            chunk.setAccessible(true);
            return chunk.getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("WriteOperator.MAX_REQUEST_CHUNK is gone", e);
        }
    }
}
