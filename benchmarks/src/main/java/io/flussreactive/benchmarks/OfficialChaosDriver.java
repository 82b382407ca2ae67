package io.flussreactive.benchmarks;

import org.apache.fluss.client.Connection;
import org.apache.fluss.client.ConnectionFactory;
import org.apache.fluss.client.table.Table;
import org.apache.fluss.client.table.writer.AppendWriter;
import org.apache.fluss.client.table.writer.UpsertWriter;
import org.apache.fluss.config.ConfigOptions;
import org.apache.fluss.config.Configuration;
import org.apache.fluss.metadata.TablePath;
import org.apache.fluss.row.BinaryString;
import org.apache.fluss.row.GenericRow;

/**
 * The chaos program's writes with the official Fluss client at its default settings, idempotence and
 * acks all named explicitly (both are its defaults).
 */
final class OfficialChaosDriver implements ChaosDriver {

    private final Connection connection;

    OfficialChaosDriver(String bootstrapServers) {
        Configuration conf = new Configuration();
        conf.setString(ConfigOptions.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        conf.set(ConfigOptions.CLIENT_WRITER_ENABLE_IDEMPOTENCE, true);
        conf.set(ConfigOptions.CLIENT_WRITER_ACKS, "all");
        this.connection = ConnectionFactory.createConnection(conf);
    }

    /** Done when {@code flush()} returns, which waits for every row appended before it. */
    @Override
    public void append(String table, int rows, AckLedger ledger) throws Exception {
        try (Table t = table(table)) {
            AppendWriter writer = t.newAppend().createWriter();
            ledger.start();
            try {
                for (int id = 0; id < rows; id++) {
                    int row = id;
                    writer.append(row(id)).whenComplete((result, error) -> report(ledger, row, error));
                }
                writer.flush();
            } catch (RuntimeException e) {
                e.printStackTrace();
            } finally {
                ledger.finish();
            }
        }
    }

    @Override
    public void upsert(String table, int rows, AckLedger ledger) throws Exception {
        try (Table t = table(table)) {
            UpsertWriter writer = t.newUpsert().createWriter();
            ledger.start();
            try {
                for (int id = 0; id < rows; id++) {
                    int row = id;
                    writer.upsert(row(id)).whenComplete((result, error) -> report(ledger, row, error));
                }
                writer.flush();
            } catch (RuntimeException e) {
                e.printStackTrace();
            } finally {
                ledger.finish();
            }
        }
    }

    private static void report(AckLedger ledger, int id, Throwable error) {
        if (error == null) {
            ledger.acked(id);
        } else {
            ledger.failed(id);
        }
    }

    private Table table(String name) {
        return connection.getTable(TablePath.of(Tables.database(name), Tables.table(name)));
    }

    private static GenericRow row(int id) {
        return GenericRow.of(id, BinaryString.fromString(Rows.name(id)), Rows.score(id), Rows.ts(id));
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
