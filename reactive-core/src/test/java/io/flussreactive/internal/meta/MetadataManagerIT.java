package io.flussreactive.internal.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.SchemaInfo;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.error.NetworkException;
import io.flussreactive.internal.admin.AdminClient;
import io.flussreactive.internal.rpc.RpcClient;
import io.flussreactive.internal.rpc.TransportOptions;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FlussClusterExtension.class)
class MetadataManagerIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final EmbeddedFlussCluster cluster;
    private final RpcClient rpc =
            new RpcClient(new TransportOptions(Duration.ofSeconds(2), Duration.ofSeconds(30), 16 << 20, 2));

    MetadataManagerIT(EmbeddedFlussCluster cluster) {
        this.cluster = cluster;
    }

    @AfterEach
    void close() {
        rpc.close().block(WAIT);
    }

    private MetadataManager manager(String... addresses) {
        return new MetadataManager(rpc, java.util.Arrays.stream(addresses).map(ServerAddress::parse).toList());
    }

    @Test
    void bootstrapSkipsAddressesThatDoNotAnswer() throws IOException {
        String dead = "127.0.0.1:" + closedPort();
        MetadataManager metadata = manager(dead, cluster.coordinatorAddress());

        ClusterNodes nodes = metadata.nodes().block(WAIT);

        assertThat(nodes.coordinator().address()).isEqualTo(cluster.coordinatorAddress());
        assertThat(nodes.tabletServers().keySet()).containsExactlyElementsOf(cluster.tabletServerIds());
    }

    @Test
    void bootstrapFromATabletServerFindsTheCoordinator() {
        int tabletServer = cluster.tabletServerIds().get(0);
        MetadataManager metadata = manager(cluster.tabletServerAddress(tabletServer));

        assertThat(metadata.nodes().block(WAIT).coordinator().address()).isEqualTo(cluster.coordinatorAddress());
    }

    @Test
    void bootstrapFailsNamingEveryAddressWhenNoneAnswers() throws IOException {
        String first = "127.0.0.1:" + closedPort();
        String second = "127.0.0.1:" + closedPort();
        MetadataManager metadata = manager(first, second);

        long start = System.nanoTime();
        assertThatThrownBy(() -> metadata.nodes().block(WAIT))
                .isInstanceOf(NetworkException.class)
                .hasMessageContaining("Could not bootstrap")
                .hasMessageContaining(first)
                .hasMessageContaining(second);
        // Refused connections fail at once, well inside the 2 s connect timeout of each address.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));

        // A failed bootstrap is not remembered: a later call tries again.
        assertThatThrownBy(() -> metadata.nodes().block(WAIT)).isInstanceOf(NetworkException.class);
    }

    @Test
    void tableDescriptionsAreCachedUntilInvalidated() {
        MetadataManager metadata = manager(cluster.bootstrapServers().split(","));
        AdminClient admin = new AdminClient(metadata);
        String database = "metadata_cache_" + ProcessHandle.current().pid();
        TablePath path = TablePath.of(database, "t");
        admin.createDatabase(database, DatabaseDescriptor.empty(), true).block(WAIT);
        admin.createTable(path, TableDescriptor.builder()
                        .schema(Schema.newBuilder().column("id", DataTypes.INT()).build())
                        .distributedBy(2)
                        .build(), false)
                .block(WAIT);

        TableInfo first = metadata.tableInfo(path).block(WAIT);
        assertThat(metadata.tableInfo(path).block(WAIT)).isSameAs(first);
        SchemaInfo schema = metadata.schema(path, first.tableId(), 1).block(WAIT);
        assertThat(schema.schema()).isEqualTo(first.schema());
        assertThat(metadata.schema(path, first.tableId(), 1).block(WAIT)).isSameAs(schema);
        TableLocations locations = metadata.tableLocations(path).block(WAIT);
        assertThat(locations.tableId()).isEqualTo(first.tableId());
        assertThat(locations.buckets().keySet()).containsExactlyInAnyOrder(0, 1);
        assertThat(locations.buckets().values()).allSatisfy(b -> assertThat(b.hasLeader()).isTrue());

        // Dropping invalidates: a table re-created under the same name is a different table.
        admin.dropTable(path, false).block(WAIT);
        admin.createTable(path, TableDescriptor.builder()
                        .schema(Schema.newBuilder().column("id", DataTypes.INT()).column("v", DataTypes.STRING()).build())
                        .distributedBy(3)
                        .build(), false)
                .block(WAIT);

        TableInfo recreated = metadata.tableInfo(path).block(WAIT);
        assertThat(recreated.tableId()).isNotEqualTo(first.tableId());
        assertThat(recreated.schema().columnNames()).containsExactly("id", "v");
        assertThat(metadata.tableLocations(path).block(WAIT).buckets()).hasSize(3);
        admin.dropDatabase(database, true, true).block(WAIT);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
