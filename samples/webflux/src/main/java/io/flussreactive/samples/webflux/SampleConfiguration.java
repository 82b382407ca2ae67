package io.flussreactive.samples.webflux;

import io.flussreactive.FlussClient;
import io.flussreactive.admin.FlussAdmin;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sample's tables and the stores on them. */
@Configuration(proxyBeanMethods = false)
public class SampleConfiguration {

    /** Made by Spring. */
    public SampleConfiguration() {
    }

    /**
     * Creates the tables where missing. Beans are made on the main thread as the application starts, so
     * it may wait here: nothing is served before the tables exist.
     *
     * @param client the client
     * @param timeout how long to wait for the cluster ({@code sample.startup-timeout}, default 2 minutes)
     * @return the tables
     */
    @Bean
    SampleTables sampleTables(FlussClient client,
            @Value("${sample.startup-timeout:2m}") Duration timeout) {
        return SampleTables.createIfMissing(client).block(timeout);
    }

    @Bean
    EventMeters eventMeters(MeterRegistry registry) {
        return new EventMeters(registry);
    }

    @Bean
    EventStore eventStore(SampleTables tables, FlussAdmin admin, EventMeters meters) {
        return new EventStore(tables, admin, meters);
    }

    @Bean
    UserStore userStore(SampleTables tables) {
        return new UserStore(tables);
    }
}
