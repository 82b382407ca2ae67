package io.flussreactive.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * A plain Spring test (no Spring Boot) with {@link FlussTestCluster}: the cluster is a bean, its address a
 * property, and it is the one plain tests of the run get from {@link FlussClusterExtension}.
 */
@SpringJUnitConfig(FlussTestClusterSpringIT.NoBeans.class)
@FlussTestCluster
class FlussTestClusterSpringIT {

    @Autowired
    EmbeddedFlussCluster cluster;

    @Value("${fluss.bootstrap-servers}")
    String bootstrapServers;

    @Autowired
    ApplicationContext context;

    @Test
    void theContextHasTheRunsSharedClusterAsABeanAndItsAddressAsAProperty(EmbeddedFlussCluster fromTheExtension) {
        assertThat(cluster).isSameAs(fromTheExtension);
        assertThat(DefaultClusterWitness.firstSeen(cluster)).as("the cluster of the run's plain tests").isSameAs(cluster);
        assertThat(cluster.isRunning()).isTrue();
        assertThat(bootstrapServers).isEqualTo(cluster.bootstrapServers());
        assertThat(Ports.accepts(cluster.coordinatorAddress())).isTrue();
    }

    /** Same settings, so the same cluster and, since Spring's context cache sees equal keys, the same context. */
    @Nested
    class WithTheSameSettings {

        @Autowired
        EmbeddedFlussCluster nestedCluster;

        @Autowired
        ApplicationContext nestedContext;

        @Test
        void getsTheSameClusterAndTheSameContext() {
            assertThat(nestedCluster).isSameAs(cluster);
            assertThat(nestedContext).isSameAs(context);
        }
    }

    /** The application's configuration: it declares nothing, the cluster bean comes from the annotation. */
    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }
}
