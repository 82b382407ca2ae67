package io.flussreactive;

import static io.flussreactive.TestClients.TIMEOUT;

import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.FlussAdmin;
import io.flussreactive.admin.PartitionSpec;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.error.LeaderNotAvailableException;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database of one test class's own on the shared embedded cluster, and a client to reach it: both
 * made before the class's first test, and the database dropped with its tables and the client closed
 * after its last. Register it as a static field of a class extended with {@link FlussClusterExtension}:
 *
 * <pre>{@code
 * @ExtendWith(FlussClusterExtension.class)
 * class WriterTest {
 *     @RegisterExtension
 *     static final TestDatabase db = TestDatabase.named("writer");
 * }
 * }</pre>
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);

    private final String prefix;
    private final Supplier<FlussClientOptions.Builder> clientOptions;
    private EmbeddedFlussCluster cluster;
    private FlussClient client;
    private String name;

    private TestDatabase(String prefix, Supplier<FlussClientOptions.Builder> clientOptions) {
        this.prefix = prefix;
        this.clientOptions = clientOptions;
    }

    /**
     * A database whose name starts with {@code prefix} (and is unique in the run), reached by a client
     * with default options.
     */
    public static TestDatabase named(String prefix) {
        return new TestDatabase(prefix, FlussClientOptions::builder);
    }

    /** The same database, reached by a client with these options (bootstrap servers are set from the cluster). */
    public TestDatabase withClientOptions(Supplier<FlussClientOptions.Builder> options) {
        return new TestDatabase(prefix, options);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = FlussClusterExtension.cluster(context);
        client = TestClients.client(cluster, clientOptions.get());
        name = TestClients.uniqueName(prefix);
        client.admin().createDatabase(name, DatabaseDescriptor.empty(), false).block(TIMEOUT);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            client.admin().dropDatabase(name, true, true).block(TIMEOUT);
        } finally {
            client.close().block(TIMEOUT);
        }
    }

    /** The cluster the database is on. */
    public EmbeddedFlussCluster cluster() {
        return cluster;
    }

    /** The client of the test class. */
    public FlussClient client() {
        return client;
    }

    /** The client's admin. */
    public FlussAdmin admin() {
        return client.admin();
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /** The path of a table of the database. */
    public TablePath path(String table) {
        return TablePath.of(name, table);
    }

    /**
     * Creates a table of the database and, unless it is partitioned, waits until every bucket has a
     * leader. A Fluss 0.9.1 cluster now and then leaves a new table's buckets without leaders for good
     * (its coordinator keeps finding no leader record for them); the table is then dropped and
     * created once more, so that a test of the client is not failed by that.
     *
     * @return the table's path
     */
    public TablePath createTable(String table, TableDescriptor descriptor) {
        TablePath path = path(table);
        Runnable create = () -> admin().createTable(path, descriptor, false).block(TIMEOUT);
        if (!descriptor.partitionKeys().isEmpty()) {
            // A partitioned table has no buckets of its own: its partitions get leaders when created.
            create.run();
        } else {
            createUntilLed(path.toString(), create, () -> admin().dropTable(path, false).block(TIMEOUT),
                    path, null);
        }
        return path;
    }

    /**
     * Creates a partition of a table of the database and waits until every bucket of it has a leader,
     * creating it once more if it got none (as {@link #createTable} does for tables): a writer that has no
     * delivery timeout, such as the official client's, would otherwise wait for ever.
     */
    public void createPartition(TablePath path, PartitionSpec spec) {
        String partitionName = String.join("$", spec.spec().values());
        createUntilLed("partition " + partitionName + " of " + path,
                () -> admin().createPartition(path, spec, false).block(TIMEOUT),
                () -> admin().dropPartition(path, spec, false).block(TIMEOUT),
                path, partitionName);
    }

    /**
     * Creates a table or partition, and once more (dropping it first) if its buckets got no leaders.
     *
     * @param what the table or partition, for the log and the failure
     * @param partitionName the partition whose leaders are awaited, or null for the table's
     */
    private void createUntilLed(String what, Runnable create, Runnable drop, TablePath path, String partitionName) {
        create.run();
        if (hasLeaders(path, partitionName)) {
            return;
        }
        log.warn("The buckets of {} got no leaders; dropping it and creating it again", what);
        drop.run();
        client.metadata().invalidate(path);
        create.run();
        if (!hasLeaders(path, partitionName)) {
            throw new IllegalStateException("The buckets of " + what + " got no leaders, twice; " + clusterState());
        }
    }

    /** Whether every bucket of a table, or of one partition of it, has a leader, asking again for a while. */
    private boolean hasLeaders(TablePath path, String partitionName) {
        for (int attempt = 0; attempt < 3; attempt++) {
            // The metadata cache asks again a few times itself while some bucket has no leader.
            client.metadata().invalidate(path);
            try {
                (partitionName == null
                        ? client.metadata().tableLocations(path)
                        : client.metadata().partitionLocations(path, partitionName)).block(TIMEOUT);
                return true;
            } catch (LeaderNotAvailableException notYet) {
                log.debug("No leaders for {} {} yet: {}", path, partitionName, notYet.getMessage());
            }
        }
        return false;
    }

    /** What the cluster says of its servers, for a failure message: tells a broken cluster from a broken test. */
    private String clusterState() {
        String running = cluster.tabletServerIds().stream()
                .map(id -> id + (cluster.isTabletServerRunning(id) ? " running" : " stopped"))
                .toList()
                .toString();
        try {
            return "tablet servers of the embedded cluster: " + running + "; servers the coordinator knows: "
                    + admin().serverNodes().collectList().block(TIMEOUT);
        } catch (RuntimeException e) {
            return "tablet servers of the embedded cluster: " + running
                    + "; asking the coordinator for its servers failed: " + e;
        }
    }

    /** A table of the database, which must exist. */
    public FlussTable table(String table) {
        return client.table(path(table)).block(TIMEOUT);
    }
}
