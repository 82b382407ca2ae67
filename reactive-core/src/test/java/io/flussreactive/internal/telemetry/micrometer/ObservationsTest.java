package io.flussreactive.internal.telemetry.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.observation.FlussObservationContext;
import io.flussreactive.observation.FlussObservationConvention;
import io.flussreactive.observation.FlussObservationDocumentation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class ObservationsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final TestObservationRegistry registry = TestObservationRegistry.create();
    private final Observations observations = new Observations(registry, null);

    @Test
    void aLookupIsOneObservationWithItsTableOperationAndOutcome() {
        observations.observe(FlussObservationDocumentation.LOOKUP, "shop.orders", "lookup", Mono.just("row"))
                .block(TIMEOUT);

        TestObservationRegistryAssert.assertThat(registry)
                .hasNumberOfObservationsWithNameEqualTo("fluss.client.lookup", 1)
                .hasObservationWithNameEqualTo("fluss.client.lookup").that()
                .hasContextualNameEqualTo("lookup shop.orders")
                .hasLowCardinalityKeyValue("fluss.table", "shop.orders")
                .hasLowCardinalityKeyValue("fluss.operation", "lookup")
                .hasLowCardinalityKeyValue("fluss.outcome", "success")
                .doesNotHaveParentObservation()
                .hasBeenStarted()
                .hasBeenStopped();
    }

    @Test
    void theObservationInTheSubscribersReactorContextIsTheParent() {
        Observation parent = Observation.start("http.server.requests", registry);

        observations.observe(FlussObservationDocumentation.WRITE, "shop.orders", "append", Flux.range(0, 3))
                .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, parent))
                .blockLast(TIMEOUT);
        parent.stop();

        TestObservationRegistryAssert.assertThat(registry)
                .hasObservationWithNameEqualTo("fluss.client.write").that()
                .hasParentObservationEqualTo(parent)
                .hasLowCardinalityKeyValue("fluss.operation", "append");
    }

    @Test
    void whatTheOperationSubscribesToSeesTheClientsObservation() {
        Observation seen = observations.observe(FlussObservationDocumentation.FETCH, "shop.orders", "scan",
                        Mono.deferContextual(context -> Mono.just(
                                (Observation) context.get(ObservationThreadLocalAccessor.KEY))))
                .block(TIMEOUT);

        assertThat(seen.getContext().getName()).isEqualTo("fluss.client.fetch");
    }

    @Test
    void anObservationStopsBeforeItsSubscriberSeesTheEndAndOnlyOnce() {
        List<String> stops = new CopyOnWriteArrayList<>();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                stops.add(context.getName());
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        List<Boolean> stoppedWhenSeen = new ArrayList<>();

        observations.observe(FlussObservationDocumentation.FETCH, "shop.orders", "scan", Flux.range(0, 3))
                .doOnComplete(() -> stoppedWhenSeen.add(stops.contains("fluss.client.fetch")))
                .blockLast(TIMEOUT);
        // A Mono's value ends the operation; the cancel of a next() downstream does not stop it again.
        observations.observe(FlussObservationDocumentation.LOOKUP, "shop.orders", "lookup", Mono.just("row"))
                .doOnNext(row -> stoppedWhenSeen.add(stops.contains("fluss.client.lookup")))
                .flux().next()
                .block(TIMEOUT);

        assertThat(stoppedWhenSeen).containsExactly(true, true);
        assertThat(stops).containsExactly("fluss.client.fetch", "fluss.client.lookup");
        TestObservationRegistryAssert.assertThat(registry)
                .hasObservationWithNameEqualTo("fluss.client.lookup").that()
                .hasLowCardinalityKeyValue("fluss.outcome", "success");
    }

    @Test
    void failuresAndCancellationsAreTheOutcome() {
        IllegalStateException refused = new IllegalStateException("refused");
        Mono<Object> failing = observations.observe(FlussObservationDocumentation.LOOKUP, "shop.orders", "lookup",
                Mono.error(refused));
        assertThatThrownBy(() -> failing.block(TIMEOUT)).isSameAs(refused);
        observations.observe(FlussObservationDocumentation.FETCH, "shop.orders", "scan", Flux.range(0, 100))
                .take(2)
                .blockLast(TIMEOUT);

        TestObservationRegistryAssert.assertThat(registry)
                .hasObservationWithNameEqualTo("fluss.client.lookup").that()
                .hasError(refused)
                .hasLowCardinalityKeyValue("fluss.outcome", "error");
        TestObservationRegistryAssert.assertThat(registry)
                .hasObservationWithNameEqualTo("fluss.client.fetch").that()
                .hasLowCardinalityKeyValue("fluss.outcome", "cancelled");
    }

    @Test
    void anApplicationsConventionNamesAndTagsTheObservations() {
        FlussObservationConvention renaming = new FlussObservationConvention() {
            @Override
            public String getName() {
                return "orders.storage";
            }

            @Override
            public io.micrometer.common.KeyValues getLowCardinalityKeyValues(FlussObservationContext context) {
                return io.micrometer.common.KeyValues.of("store", context.table());
            }
        };
        new Observations(registry, renaming)
                .observe(FlussObservationDocumentation.LOOKUP, "shop.orders", "lookup", Mono.just(1))
                .block(TIMEOUT);

        TestObservationRegistryAssert.assertThat(registry)
                .hasObservationWithNameEqualTo("orders.storage").that()
                .hasLowCardinalityKeyValue("store", "shop.orders");
    }

    @Test
    void aNoopRegistryWrapsNothing() {
        Mono<String> lookup = Mono.just("row");
        Flux<Integer> scan = Flux.range(0, 3);
        Observations off = new Observations(ObservationRegistry.NOOP, null);

        assertThat(off.observe(FlussObservationDocumentation.LOOKUP, "shop.orders", "lookup", lookup)).isSameAs(lookup);
        assertThat(off.observe(FlussObservationDocumentation.FETCH, "shop.orders", "scan", scan)).isSameAs(scan);
    }
}
