package io.flussreactive.internal.telemetry.micrometer;

import io.flussreactive.internal.telemetry.WriterTelemetry;
import io.flussreactive.observation.FlussObservationDocumentation;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What one writer records, into the meters of its table; its writes become observations. */
final class WriterMeters implements WriterTelemetry {

    private final TableMeters.Write meters;
    private final Runnable release;
    private final Observations observations;
    private final String table;
    private final String operation;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param meters the table's meters, or null when the client records no meters
     * @param release gives up this writer's use of the table's meters
     */
    WriterMeters(TableMeters.Write meters, Runnable release, Observations observations, String table, String operation) {
        this.meters = meters;
        this.release = release;
        this.observations = observations;
        this.table = table;
        this.operation = operation;
    }

    @Override
    public void batchSent(int records, int bytes, long queuedNanos) {
        if (meters != null) {
            meters.batchRecords.record(records);
            meters.batchBytes.record(bytes);
            meters.queueTime.record(queuedNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void batchResent(int records) {
        if (meters != null) {
            meters.recordsRetried.increment(records);
        }
    }

    @Override
    public void batchSettled(int records, boolean stored) {
        if (meters != null) {
            (stored ? meters.recordsSent : meters.recordsFailed).increment(records);
        }
    }

    @Override
    public <T> Flux<T> observeWrite(Flux<T> results) {
        return observations.observe(FlussObservationDocumentation.WRITE, table, operation, results);
    }

    @Override
    public <T> Mono<T> observeWrite(Mono<T> result) {
        return observations.observe(FlussObservationDocumentation.WRITE, table, operation, result);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
