package io.flussreactive.spring.boot.autoconfigure;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.admin.FlussAdmin;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Auto-configuration of a {@link FlussClient} and its {@link FlussAdmin} from the {@code fluss.*}
 * properties ({@link FlussProperties}), the {@link FlussConnectionDetails} and every
 * {@link FlussClientOptionsCustomizer}. The client's retries and circuit breakers are made in the
 * application's resilience4j {@link RetryRegistry} and {@link CircuitBreakerRegistry} when it has them.
 * The client is closed when the application context closes.
 */
@AutoConfiguration
@ConditionalOnClass(FlussClient.class)
@EnableConfigurationProperties(FlussProperties.class)
public final class FlussAutoConfiguration {

    /** Made by Spring from the auto-configuration imports. */
    public FlussAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(FlussConnectionDetails.class)
    PropertiesFlussConnectionDetails flussConnectionDetails(FlussProperties properties) {
        return new PropertiesFlussConnectionDetails(properties);
    }

    // The admin belongs to the client and closes with it.
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    FlussAdmin flussAdmin(FlussClient flussClient) {
        return flussClient.admin();
    }

    /**
     * Makes the client and closes it. The closing is here rather than in the client bean's destroy
     * method because Spring would wait for the {@code Mono} that {@link FlussClient#close()} returns
     * without a bound, and on whatever thread closes the context. Since the client bean is made by this
     * configuration bean, Spring destroys every bean that depends on the client before it destroys this
     * one: the client is closed after everything that uses it.
     */
    @Configuration(proxyBeanMethods = false)
    static final class FlussClientConfiguration implements DisposableBean {

        private static final Log logger = LogFactory.getLog(FlussAutoConfiguration.class);

        private volatile @Nullable FlussClient client;
        private volatile Duration closeTimeout = Duration.ZERO;

        // Spring's inferred destroy method would be close(): see above.
        @Bean(destroyMethod = "")
        @ConditionalOnMissingBean
        FlussClient flussClient(FlussProperties properties, FlussConnectionDetails connectionDetails,
                ObjectProvider<RetryRegistry> retryRegistry,
                ObjectProvider<CircuitBreakerRegistry> circuitBreakerRegistry,
                ObjectProvider<FlussClientOptionsCustomizer> customizers) {
            FlussClientOptions.Builder options = new FlussPropertiesMapper(properties, connectionDetails)
                    .toOptions(retryRegistry.getIfAvailable(), circuitBreakerRegistry.getIfAvailable());
            customizers.orderedStream().forEach(customizer -> customizer.customize(options));
            FlussClient created = FlussClient.create(options.build());
            this.closeTimeout = properties.closeTimeout();
            this.client = created;
            return created;
        }

        /** Closes the client this configuration made, waiting at most {@code fluss.close-timeout}. */
        @Override
        public void destroy() {
            FlussClient created = this.client;
            if (created == null) {
                return;
            }
            this.client = null;
            Mono<Void> closing = created.close();
            if (Schedulers.isInNonBlockingThread()) {
                // Waiting would block a thread that serves other work (and Reactor refuses to); the
                // closing runs to its end without anyone waiting for it.
                closing.subscribe(null, failure -> logger.warn("Closing the Fluss client failed", failure));
                return;
            }
            try {
                closing.timeout(closeTimeout).block();
            } catch (RuntimeException failure) {
                if (Exceptions.unwrap(failure) instanceof TimeoutException) {
                    // Giving up waiting does not stop the closing, which goes on in the background.
                    logger.warn("The Fluss client did not close within " + closeTimeout
                            + " (fluss.close-timeout); it goes on closing in the background");
                } else {
                    logger.warn("Closing the Fluss client failed", failure);
                }
            }
        }
    }
}
