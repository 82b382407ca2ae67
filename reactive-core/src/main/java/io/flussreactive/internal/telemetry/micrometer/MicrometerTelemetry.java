package io.flussreactive.internal.telemetry.micrometer;

import io.flussreactive.internal.telemetry.ClientTelemetry;
import io.flussreactive.internal.telemetry.LookupTelemetry;
import io.flussreactive.internal.telemetry.ScanTelemetry;
import io.flussreactive.internal.telemetry.ServerTelemetry;
import io.flussreactive.internal.telemetry.WriterTelemetry;
import io.flussreactive.observation.FlussObservability;
import io.flussreactive.observation.FlussObservationDocumentation;
import io.flussreactive.table.TablePath;
import io.flussreactive.write.WriteBufferUsage;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;

/**
 * The telemetry of a client that was given a {@link FlussObservability}: meters in its meter registry
 * (none without one) and observations in its observation registry.
 */
public final class MicrometerTelemetry implements ClientTelemetry {

    /** Null when the client records no meters, only observations. */
    private final MeterRegistry registry;
    private final Tags tags;
    private final Observations observations;
    /** The client's own meters: write buffer and servers. */
    private final MeterSet clientMeters;
    private final Map<String, ServerMeters> servers = new ConcurrentHashMap<>();
    /** The meters of each table in use; guarded by this. */
    private final Map<TablePath, TableMeters> tables = new HashMap<>();
    /** The registries whose retries and breakers have meters bound: those meters leave with the client. */
    private final List<RetryRegistry> boundRetries = new ArrayList<>(1);
    private final List<CircuitBreakerRegistry> boundBreakers = new ArrayList<>(1);

    private MicrometerTelemetry(FlussObservability settings, WriteBufferUsage writeBuffer) {
        this.registry = settings.meterRegistry().orElse(null);
        List<Tag> common = new ArrayList<>();
        settings.tags().forEach((key, value) -> common.add(Tag.of(key, value)));
        this.tags = Tags.of(common);
        this.observations = new Observations(settings.observationRegistry(), settings.observationConvention().orElse(null));
        this.clientMeters = registry == null ? null : new MeterSet(registry);
        if (registry != null) {
            clientMeters.add(Gauge.builder("fluss.client.write.buffer.used", writeBuffer, WriteBufferUsage::reserved)
                    .description("Bytes of the write buffer taken by records not acknowledged yet")
                    .baseUnit("bytes")
                    .tags(tags)
                    .register(registry));
            clientMeters.add(Gauge.builder("fluss.client.write.buffer.available", writeBuffer,
                            buffer -> buffer.capacity() - buffer.reserved())
                    .description("Bytes of the write buffer free for more records")
                    .baseUnit("bytes")
                    .tags(tags)
                    .register(registry));
        }
    }

    /**
     * The telemetry of a client.
     *
     * @param settings the application's registries
     * @param writeBuffer the client's write buffer, whose use is a gauge
     * @return the telemetry
     */
    public static ClientTelemetry create(FlussObservability settings, WriteBufferUsage writeBuffer) {
        return new MicrometerTelemetry(settings, writeBuffer);
    }

    @Override
    public ServerTelemetry server(String address) {
        if (registry == null) {
            return ServerTelemetry.NONE;
        }
        return servers.computeIfAbsent(address, a -> new ServerMeters(clientMeters, tags.and("server", a)));
    }

    @Override
    public WriterTelemetry writer(TablePath table, String operation) {
        TableMeters meters = registry == null ? null : acquire(table);
        return new WriterMeters(meters == null ? null : meters.write(), () -> release(meters), observations,
                table.toString(), operation);
    }

    @Override
    public ScanTelemetry scan(TablePath table) {
        if (registry == null) {
            return ScanTelemetry.NONE;
        }
        TableMeters meters = acquire(table);
        return new ScanMeters(meters.scan(), () -> release(meters));
    }

    @Override
    public LookupTelemetry lookups(TablePath table) {
        // Never released: the client keeps a table's lookups as long as it lives.
        return new LookupMeters(registry == null ? null : acquire(table), observations, table.toString());
    }

    @Override
    public <T> Flux<T> observeScan(TablePath table, Flux<T> batches) {
        return observations.observe(FlussObservationDocumentation.FETCH, table.toString(), "scan", batches);
    }

    @Override
    public synchronized void bindResilience(RetryRegistry retries, CircuitBreakerRegistry breakers) {
        // Without resilience4j-micrometer the retries and breakers have no meters.
        if (registry == null || !ResilienceMeters.available()) {
            return;
        }
        ResilienceMeters.bind(registry, retries, breakers);
        if (retries != null) {
            boundRetries.add(retries);
        }
        if (breakers != null) {
            boundBreakers.add(breakers);
        }
    }

    private synchronized TableMeters acquire(TablePath table) {
        TableMeters meters = tables.computeIfAbsent(table, t -> new TableMeters(t, new MeterSet(registry), tags));
        meters.users++;
        return meters;
    }

    private synchronized void release(TableMeters meters) {
        // After close() the table is no longer there, and its meters are gone already.
        if (meters != null && --meters.users == 0 && tables.remove(meters.path, meters)) {
            meters.remove();
        }
    }

    @Override
    public synchronized void close() {
        if (registry == null) {
            return;
        }
        clientMeters.removeAll();
        tables.values().forEach(TableMeters::remove);
        tables.clear();
        Set<String> names = new HashSet<>();
        boundRetries.forEach(r -> r.getAllRetries().forEach(retry -> names.add(retry.getName())));
        boundBreakers.forEach(b -> b.getAllCircuitBreakers().forEach(breaker -> names.add(breaker.getName())));
        for (Meter meter : registry.getMeters()) {
            if (meter.getId().getName().startsWith("resilience4j.") && names.contains(meter.getId().getTag("name"))) {
                registry.remove(meter);
            }
        }
    }
}
