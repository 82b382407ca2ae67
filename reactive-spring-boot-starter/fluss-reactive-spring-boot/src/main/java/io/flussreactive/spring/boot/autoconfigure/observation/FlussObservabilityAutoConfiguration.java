package io.flussreactive.spring.boot.autoconfigure.observation;

import io.flussreactive.FlussClient;
import io.flussreactive.observation.FlussObservability;
import io.flussreactive.observation.FlussObservationConvention;
import io.flussreactive.spring.boot.autoconfigure.FlussClientOptionsCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the meters and observations of the auto-configured Fluss client: when the
 * application has a {@link MeterRegistry} or an {@link ObservationRegistry} bean (those of Spring Boot's
 * metrics and observation auto-configuration, which this one follows), a {@link FlussObservability} bean
 * holds them and a {@link FlussClientOptionsCustomizer} gives it to the client. A
 * {@link FlussObservationConvention} bean replaces the default convention; a {@link FlussObservability}
 * bean of the application's replaces the auto-configured one. {@code fluss.metrics.enabled=false} and
 * {@code fluss.observations.enabled=false} leave out either.
 *
 * <p>The client binds resilience4j's meters only for the registries it made itself: retries and breakers
 * in the application's registries (see {@code FlussAutoConfiguration}) are bound by the application's
 * resilience4j auto-configuration, so they are not bound twice.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass({FlussClient.class, FlussObservability.class, MeterRegistry.class, ObservationRegistry.class})
public final class FlussObservabilityAutoConfiguration {

    static final String METRICS_ENABLED = "fluss.metrics.enabled";
    static final String OBSERVATIONS_ENABLED = "fluss.observations.enabled";

    /** Made by Spring from the auto-configuration imports. */
    public FlussObservabilityAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    @Conditional(RegistryToUse.class)
    FlussObservability flussObservability(ObjectProvider<MeterRegistry> meterRegistry,
            ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<FlussObservationConvention> observationConvention, Environment environment) {
        FlussObservability.Builder builder = FlussObservability.builder();
        if (environment.getProperty(METRICS_ENABLED, Boolean.class, true)) {
            meterRegistry.ifAvailable(builder::meterRegistry);
        }
        if (environment.getProperty(OBSERVATIONS_ENABLED, Boolean.class, true)) {
            observationRegistry.ifAvailable(builder::observationRegistry);
        }
        observationConvention.ifAvailable(builder::observationConvention);
        return builder.build();
    }

    // Before the application's own customizers, which may then change or drop it.
    @Bean
    @Order(0)
    FlussClientOptionsCustomizer flussObservabilityCustomizer(ObjectProvider<FlussObservability> observability) {
        return options -> observability.ifAvailable(options::observability);
    }

    /** A registry the client is to record in: meters or observations, each unless switched off. */
    static final class RegistryToUse extends AnyNestedCondition {

        RegistryToUse() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(MeterRegistry.class)
        @ConditionalOnBooleanProperty(name = METRICS_ENABLED, matchIfMissing = true)
        static final class Meters {
        }

        @ConditionalOnBean(ObservationRegistry.class)
        @ConditionalOnBooleanProperty(name = OBSERVATIONS_ENABLED, matchIfMissing = true)
        static final class Observations {
        }
    }
}
