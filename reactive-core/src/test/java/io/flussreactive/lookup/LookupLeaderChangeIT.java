package io.flussreactive.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.FlussClient;
import io.flussreactive.TestClients;
import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.internal.bucket.FlussBucketing;
import io.flussreactive.internal.meta.MetadataManager;
import io.flussreactive.internal.meta.ServerAddress;
import io.flussreactive.internal.record.KeyEncoders;
import io.flussreactive.internal.rpc.ApiKey;
import io.flussreactive.internal.rpc.RpcClient;
import io.flussreactive.internal.rpc.TransportOptions;
import io.flussreactive.row.GenericRow;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterConfig;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.UpsertWriter;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

/** A lookup whose cached leader went away finds the new leader after a metadata refresh. */
@ExtendWith(FlussClusterExtension.class)
@FlussClusterConfig(tabletServers = 3)
class LookupLeaderChangeIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int BUCKETS = 3;
    private static final int KEYS = 30;

    @Test
    void aLookupOfAKeyWhoseLeaderStoppedSucceedsAfterAMetadataRefresh(EmbeddedFlussCluster cluster) {
        // A metadata view of its own, to find leaders without touching the client's cache.
        RpcClient rpc = new RpcClient(new TransportOptions(Duration.ofSeconds(2), Duration.ofSeconds(30), 16 << 20, 2));
        MetadataManager leaders = new MetadataManager(rpc, List.of(ServerAddress.parse(cluster.coordinatorAddress())));
        FlussClient client = TestClients.client(cluster);
        String database = TestClients.uniqueName("lookup_leaders");
        TablePath path = TablePath.of(database, "orders");
        int stopped = -1;
        try {
            client.admin().createDatabase(database, DatabaseDescriptor.empty(), false).block(WAIT);
            client.admin().createTable(path, TableDescriptor.builder()
                            .schema(Schema.newBuilder()
                                    .column("id", DataTypes.BIGINT())
                                    .column("name", DataTypes.STRING())
                                    .primaryKey("id")
                                    .build())
                            .distributedBy(BUCKETS)
                            .replicationFactor(3)
                            .build(), false)
                    .block(WAIT);
            FlussTable table = client.table(path).block(WAIT);
            UpsertWriter writer = table.upsertWriter();
            // Acknowledged by every replica (the default acks), so any new leader has the rows.
            writer.writeRows(Flux.range(0, KEYS).map(i -> GenericRow.of((long) i, "n" + i))).then().block(WAIT);
            writer.close().block(WAIT);
            Lookuper lookuper = table.lookuper();
            // Every bucket's leader is now in the client's cache.
            assertThat(lookuper.lookupAll(Flux.range(0, KEYS).map(i -> GenericRow.of((long) i)))
                            .filter(LookupResult::found)
                            .count()
                            .block(WAIT))
                    .isEqualTo(KEYS);

            long key = 7;
            int bucket = FlussBucketing.bucket(
                    KeyEncoders.primaryKey(table.info()).encode(GenericRow.of(key, null)), BUCKETS);
            stopped = leaders.tableLocations(path).block(WAIT).bucket(bucket).orElseThrow().leader();
            long metadataRequestsBefore = TestClients.requestsSent(client, ApiKey.GET_METADATA);

            cluster.stopTabletServer(stopped);

            assertThat(lookuper.lookup(GenericRow.of(key)).block(WAIT)).isEqualTo(GenericRow.of(key, "n" + key));
            assertThat(TestClients.requestsSent(client, ApiKey.GET_METADATA))
                    .as("metadata requests after the leader stopped")
                    .isGreaterThan(metadataRequestsBefore);
            // Every other key too, whichever server led its bucket.
            assertThat(lookuper.lookupAll(Flux.range(0, KEYS).map(i -> GenericRow.of((long) i)))
                            .map(LookupResult::row)
                            .collectList()
                            .block(WAIT))
                    .containsExactlyElementsOf(IntStream.range(0, KEYS)
                            .mapToObj(i -> GenericRow.of((long) i, "n" + i))
                            .toList());
        } finally {
            if (stopped >= 0) {
                cluster.startTabletServer(stopped);
            }
            client.admin().dropDatabase(database, true, true).block(WAIT);
            client.close().block(WAIT);
            rpc.close().block(WAIT);
        }
    }
}
