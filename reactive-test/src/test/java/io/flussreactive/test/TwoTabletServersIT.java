package io.flussreactive.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.fluss.metadata.TableInfo;
import org.apache.fluss.metadata.TablePath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FlussClusterExtension.class)
@FlussClusterConfig(tabletServers = 2, properties = "default.bucket.number = 2")
class TwoTabletServersIT {

    @Test
    void aClassWithItsOwnSettingsGetsItsOwnCluster(EmbeddedFlussCluster cluster) {
        assertThat(cluster).isNotSameAs(DefaultClusterWitness.firstSeenSoFar());
        assertThat(cluster.tabletServerIds()).containsExactly(0, 1);

        List<String> addresses = List.of(
                cluster.coordinatorAddress(), cluster.tabletServerAddress(0), cluster.tabletServerAddress(1));
        assertThat(addresses).doesNotHaveDuplicates().allMatch(Ports::accepts);
        assertThat(cluster.bootstrapServers()).isEqualTo(String.join(",", addresses));
    }

    @Test
    void tablesAreReplicatedToBothServersAndSurviveOneStopping(EmbeddedFlussCluster cluster) throws Exception {
        TablePath path = TablePath.of("two_servers", "users");
        try (KeyValueClient client = new KeyValueClient(cluster.bootstrapServers())) {
            TableInfo table = client.createTable(path);
            assertThat(table.getTableConfig().getReplicationFactor()).as("default replication factor").isEqualTo(2);
            assertThat(table.getNumBuckets()).as("from @FlussClusterConfig properties").isEqualTo(2);

            client.put(path, 1, "ada");
            cluster.stopTabletServer(1);
            try {
                assertThat(cluster.isTabletServerRunning(1)).isFalse();
                assertThat(cluster.isTabletServerRunning(0)).isTrue();
                assertThat(client.get(path, 1)).isEqualTo("ada");
            } finally {
                cluster.startTabletServer(1);
            }
        }
    }
}
