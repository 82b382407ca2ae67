package io.flussreactive.internal.telemetry.micrometer;

import io.flussreactive.internal.rpc.ApiKey;
import io.flussreactive.internal.telemetry.ServerTelemetry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import reactor.core.publisher.Mono;

/**
 * The meters of one server: {@code fluss.client.requests} (a timer per API and outcome),
 * {@code fluss.client.requests.in.flight} and {@code fluss.client.connections}.
 */
final class ServerMeters implements ServerTelemetry {

    private static final ApiKey[] APIS = ApiKey.values();

    private final MeterSet meters;
    private final Tags tags;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    /** The timer of each API and outcome, registered on first use: a client calls a few of the APIs. */
    private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(APIS.length * Outcomes.VALUES.length);

    ServerMeters(MeterSet meters, Tags tags) {
        this.meters = meters;
        this.tags = tags;
        meters.add(Gauge.builder("fluss.client.requests.in.flight", inFlight, AtomicInteger::get)
                .description("Requests sent to the server and not answered yet")
                .tags(tags)
                .register(meters.registry()));
        meters.add(Gauge.builder("fluss.client.connections", connections, AtomicInteger::get)
                .description("Open connections to the server")
                .tags(tags)
                .register(meters.registry()));
    }

    @Override
    public <R> Mono<R> timed(ApiKey api, Mono<R> request) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            inFlight.incrementAndGet();
            return request.doFinally(signal -> {
                inFlight.decrementAndGet();
                timer(api, Outcomes.of(signal)).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            });
        });
    }

    private Timer timer(ApiKey api, int outcome) {
        int index = api.ordinal() * Outcomes.VALUES.length + outcome;
        Timer timer = timers.get(index);
        if (timer == null) {
            // Registering twice gives the same timer: no lock needed.
            timer = meters.add(Timer.builder("fluss.client.requests")
                    .description("Requests to the server, from sending to answer")
                    .tags(tags)
                    .tag("api", api.name().toLowerCase(Locale.ROOT))
                    .tag("outcome", Outcomes.VALUES[outcome])
                    .register(meters.registry()));
            timers.set(index, timer);
        }
        return timer;
    }

    @Override
    public void connectionOpened() {
        connections.incrementAndGet();
    }

    @Override
    public void connectionClosed() {
        connections.decrementAndGet();
    }
}
