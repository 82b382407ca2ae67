package io.flussreactive.test.internal.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.test.FlussTestCluster;
import io.flussreactive.test.internal.ClusterShape;
import io.flussreactive.test.internal.SharedClusters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;

/** The customizer behind {@link FlussTestCluster}, outside Spring's test framework. */
@ExtendWith(FlussClusterExtension.class)
class FlussTestClusterContextCustomizerIT {

    private final FlussTestClusterContextCustomizerFactory factory = new FlussTestClusterContextCustomizerFactory();

    @Test
    void onlyAnnotatedClassesGetACustomizerAndEqualSettingsGiveEqualCustomizers() {
        assertThat(customizerOf(NotAnnotated.class)).isNull();
        ContextCustomizer defaults = customizerOf(Defaults.class);
        assertThat(defaults).isNotNull()
                .isEqualTo(customizerOf(AlsoDefaults.class))
                .hasSameHashCodeAs(customizerOf(AlsoDefaults.class))
                .isEqualTo(customizerOf(SubclassOfDefaults.class));
        assertThat(defaults).isNotEqualTo(customizerOf(TwoTabletServers.class))
                .isNotEqualTo(customizerOf(ServerProperty.class))
                .isNotEqualTo(customizerOf(OtherProperty.class));
    }

    @Test
    void theContextGetsTheRunsClusterAndItsAddressAndClosingTheContextLeavesTheClusterRunning(
            EmbeddedFlussCluster runsCluster) {
        GenericApplicationContext context = new GenericApplicationContext();
        customizerOf(OtherProperty.class).customizeContext(context, null);
        context.refresh();
        EmbeddedFlussCluster bean = context.getBean(EmbeddedFlussCluster.class);
        assertThat(bean).isSameAs(runsCluster);
        assertThat(context.getBeanNamesForType(EmbeddedFlussCluster.class)).containsExactly("embeddedFlussCluster");
        assertThat(context.getEnvironment().getProperty("my.fluss.servers")).isEqualTo(runsCluster.bootstrapServers());
        assertThat(context.getEnvironment().getProperty("fluss.bootstrap-servers")).isNull();

        context.close();
        assertThat(runsCluster.isRunning()).isTrue();
    }

    @Test
    void withoutARunsClusterOfTheShapeOneIsStartedAndSharedFromThenOn() {
        ClusterShape noRunHasIt = new ClusterShape(1, Map.of("default.bucket.number", "2"), Map.of(), false);
        EmbeddedFlussCluster started = SharedClusters.runningOrStart(noRunHasIt);
        assertThat(started.isRunning()).isTrue();
        assertThat(SharedClusters.runningOrStart(noRunHasIt)).isSameAs(started);

        // One a test closed (it should not) is replaced rather than handed out.
        started.close();
        EmbeddedFlussCluster replacement = SharedClusters.runningOrStart(noRunHasIt);
        try {
            assertThat(replacement).isNotSameAs(started);
            assertThat(replacement.isRunning()).isTrue();
        } finally {
            replacement.close();
        }
    }

    private ContextCustomizer customizerOf(Class<?> testClass) {
        return factory.createContextCustomizer(testClass, List.of());
    }

    static class NotAnnotated {
    }

    @FlussTestCluster
    static class Defaults {
    }

    @FlussTestCluster(tabletServers = 1, properties = {}, bootstrapServersProperty = "fluss.bootstrap-servers")
    static class AlsoDefaults {
    }

    static class SubclassOfDefaults extends Defaults {
    }

    @FlussTestCluster(tabletServers = 2)
    static class TwoTabletServers {
    }

    @FlussTestCluster(properties = "default.bucket.number=2")
    static class ServerProperty {
    }

    @FlussTestCluster(bootstrapServersProperty = "my.fluss.servers")
    static class OtherProperty {
    }
}
