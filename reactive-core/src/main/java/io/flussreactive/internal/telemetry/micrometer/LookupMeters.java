package io.flussreactive.internal.telemetry.micrometer;

import io.flussreactive.internal.telemetry.LookupTelemetry;
import io.flussreactive.observation.FlussObservationDocumentation;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the lookups of one table record: {@code fluss.client.lookups} (a timer per operation and outcome)
 * and {@code fluss.client.lookup.batch.keys}; each lookup is an observation.
 */
final class LookupMeters implements LookupTelemetry {

    private static final List<String> OPERATIONS = List.of(LOOKUP, LOOKUP_OR_INSERT, PREFIX_LOOKUP);

    /** The table's meters, or null when the client records no meters. */
    private final TableMeters meters;
    private final Observations observations;
    private final String table;
    private final DistributionSummary keysPerRequest;
    private final AtomicReferenceArray<Timer> timers =
            new AtomicReferenceArray<>(OPERATIONS.size() * Outcomes.VALUES.length);

    LookupMeters(TableMeters meters, Observations observations, String table) {
        this.meters = meters;
        this.observations = observations;
        this.table = table;
        this.keysPerRequest = meters == null ? null : meters.meters.add(DistributionSummary
                .builder("fluss.client.lookup.batch.keys")
                .description("Keys of one lookup request to a leader")
                .tags(meters.tags)
                .register(meters.meters.registry()));
    }

    @Override
    public <T> Mono<T> lookup(String operation, Mono<T> lookup) {
        Mono<T> timed = meters == null ? lookup : Mono.defer(() -> {
            long start = System.nanoTime();
            return lookup.doFinally(signal -> timer(operation, Outcomes.of(signal))
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        });
        return observations.observe(FlussObservationDocumentation.LOOKUP, table, operation, timed);
    }

    @Override
    public <T> Flux<T> prefixLookup(Flux<T> lookup) {
        Flux<T> timed = meters == null ? lookup : Flux.defer(() -> {
            long start = System.nanoTime();
            return lookup.doFinally(signal -> timer(PREFIX_LOOKUP, Outcomes.of(signal))
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        });
        return observations.observe(FlussObservationDocumentation.LOOKUP, table, PREFIX_LOOKUP, timed);
    }

    @Override
    public void requestSent(int keys) {
        if (keysPerRequest != null) {
            keysPerRequest.record(keys);
        }
    }

    private Timer timer(String operation, int outcome) {
        int index = OPERATIONS.indexOf(operation) * Outcomes.VALUES.length + outcome;
        Timer timer = timers.get(index);
        if (timer == null) {
            timer = meters.meters.add(Timer.builder("fluss.client.lookups")
                    .description("Lookups, from subscription to answer")
                    .tags(meters.tags)
                    .tag("operation", operation)
                    .tag("outcome", Outcomes.VALUES[outcome])
                    .register(meters.meters.registry()));
            timers.set(index, timer);
        }
        return timer;
    }
}
