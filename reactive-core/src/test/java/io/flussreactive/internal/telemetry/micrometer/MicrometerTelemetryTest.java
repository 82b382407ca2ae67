package io.flussreactive.internal.telemetry.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.internal.rpc.ApiKey;
import io.flussreactive.internal.telemetry.ClientTelemetry;
import io.flussreactive.internal.telemetry.LookupTelemetry;
import io.flussreactive.internal.telemetry.ScanTelemetry;
import io.flussreactive.internal.telemetry.ServerTelemetry;
import io.flussreactive.internal.telemetry.WriterTelemetry;
import io.flussreactive.internal.write.WriteBuffer;
import io.flussreactive.observation.FlussObservability;
import io.flussreactive.table.TablePath;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class MicrometerTelemetryTest {

    private static final TablePath ORDERS = TablePath.of("shop", "orders");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WriteBuffer buffer = new WriteBuffer(1000);
    private final ClientTelemetry telemetry = MicrometerTelemetry.create(
            FlussObservability.builder().meterRegistry(registry).tag("client", "test").build(), buffer);

    @Test
    void writeBufferGaugesFollowTheBuffer() {
        assertThat(registry.get("fluss.client.write.buffer.used").tag("client", "test").gauge().value()).isZero();
        assertThat(buffer.tryReserve(300)).isTrue();

        assertThat(registry.get("fluss.client.write.buffer.used").gauge().value()).isEqualTo(300);
        assertThat(registry.get("fluss.client.write.buffer.available").gauge().value()).isEqualTo(700);
        buffer.release(300);
        assertThat(registry.get("fluss.client.write.buffer.used").gauge().value()).isZero();
    }

    @Test
    void writersCountRecordsPerBatchAndTheirMetersLeaveWithTheLastWriterOfTheTable() {
        WriterTelemetry first = telemetry.writer(ORDERS, "append");
        WriterTelemetry second = telemetry.writer(ORDERS, "append");

        first.batchSent(10, 500, TimeUnit.MILLISECONDS.toNanos(5));
        second.batchSent(4, 100, TimeUnit.MILLISECONDS.toNanos(1));
        first.batchResent(10);
        first.batchSettled(10, true);
        second.batchSettled(4, false);

        assertThat(registry.get("fluss.client.write.records.sent").tag("table", "shop.orders").counter().count())
                .isEqualTo(10);
        assertThat(registry.get("fluss.client.write.records.failed").counter().count()).isEqualTo(4);
        assertThat(registry.get("fluss.client.write.records.retried").counter().count()).isEqualTo(10);
        assertThat(registry.get("fluss.client.write.batch.records").summary().totalAmount()).isEqualTo(14);
        assertThat(registry.get("fluss.client.write.batch.bytes").summary().max()).isEqualTo(500);
        assertThat(registry.get("fluss.client.write.batch.queue.time").timer().max(TimeUnit.MILLISECONDS)).isEqualTo(5);

        first.close();
        first.close();
        assertThat(registry.find("fluss.client.write.records.sent").counter()).as("the second writer is open").isNotNull();
        second.close();
        assertThat(registry.find("fluss.client.write.records.sent").counter()).isNull();
        assertThat(registry.find("fluss.client.write.batch.bytes").summary()).isNull();
    }

    @Test
    void scanGaugesTakeTheLargestLagAndTheSumOfPrefetchOverRunningScans() {
        ScanTelemetry first = telemetry.scan(ORDERS);
        ScanTelemetry second = telemetry.scan(ORDERS);
        first.state(1000, 7);
        second.state(500, 42);
        first.delivered(3, 300);
        second.delivered(2, 200);
        first.fetched(false);
        first.fetched(true);
        second.fetched(true);

        assertThat(registry.get("fluss.client.scan.lag").tag("table", "shop.orders").gauge().value()).isEqualTo(42);
        assertThat(registry.get("fluss.client.scan.prefetch.bytes").gauge().value()).isEqualTo(1500);
        assertThat(registry.get("fluss.client.scan.records").counter().count()).isEqualTo(5);
        assertThat(registry.get("fluss.client.scan.bytes").counter().count()).isEqualTo(500);
        assertThat(registry.get("fluss.client.scan.fetches").tag("empty", "false").counter().count()).isEqualTo(1);
        assertThat(registry.get("fluss.client.scan.fetches").tag("empty", "true").counter().count()).isEqualTo(2);

        second.close();
        assertThat(registry.get("fluss.client.scan.lag").gauge().value()).isEqualTo(7);
        first.close();
        assertThat(registry.find("fluss.client.scan.lag").gauge()).isNull();
    }

    @Test
    void requestsAreTimedPerApiServerAndOutcomeAndCountedInFlightMeanwhile() {
        ServerTelemetry server = telemetry.server("10.0.0.1:9123");
        Sinks.One<String> answer = Sinks.one();
        Mono<String> timed = server.timed(ApiKey.PRODUCE_LOG, answer.asMono());

        timed.subscribe();
        assertThat(registry.get("fluss.client.requests.in.flight").tag("server", "10.0.0.1:9123").gauge().value())
                .isEqualTo(1);
        answer.tryEmitValue("stored");
        server.timed(ApiKey.PRODUCE_LOG, Mono.error(new IllegalStateException("refused"))).subscribe(v -> { }, e -> { });
        server.connectionOpened();

        assertThat(registry.get("fluss.client.requests.in.flight").gauge().value()).isZero();
        assertThat(registry.get("fluss.client.requests").tags("api", "produce_log", "server", "10.0.0.1:9123",
                "outcome", "success").timer().count()).isEqualTo(1);
        assertThat(registry.get("fluss.client.requests").tags("api", "produce_log", "outcome", "error")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("fluss.client.connections").gauge().value()).isEqualTo(1);
        assertThat(telemetry.server("10.0.0.1:9123")).isSameAs(server);
    }

    @Test
    void lookupsAreTimedPerOperationAndRequestsCountTheirKeys() {
        LookupTelemetry lookups = telemetry.lookups(ORDERS);

        lookups.lookup(LookupTelemetry.LOOKUP, Mono.just("row")).block(Duration.ofSeconds(5));
        lookups.lookup(LookupTelemetry.LOOKUP, Mono.empty()).block(Duration.ofSeconds(5));
        lookups.prefixLookup(Flux.just(1, 2)).blockLast(Duration.ofSeconds(5));
        lookups.requestSent(2);
        lookups.requestSent(5);

        Timer point = registry.get("fluss.client.lookups").tags("table", "shop.orders", "operation", "lookup",
                "outcome", "success").timer();
        assertThat(point.count()).isEqualTo(2);
        assertThat(registry.get("fluss.client.lookups").tags("operation", "prefix_lookup").timer().count()).isEqualTo(1);
        assertThat(registry.get("fluss.client.lookup.batch.keys").summary().totalAmount()).isEqualTo(7);
    }

    @Test
    void bindsTheResilienceRegistriesItIsGivenAndRemovesEveryMeterWhenClosed() {
        RetryRegistry retries = RetryRegistry.ofDefaults();
        retries.retry("fluss.lookup");
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        breakers.circuitBreaker("fluss.server.10.0.0.1:9123");
        RetryRegistry applications = RetryRegistry.ofDefaults();
        applications.retry("checkout");
        registry.gauge("application.gauge", 1);

        telemetry.bindResilience(retries, breakers);
        telemetry.server("10.0.0.1:9123");
        telemetry.lookups(ORDERS).requestSent(1);

        assertThat(registry.find("resilience4j.retry.calls").tag("name", "fluss.lookup").meters()).isNotEmpty();
        assertThat(registry.find("resilience4j.circuitbreaker.state").tag("name", "fluss.server.10.0.0.1:9123")
                .meters()).isNotEmpty();
        assertThat(registry.find("resilience4j.retry.calls").tag("name", "checkout").meters())
                .as("only the registries given are bound").isEmpty();

        telemetry.close();

        assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName())
                .containsExactly("application.gauge");
    }

    @Test
    void withoutAMeterRegistryNothingIsRegistered() {
        SimpleMeterRegistry untouched = new SimpleMeterRegistry();
        ClientTelemetry observationsOnly = MicrometerTelemetry.create(
                FlussObservability.builder().observationRegistry(io.micrometer.observation.ObservationRegistry.create())
                        .build(), buffer);

        assertThat(observationsOnly.server("10.0.0.1:9123")).isSameAs(ServerTelemetry.NONE);
        assertThat(observationsOnly.scan(ORDERS)).isSameAs(ScanTelemetry.NONE);
        observationsOnly.writer(ORDERS, "append").batchSettled(3, true);
        assertThat(untouched.getMeters()).isEmpty();
        assertThat(registry.getMeters()).extracting(Meter::getId).extracting(Meter.Id::getName)
                .allMatch(name -> name.startsWith("fluss.client.write.buffer"));
    }
}
