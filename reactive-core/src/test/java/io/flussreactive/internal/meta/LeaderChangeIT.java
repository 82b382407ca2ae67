package io.flussreactive.internal.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.FlussClient;
import io.flussreactive.TestClients;
import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.FlussAdmin;
import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.internal.rpc.RpcClient;
import io.flussreactive.internal.rpc.TransportOptions;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterConfig;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Cached bucket leaders are dropped and fetched again when the leader they name goes away. */
@ExtendWith(FlussClusterExtension.class)
@FlussClusterConfig(tabletServers = 3)
class LeaderChangeIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aRequestToAStoppedLeaderRefreshesTheLeadersAndSucceeds(EmbeddedFlussCluster cluster) {
        List<ServerAddress> bootstrap = List.of(ServerAddress.parse(cluster.coordinatorAddress()));
        RpcClient rpc = new RpcClient(new TransportOptions(Duration.ofSeconds(2), Duration.ofSeconds(30), 16 << 20, 2));
        MetadataManager metadata = new MetadataManager(rpc, bootstrap);
        FlussClient client = TestClients.client(cluster);
        FlussAdmin admin = client.admin();
        String database = TestClients.uniqueName("leaders");
        TablePath path = TablePath.of(database, "t");
        int stopped = -1;
        try {
            admin.createDatabase(database, DatabaseDescriptor.empty(), false).block(WAIT);
            admin.createTable(path, TableDescriptor.builder()
                            .schema(Schema.newBuilder().column("id", DataTypes.INT()).build())
                            .distributedBy(3)
                            .replicationFactor(3)
                            .build(), false)
                    .block(WAIT);
            TableLocations before = metadata.tableLocations(path).block(WAIT);
            stopped = before.bucket(0).orElseThrow().leader();

            cluster.stopTabletServer(stopped);
            // Same manager, stale cache: the first attempt goes to the stopped server.
            Map<Integer, Long> offsets = new io.flussreactive.internal.admin.AdminClient(metadata)
                    .listOffsets(path, List.of(0, 1, 2), OffsetSpec.latest())
                    .block(WAIT);

            assertThat(offsets).containsOnlyKeys(0, 1, 2);
            TableLocations after = metadata.tableLocations(path).block(WAIT);
            assertThat(after.bucket(0).orElseThrow().leader()).isNotEqualTo(stopped);
        } finally {
            if (stopped >= 0) {
                cluster.startTabletServer(stopped);
            }
            admin.dropDatabase(database, true, true).block(WAIT);
            client.close().block(WAIT);
            rpc.close().block(WAIT);
        }
    }
}
