package io.flussreactive.test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.fluss.client.Connection;
import org.apache.fluss.client.ConnectionFactory;
import org.apache.fluss.client.lookup.Lookuper;
import org.apache.fluss.client.table.Table;
import org.apache.fluss.client.table.writer.UpsertWriter;
import org.apache.fluss.config.ConfigOptions;
import org.apache.fluss.config.Configuration;
import org.apache.fluss.metadata.DatabaseDescriptor;
import org.apache.fluss.metadata.Schema;
import org.apache.fluss.metadata.TableDescriptor;
import org.apache.fluss.metadata.TableInfo;
import org.apache.fluss.metadata.TablePath;
import org.apache.fluss.row.BinaryString;
import org.apache.fluss.row.GenericRow;
import org.apache.fluss.row.InternalRow;
import org.apache.fluss.types.DataTypes;

/**
 * The official Fluss client, narrowed to what these tests need: key-value tables of
 * {@code id INT -> name STRING}. Every call waits at most 60 s.
 */
final class KeyValueClient implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 60;

    private final Connection connection;
    private final Map<TablePath, Table> tables = new HashMap<>();

    KeyValueClient(String bootstrapServers) {
        Configuration configuration = new Configuration();
        configuration.setString(ConfigOptions.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        // Single lookups would otherwise wait for the client's 100 ms batching timer.
        configuration.setString("client.lookup.batch-timeout", "1ms");
        this.connection = ConnectionFactory.createConnection(configuration);
    }

    /**
     * Creates the database if needed and a table {@code id INT PRIMARY KEY, name STRING} with the
     * cluster's default number of buckets and replication factor.
     */
    TableInfo createTable(TablePath path) throws Exception {
        await(connection.getAdmin().createDatabase(path.getDatabaseName(), DatabaseDescriptor.EMPTY, true));
        Schema schema = Schema.newBuilder()
                .column("id", DataTypes.INT())
                .column("name", DataTypes.STRING())
                .primaryKey("id")
                .build();
        TableDescriptor descriptor = TableDescriptor.builder().schema(schema).build();
        await(connection.getAdmin().createTable(path, descriptor, false));
        return await(connection.getAdmin().getTableInfo(path));
    }

    void put(TablePath path, int id, String name) throws Exception {
        UpsertWriter writer = table(path).newUpsert().createWriter();
        await(writer.upsert(GenericRow.of(id, BinaryString.fromString(name))));
    }

    /** The name stored under {@code id}, or {@code null}. */
    String get(TablePath path, int id) throws Exception {
        Lookuper lookuper = table(path).newLookup().createLookuper();
        InternalRow row = await(lookuper.lookup(GenericRow.of(id))).getSingletonRow();
        return row == null ? null : row.getString(1).toString();
    }

    private Table table(TablePath path) {
        return tables.computeIfAbsent(path, connection::getTable);
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            for (Table table : tables.values()) {
                table.close();
            }
            connection.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not close the client", e);
        }
    }
}
