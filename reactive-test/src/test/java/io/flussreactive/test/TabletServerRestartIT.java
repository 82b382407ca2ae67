package io.flussreactive.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.fluss.metadata.TablePath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FlussClusterExtension.class)
class TabletServerRestartIT {

    @Test
    void aRestartedTabletServerComesBackOnItsAddressWithItsData(EmbeddedFlussCluster cluster) throws Exception {
        DefaultClusterWitness.firstSeen(cluster);
        String address = cluster.tabletServerAddress(0);
        TablePath path = TablePath.of("restart_test", "users");
        try (KeyValueClient client = new KeyValueClient(cluster.bootstrapServers())) {
            client.createTable(path);
            client.put(path, 7, "grace");

            cluster.stopTabletServer(0);
            try {
                assertThat(cluster.isTabletServerRunning(0)).isFalse();
                assertThat(cluster.tabletServerAddress(0)).isEqualTo(address);
                assertThat(Ports.accepts(address)).as("a stopped server refuses connections").isFalse();
                cluster.stopTabletServer(0); // stopping a stopped server does nothing
            } finally {
                cluster.startTabletServer(0);
            }

            assertThat(cluster.isTabletServerRunning(0)).isTrue();
            assertThat(cluster.tabletServerAddress(0)).isEqualTo(address);
            assertThat(Ports.accepts(address)).isTrue();
            // The same client finds the server again at the old address, with the data written before.
            assertThat(client.get(path, 7)).isEqualTo("grace");
        }
    }

    @Test
    void aRestartWaitsForItsPortWhileSomethingElseStillHoldsIt(EmbeddedFlussCluster cluster) throws Exception {
        String address = cluster.tabletServerAddress(0);
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        cluster.stopTabletServer(0);
        CompletableFuture<Void> restart;
        try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(squatter.getLocalPort()).isEqualTo(port);
            restart = CompletableFuture.runAsync(() -> cluster.startTabletServer(0));
            Thread.sleep(500);
            assertThat(restart).as("the restart waits for the port").isNotDone();
        } catch (IOException | RuntimeException | InterruptedException e) {
            cluster.startTabletServer(0);
            throw e;
        }
        restart.get(30, TimeUnit.SECONDS);
        assertThat(cluster.isTabletServerRunning(0)).isTrue();
        assertThat(cluster.tabletServerAddress(0)).isEqualTo(address);
        assertThat(Ports.accepts(address)).isTrue();
    }

    @Test
    void startingARunningServerDoesNothing(EmbeddedFlussCluster cluster) {
        String address = cluster.tabletServerAddress(0);
        cluster.startTabletServer(0);
        assertThat(cluster.isTabletServerRunning(0)).isTrue();
        assertThat(cluster.tabletServerAddress(0)).isEqualTo(address);
    }

    @Test
    void aTabletServerInTheClustersJvmCannotBeKilled(EmbeddedFlussCluster cluster) {
        assertThatThrownBy(() -> cluster.killTabletServer(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tabletServersInOwnProcesses");
        assertThat(cluster.isTabletServerRunning(0)).isTrue();
    }

    @Test
    void anUnknownTabletServerIdIsRefused(EmbeddedFlussCluster cluster) {
        assertThatThrownBy(() -> cluster.stopTabletServer(5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5");
        assertThatThrownBy(() -> cluster.isTabletServerRunning(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
