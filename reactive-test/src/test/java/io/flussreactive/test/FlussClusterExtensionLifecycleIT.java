package io.flussreactive.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** Runs a test class in a test run of its own, to see what the extension does when a run ends. */
class FlussClusterExtensionLifecycleIT {

    @Test
    void theSharedClusterLivesAsLongAsTheRunAndIsClosedWhenItEnds() {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherDiscoveryRequest request =
                LauncherDiscoveryRequestBuilder.request().selectors(selectClass(ClusterUser.class)).build();

        ClusterUser.enabled = true;
        try {
            LauncherFactory.create().execute(request, summary);
        } finally {
            ClusterUser.enabled = false;
        }

        assertThat(summary.getSummary().getFailures()).isEmpty();
        assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(2);
        assertThat(ClusterUser.seen).hasSize(2);
        EmbeddedFlussCluster cluster = ClusterUser.seen.get(0);
        assertThat(ClusterUser.seen.get(1)).as("both tests got the same cluster").isSameAs(cluster);
        assertThat(cluster)
                .as("the inner run had a cluster of its own")
                .isNotSameAs(DefaultClusterWitness.firstSeenSoFar());
        assertThatThrownBy(cluster::bootstrapServers).hasMessageContaining("closed");
        assertThat(ClusterUser.directories.get(0)).doesNotExist();
    }

    /** Runs only inside the test above, which starts a test run of its own for it. */
    @ExtendWith(FlussClusterExtension.class)
    @EnabledIf("enabledByOuterTest")
    static class ClusterUser {

        static volatile boolean enabled;
        static final List<EmbeddedFlussCluster> seen = new CopyOnWriteArrayList<>();
        static final List<Path> directories = new CopyOnWriteArrayList<>();

        static boolean enabledByOuterTest() {
            return enabled;
        }

        @Test
        void first(EmbeddedFlussCluster cluster) {
            record(cluster);
        }

        @Test
        void second(EmbeddedFlussCluster cluster) {
            record(cluster);
        }

        private static void record(EmbeddedFlussCluster cluster) {
            assertThat(cluster.bootstrapServers()).isNotEmpty();
            seen.add(cluster);
            directories.add(cluster.directory());
        }
    }
}
