package io.flussreactive.internal.telemetry;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What one writer records, per batch: never per record. */
public interface WriterTelemetry {

    /** Records nothing. */
    WriterTelemetry NONE = new WriterTelemetry() {
    };

    /**
     * A batch leaves for the first time.
     *
     * @param records its records
     * @param bytes its encoded size
     * @param queuedNanos how long it waited since it was opened
     */
    default void batchSent(int records, int bytes, long queuedNanos) {
    }

    /**
     * A batch leaves again after a failure.
     *
     * @param records its records
     */
    default void batchResent(int records) {
    }

    /**
     * A batch is settled: stored, or failed for good.
     *
     * @param records its records
     * @param stored whether it was stored
     */
    default void batchSettled(int records, boolean stored) {
    }

    /**
     * Makes each subscription of a {@code write(...)} one observation.
     *
     * @param results the results of the write
     * @param <T> a result
     * @return the results, observed
     */
    default <T> Flux<T> observeWrite(Flux<T> results) {
        return results;
    }

    /**
     * Makes the subscription of a write of one record one observation.
     *
     * @param result the result of the write
     * @param <T> the result
     * @return the result, observed
     */
    default <T> Mono<T> observeWrite(Mono<T> result) {
        return result;
    }

    /** The writer is closed. */
    default void close() {
    }
}
