package io.flussreactive.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.fluss.metadata.TableInfo;
import org.apache.fluss.metadata.TablePath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedFlussClusterIT {

    @Test
    void aClientCanUseTheClusterRightAfterStartAndCloseRemovesEverything(@TempDir Path base) throws Exception {
        EmbeddedFlussCluster cluster = EmbeddedFlussCluster.builder().baseDirectory(base).build();
        assertThat(cluster.start()).isSameAs(cluster);
        assertThat(cluster.start()).as("a second start does nothing").isSameAs(cluster);

        Path directory = cluster.directory();
        assertThat(directory).isDirectory().hasParent(base);
        assertThat(directory.resolve("tablet-server-0")).isDirectory();

        List<String> addresses = new ArrayList<>();
        addresses.add(cluster.coordinatorAddress());
        addresses.add(cluster.tabletServerAddress(0));
        assertThat(cluster.bootstrapServers()).isEqualTo(String.join(",", addresses));
        assertThat(addresses).allSatisfy(address -> {
            assertThat(address).startsWith("127.0.0.1:");
            assertThat(Ports.accepts(address)).as("%s accepts connections", address).isTrue();
        });

        TablePath path = TablePath.of("lifecycle", "users");
        try (KeyValueClient client = new KeyValueClient(cluster.bootstrapServers())) {
            TableInfo table = client.createTable(path);
            assertThat(table.getTableConfig().getReplicationFactor()).isEqualTo(1);
            assertThat(table.getNumBuckets()).isEqualTo(1);
            client.put(path, 1, "ada");
            assertThat(client.get(path, 1)).isEqualTo("ada");
        }

        cluster.close();
        assertThat(directory).doesNotExist();
        assertThat(base).as("the base folder itself stays").isDirectory();
        assertThat(addresses).noneMatch(Ports::accepts);

        cluster.close(); // a second close does nothing
        assertThatThrownBy(cluster::bootstrapServers).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(cluster::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingAClusterThatNeverStartedDoesNothing() {
        EmbeddedFlussCluster cluster = EmbeddedFlussCluster.builder().build();
        cluster.close();
        assertThatThrownBy(cluster::directory).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aClusterThatIsNotStartedHasNoAddresses() {
        EmbeddedFlussCluster cluster = EmbeddedFlussCluster.builder().build();
        assertThatThrownBy(cluster::bootstrapServers)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not started");
        assertThatThrownBy(() -> cluster.stopTabletServer(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theBuilderRefusesSettingsTheClusterOwns() {
        EmbeddedFlussCluster.Builder builder = EmbeddedFlussCluster.builder();
        for (String key : List.of("zookeeper.address", "bind.listeners", "tablet-server.id", "data.dir")) {
            assertThatThrownBy(() -> builder.property(key, "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(key);
        }
        assertThatThrownBy(() -> builder.tabletServers(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.coordinatorPort(70_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
