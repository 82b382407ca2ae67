package io.flussreactive.test.internal;

import java.util.Optional;
import java.util.OptionalInt;
import org.apache.fluss.config.Configuration;
import org.apache.fluss.metadata.TableBucket;
import org.apache.fluss.metadata.TablePath;
import org.apache.fluss.server.zk.ZooKeeperClient;
import org.apache.fluss.server.zk.ZooKeeperUtils;
import org.apache.fluss.server.zk.data.LeaderAndIsr;
import org.apache.fluss.server.zk.data.TableRegistration;

/**
 * Where the coordinator has put bucket leaders, read from ZooKeeper: the coordinator writes each
 * election there before it tells any server or client, so this is the cluster's own answer, not a
 * client's possibly stale metadata.
 */
public final class BucketLeaders implements AutoCloseable {

    private final ZooKeeperClient zooKeeper;

    private BucketLeaders(ZooKeeperClient zooKeeper) {
        this.zooKeeper = zooKeeper;
    }

    /** Connects to the ZooKeeper named in the cluster's configuration. */
    public static BucketLeaders connect(Configuration clusterConfiguration) {
        return new BucketLeaders(ZooKeeperUtils.startZookeeperClient(clusterConfiguration, failure -> {
            // A lost connection makes reads fail, which the caller sees; nothing to stop here.
        }));
    }

    /**
     * The tablet server that leads a bucket of a table without partitions, or empty when the table
     * does not exist or the bucket has no leader.
     */
    public OptionalInt leader(String database, String table, int bucket) throws Exception {
        Optional<TableRegistration> registration = zooKeeper.getTable(TablePath.of(database, table));
        if (registration.isEmpty()) {
            return OptionalInt.empty();
        }
        Optional<LeaderAndIsr> leaderAndIsr =
                zooKeeper.getLeaderAndIsr(new TableBucket(registration.get().tableId, bucket));
        if (leaderAndIsr.isEmpty() || leaderAndIsr.get().leader() == LeaderAndIsr.NO_LEADER) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(leaderAndIsr.get().leader());
    }

    @Override
    public void close() {
        zooKeeper.close();
    }
}
