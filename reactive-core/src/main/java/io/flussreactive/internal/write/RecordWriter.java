package io.flussreactive.internal.write;

import io.flussreactive.internal.telemetry.WriterTelemetry;

import io.flussreactive.write.WriteRecord;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The engine behind a writer: takes records one by one into its batches, without waiting, and
 * reports each record's result to a listener.
 */
public interface RecordWriter {

    /** Where the writer records its batches and observes its writes; nothing by default. */
    default WriterTelemetry telemetry() {
        return WriterTelemetry.NONE;
    }

    /**
     * Offers a record. Never waits: when the write buffer is full the record is not taken, and when
     * the writer stopped (see {@link #whyStopped()}) it is refused with {@link OfferOutcome#STOPPED}.
     *
     * @param record the record
     * @param listener receives the record's result exactly once (when taken)
     * @return whether it was taken
     */
    <T> OfferOutcome offer(WriteRecord<T> record, ResultListener<T> listener);

    /**
     * Offers again a record refused for want of space, reusing what the refusal kept of it (its
     * checks and measurements), so that a record waiting for space is prepared once.
     *
     * @param record the record refused
     * @param refusal what the refused {@link #offer} returned
     * @param listener receives the record's result exactly once (when taken)
     * @return whether it was taken
     */
    default <T> OfferOutcome offerAgain(WriteRecord<T> record, OfferOutcome refusal, ResultListener<T> listener) {
        return offer(record, listener);
    }

    /**
     * Why the writer takes no more records (it was closed, or its table was dropped), as a new
     * exception for each caller; null while it takes records.
     */
    RuntimeException whyStopped();

    /**
     * Runs {@code listener} once when the writer stops taking records, on the thread that stops it (at
     * once, on this thread, if it has stopped already). The listener must not wait.
     *
     * @param listener what to run
     * @return disposes the registration, when its owner no longer cares
     */
    Disposable whenStopped(Runnable listener);

    /**
     * A producer is about to hand over records on this thread from inside its upstream's {@code request}:
     * until {@link #producerDone()}, the writer counts it as busy even between two records, so that a
     * producer descheduled for a moment does not send the batches it is filling half full.
     */
    default void producerEmitting() {
    }

    /** The producer that called {@link #producerEmitting()} returned from its upstream's {@code request}. */
    default void producerDone() {
    }

    /** The write buffer this writer reserves from (to wait for space: {@link WriteBuffer#whenSpaceFreed}). */
    WriteBuffer buffer();

    /** The average size of the records taken so far, in write-buffer bytes. */
    long averageRecordSize();

    /**
     * A stream of records ended: its last records should not wait for their batches' linger. Batches
     * that leave with their bucket's answer anyway ({@link io.flussreactive.write.WriterOptions#lingerOnlyWhenBusy()})
     * stay open, so that the one-record streams of many concurrent callers share batches.
     */
    void streamEnded();

    /**
     * Sends everything taken so far and completes when all of it is settled.
     *
     * @return completes when every record taken before the call is acknowledged; fails with
     *     {@link io.flussreactive.write.WriteFailedException} when any record taken since the previous
     *     flush failed
     */
    Mono<Void> flush();

    /**
     * Stops taking records, flushes, and releases the writer's memory.
     *
     * @return completes when done; fails like {@link #flush()}
     */
    Mono<Void> close();
}
