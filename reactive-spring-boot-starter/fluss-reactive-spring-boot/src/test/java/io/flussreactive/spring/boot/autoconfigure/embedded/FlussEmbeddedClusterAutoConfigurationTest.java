package io.flussreactive.spring.boot.autoconfigure.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.FlussClient;
import io.flussreactive.spring.boot.autoconfigure.FlussAutoConfiguration;
import io.flussreactive.spring.boot.autoconfigure.FlussConnectionDetails;
import io.flussreactive.test.EmbeddedFlussCluster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When {@link FlussEmbeddedClusterAutoConfiguration} stays out of the way: no cluster is started here. */
class FlussEmbeddedClusterAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    FlussEmbeddedClusterAutoConfiguration.class, FlussAutoConfiguration.class))
            .withPropertyValues("fluss.bootstrap-servers=127.0.0.1:1");

    @Test
    void theAutoConfigurationIsListedInTheImportsAndOrderedBeforeTheClients() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
                .contains(FlussEmbeddedClusterAutoConfiguration.class.getName());
        assertThat(FlussEmbeddedClusterAutoConfiguration.class.getAnnotation(AutoConfiguration.class).before())
                .containsExactly(FlussAutoConfiguration.class);
    }

    @Test
    void withoutThePropertyNoClusterStartsAndTheClientUsesTheProperties() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedFlussCluster.class)
                    .doesNotHaveBean(FlussEmbeddedProperties.class);
            assertThat(context.getBean(FlussConnectionDetails.class).getBootstrapServers())
                    .containsExactly("127.0.0.1:1");
            assertThat(context.getBean(FlussClient.class).options().bootstrapServers()).containsExactly("127.0.0.1:1");
        });
    }

    @Test
    void turnedOffNoClusterStarts() {
        runner.withPropertyValues("fluss.embedded.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedFlussCluster.class);
            assertThat(context.getBean(FlussClient.class).options().bootstrapServers()).containsExactly("127.0.0.1:1");
        });
    }

    @Test
    void withoutTheTestModuleOnTheClassPathNoClusterStartsEvenWhenEnabled() {
        runner.withPropertyValues("fluss.embedded.enabled=true")
                .withClassLoader(new FilteredClassLoader(EmbeddedFlussCluster.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedFlussCluster.class)
                            .doesNotHaveBean(FlussEmbeddedProperties.class);
                    assertThat(context.getBean(FlussClient.class).options().bootstrapServers())
                            .containsExactly("127.0.0.1:1");
                });
    }

    @Test
    void aClusterWithoutTabletServersFailsTheStartBeforeAnythingStarts() {
        runner.withPropertyValues("fluss.embedded.enabled=true", "fluss.embedded.tablet-servers=0")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("fluss.embedded.tablet-servers must be at least 1"));
    }
}
