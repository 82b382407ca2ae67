package io.flussreactive;

import static io.flussreactive.TestClients.TIMEOUT;

import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.FlussAdmin;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

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

    /** A table of the database, which must exist. */
    public FlussTable table(String table) {
        return client.table(path(table)).block(TIMEOUT);
    }
}
