package io.flussreactive.spring.boot.autoconfigure.health;

import io.flussreactive.FlussClient;
import io.flussreactive.spring.boot.autoconfigure.FlussAutoConfiguration;
import io.flussreactive.spring.boot.autoconfigure.FlussProperties;
import io.flussreactive.spring.boot.health.FlussReactiveHealthIndicator;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.CompositeReactiveHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code fluss} health contributor: a {@link FlussReactiveHealthIndicator} for
 * each {@link FlussClient} bean (several make a composite, named after their beans). Needs Spring Boot's
 * health module ({@code spring-boot-health}, which the actuator starter brings); off with
 * {@code management.health.fluss.enabled=false}.
 */
@AutoConfiguration(after = FlussAutoConfiguration.class)
@ConditionalOnClass({FlussClient.class, FlussReactiveHealthIndicator.class, ReactiveHealthContributor.class,
        ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(FlussClient.class)
@ConditionalOnEnabledHealthIndicator("fluss")
// The properties also when the client is the application's own and FlussAutoConfiguration is excluded.
@EnableConfigurationProperties(FlussProperties.class)
public final class FlussHealthContributorAutoConfiguration
        extends CompositeReactiveHealthContributorConfiguration<FlussReactiveHealthIndicator, FlussClient> {

    /**
     * Made by Spring from the auto-configuration imports.
     *
     * @param properties the {@code fluss.*} properties, for the health check's timeout
     */
    public FlussHealthContributorAutoConfiguration(FlussProperties properties) {
        super(client -> new FlussReactiveHealthIndicator(client, properties.health().timeout()));
    }

    @Bean
    @ConditionalOnMissingBean(name = {"flussHealthIndicator", "flussHealthContributor"})
    ReactiveHealthContributor flussHealthContributor(ConfigurableListableBeanFactory beanFactory) {
        return createContributor(beanFactory, FlussClient.class);
    }
}
