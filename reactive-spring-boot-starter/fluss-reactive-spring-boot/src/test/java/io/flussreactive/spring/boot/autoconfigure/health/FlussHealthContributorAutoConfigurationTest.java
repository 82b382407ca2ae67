package io.flussreactive.spring.boot.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.FlussClient;
import io.flussreactive.spring.boot.autoconfigure.FlussAutoConfiguration;
import io.flussreactive.spring.boot.health.FlussReactiveHealthIndicator;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** When the {@code fluss} health contributor is there, and what it says of a cluster it cannot reach. */
class FlussHealthContributorAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FlussAutoConfiguration.class,
                    FlussHealthContributorAutoConfiguration.class));

    @Test
    void theClientHasAHealthIndicatorNamedFluss() {
        runner.run(context -> assertThat(context).getBean("flussHealthContributor")
                .isInstanceOf(FlussReactiveHealthIndicator.class));
    }

    @Test
    void withoutSpringBootsHealthModuleThereIsNoHealthIndicatorAndTheClientIsStillConfigured() {
        // Imported as an application imports auto-configurations, so that the conditions recorded at build
        // time (spring-autoconfigure-metadata.properties) rule the health configuration out before its
        // class, which names classes of the missing module, is read.
        new ApplicationContextRunner()
                .withUserConfiguration(ImportedAsInAnApplication.class)
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(FlussClient.class)
                        .doesNotHaveBean("flussHealthContributor"));
        new ApplicationContextRunner()
                .withUserConfiguration(ImportedAsInAnApplication.class)
                .run(context -> assertThat(context).hasBean("flussHealthContributor"));
    }

    @Test
    void theHealthIndicatorCanBeTurnedOff() {
        runner.withPropertyValues("management.health.fluss.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("flussHealthContributor"));
    }

    @Test
    void aHealthIndicatorOfTheApplicationTakesItsPlace() {
        ReactiveHealthIndicator own = () -> reactor.core.publisher.Mono.just(Health.up().build());
        runner.withBean("flussHealthIndicator", ReactiveHealthIndicator.class, () -> own)
                .run(context -> assertThat(context).doesNotHaveBean("flussHealthContributor"));
    }

    @Test
    void withoutTheClientThereIsNoHealthIndicator() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(FlussHealthContributorAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("flussHealthContributor"));
    }

    @Test
    void aClusterThatCannotBeReachedIsDownWithTheReason() {
        runner.withPropertyValues("fluss.bootstrap-servers=127.0.0.1:1").run(context -> {
            Health health = health(context.getBean("flussHealthContributor", ReactiveHealthContributor.class));
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("error").toString()).contains("127.0.0.1:1");
        });
    }

    @Test
    void aClusterThatDoesNotAnswerIsDownAfterTheHealthTimeout() throws Exception {
        // Connections open (the operating system accepts them) but nothing ever answers.
        try (ServerSocket silent = new ServerSocket(0)) {
            runner.withPropertyValues("fluss.bootstrap-servers=127.0.0.1:" + silent.getLocalPort(),
                    "fluss.health.timeout=300ms").run(context -> {
                        Health health = health(context.getBean("flussHealthContributor", ReactiveHealthContributor.class));
                        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(health.getDetails().get("error").toString())
                                .contains("TimeoutException", "No answer from the Fluss coordinator within PT0.3S");
                    });
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({FlussAutoConfiguration.class, FlussHealthContributorAutoConfiguration.class})
    static class ImportedAsInAnApplication {
    }

    private static Health health(ReactiveHealthContributor contributor) {
        return ((ReactiveHealthIndicator) contributor).health().block(Duration.ofSeconds(30));
    }
}
