package io.flussreactive.interop;

import io.flussreactive.test.EmbeddedFlussCluster;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.fluss.client.Connection;
import org.apache.fluss.client.ConnectionFactory;
import org.apache.fluss.client.admin.Admin;
import org.apache.fluss.client.table.Table;
import org.apache.fluss.client.table.writer.AppendWriter;
import org.apache.fluss.config.Configuration;
import org.apache.fluss.metadata.TablePath;
import org.apache.fluss.row.InternalRow;

/** The official Fluss Java client, connected to a test cluster, for wire-compatibility tests. */
public final class OfficialClient implements AutoCloseable {

    private final Connection connection;

    private OfficialClient(Connection connection) {
        this.connection = connection;
    }

    /** Connects to the cluster with the official client's defaults. */
    public static OfficialClient connect(EmbeddedFlussCluster cluster) {
        return connect(cluster, Map.of());
    }

    /** Connects to the cluster with these official client options on top of its defaults. */
    public static OfficialClient connect(EmbeddedFlussCluster cluster, Map<String, String> options) {
        Configuration conf = new Configuration();
        conf.setString("bootstrap.servers", cluster.bootstrapServers());
        options.forEach(conf::setString);
        return new OfficialClient(ConnectionFactory.createConnection(conf));
    }

    /** The official admin API. */
    public Admin admin() {
        return connection.getAdmin();
    }

    /** The official table handle. */
    public Table table(io.flussreactive.table.TablePath path) {
        return connection.getTable(toOfficial(path));
    }

    /** Appends rows with the official writer and waits until they are acknowledged. */
    public void append(io.flussreactive.table.TablePath path, List<? extends InternalRow> rows) throws Exception {
        try (Table table = table(path)) {
            AppendWriter writer = table.newAppend().createWriter();
            for (InternalRow row : rows) {
                writer.append(row).get(60, TimeUnit.SECONDS);
            }
            writer.flush();
        }
    }

    /** Our table path as the official client's. */
    public static TablePath toOfficial(io.flussreactive.table.TablePath path) {
        return TablePath.of(path.databaseName(), path.tableName());
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
