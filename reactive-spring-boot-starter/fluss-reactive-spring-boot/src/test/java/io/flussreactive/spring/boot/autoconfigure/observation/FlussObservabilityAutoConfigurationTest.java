package io.flussreactive.spring.boot.autoconfigure.observation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.observation.DefaultFlussObservationConvention;
import io.flussreactive.observation.FlussObservability;
import io.flussreactive.observation.FlussObservationConvention;
import io.flussreactive.spring.boot.autoconfigure.FlussAutoConfiguration;
import io.flussreactive.spring.boot.autoconfigure.FlussClientOptionsCustomizer;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When {@link FlussObservabilityAutoConfiguration} gives the client registries, and which. */
class FlussObservabilityAutoConfigurationTest {

    /** Nothing listens there: the tests never reach a server (the client connects on first use only). */
    private static final String NO_SERVER = "127.0.0.1:1";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("fluss.bootstrap-servers=" + NO_SERVER)
            .withConfiguration(AutoConfigurations.of(FlussAutoConfiguration.class,
                    FlussObservabilityAutoConfiguration.class));

    private final ApplicationContextRunner withBootsRegistries = runner.withConfiguration(AutoConfigurations.of(
            MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
            CompositeMeterRegistryAutoConfiguration.class, ObservationAutoConfiguration.class));

    @Test
    void theClientRecordsInTheRegistriesOfBootsMetricsAndObservations() {
        withBootsRegistries.run(context -> {
            FlussObservability observability = observabilityOf(context.getBean(FlussClient.class));
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(observability.meterRegistry()).containsSame(meters);
            assertThat(observability.observationRegistry()).isSameAs(context.getBean(ObservationRegistry.class));
            assertThat(observability.observationConvention()).isEmpty();
            assertThat(meters.find("fluss.client.write.buffer.available").gauge()).isNotNull();
        });
    }

    @Test
    void withoutARegistryTheClientRecordsNothing() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(FlussObservability.class);
            assertThat(context.getBean(FlussClient.class).options().observability()).isEmpty();
        });
    }

    @Test
    void aMeterRegistryAloneGivesMetersAndNoObservations() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            FlussObservability observability = observabilityOf(context.getBean(FlussClient.class));
            assertThat(observability.meterRegistry()).containsSame(context.getBean(MeterRegistry.class));
            assertThat(observability.observationRegistry().isNoop()).isTrue();
        });
    }

    @Test
    void anObservationRegistryAloneGivesObservationsAndNoMeters() {
        runner.withBean(ObservationRegistry.class, ObservationRegistry::create).run(context -> {
            FlussObservability observability = observabilityOf(context.getBean(FlussClient.class));
            assertThat(observability.meterRegistry()).isEmpty();
            assertThat(observability.observationRegistry()).isSameAs(context.getBean(ObservationRegistry.class));
        });
    }

    @Test
    void thePropertiesSwitchMetersAndObservationsOff() {
        withBootsRegistries.withPropertyValues("fluss.metrics.enabled=false").run(context -> {
            FlussObservability observability = observabilityOf(context.getBean(FlussClient.class));
            assertThat(observability.meterRegistry()).isEmpty();
            assertThat(observability.observationRegistry()).isSameAs(context.getBean(ObservationRegistry.class));
            assertThat(context.getBean(MeterRegistry.class).find("fluss.client.write.buffer.available").gauge()).isNull();
        });
        withBootsRegistries.withPropertyValues("fluss.metrics.enabled=false", "fluss.observations.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(FlussObservability.class);
                    assertThat(context.getBean(FlussClient.class).options().observability()).isEmpty();
                });
    }

    @Test
    void withoutMicrometerTheClientIsMadeWithoutIt() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer")).run(context -> {
            assertThat(context).hasSingleBean(FlussClient.class).doesNotHaveBean(FlussObservability.class);
            assertThat(context.getBean(FlussClient.class).options().observability()).isEmpty();
        });
    }

    @Test
    void theApplicationsConventionObservabilityAndCustomizersComeFirst() {
        FlussObservationConvention convention = new FlussObservationConvention() {
        };
        withBootsRegistries.withBean(FlussObservationConvention.class, () -> convention).run(context ->
                assertThat(observabilityOf(context.getBean(FlussClient.class)).observationConvention())
                        .containsSame(convention));
        FlussObservability own = FlussObservability.builder().meterRegistry(new SimpleMeterRegistry())
                .observationConvention(DefaultFlussObservationConvention.INSTANCE).tag("client", "orders").build();
        withBootsRegistries.withBean(FlussObservability.class, () -> own).run(context ->
                assertThat(observabilityOf(context.getBean(FlussClient.class))).isSameAs(own));
        FlussObservability later = FlussObservability.of(new SimpleMeterRegistry());
        withBootsRegistries.withBean(FlussClientOptionsCustomizer.class, () -> options -> options.observability(later))
                .run(context -> assertThat(observabilityOf(context.getBean(FlussClient.class))).isSameAs(later));
    }

    @Test
    void theClientBindsResilienceMetersOnlyForTheRegistriesItMadeItself() {
        withBootsRegistries.run(context -> assertThat(context.getBean(MeterRegistry.class)
                .find("resilience4j.retry.calls").meters()).as("the client's own retry registry").isNotEmpty());
        // The application's registry is the application's to bind (resilience4j's auto-configuration does).
        withBootsRegistries.withBean(RetryRegistry.class, RetryRegistry::ofDefaults).run(context -> {
            FlussClient client = context.getBean(FlussClient.class);
            assertThat(client.options().retryPolicies().registry()).containsSame(context.getBean(RetryRegistry.class));
            assertThat(context.getBean(RetryRegistry.class).getAllRetries()).isNotEmpty();
            assertThat(context.getBean(MeterRegistry.class).find("resilience4j.retry.calls").meters()).isEmpty();
        });
    }

    private static FlussObservability observabilityOf(FlussClient client) {
        FlussClientOptions options = client.options();
        assertThat(options.observability()).isPresent();
        return options.observability().orElseThrow();
    }
}
