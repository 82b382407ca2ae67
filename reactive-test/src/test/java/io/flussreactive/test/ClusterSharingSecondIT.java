package io.flussreactive.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One of two test classes that must receive the same cluster; see also ClusterSharing*Test. */
@ExtendWith(FlussClusterExtension.class)
class ClusterSharingSecondIT {

    private static EmbeddedFlussCluster fromBeforeAll;

    private final EmbeddedFlussCluster fromConstructor;

    ClusterSharingSecondIT(EmbeddedFlussCluster cluster) {
        this.fromConstructor = cluster;
    }

    @BeforeAll
    static void rememberCluster(EmbeddedFlussCluster cluster) {
        fromBeforeAll = cluster;
    }

    @Test
    void everyInjectionPointAndEveryTestClassGetsTheSameRunningCluster(EmbeddedFlussCluster cluster) {
        assertThat(fromConstructor).isSameAs(cluster);
        assertThat(fromBeforeAll).isSameAs(cluster);
        assertThat(DefaultClusterWitness.firstSeen(cluster)).isSameAs(cluster);
        assertThat(cluster.tabletServerIds()).containsExactly(0);
        assertThat(Ports.accepts(cluster.coordinatorAddress())).isTrue();
    }
}
