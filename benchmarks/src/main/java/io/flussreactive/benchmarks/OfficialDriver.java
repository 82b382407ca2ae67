package io.flussreactive.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.fluss.client.Connection;
import org.apache.fluss.client.ConnectionFactory;
import org.apache.fluss.client.lookup.LookupResult;
import org.apache.fluss.client.lookup.Lookuper;
import org.apache.fluss.client.table.Table;
import org.apache.fluss.client.table.scanner.ScanRecord;
import org.apache.fluss.client.table.scanner.log.LogScanner;
import org.apache.fluss.client.table.writer.AppendWriter;
import org.apache.fluss.client.table.writer.UpsertWriter;
import org.apache.fluss.config.Configuration;
import org.apache.fluss.metadata.TablePath;
import org.apache.fluss.row.BinaryString;
import org.apache.fluss.row.GenericRow;
import org.apache.fluss.row.InternalRow;

/** Runs the workloads with the official Fluss Java client at its default settings. */
public final class OfficialDriver implements ClientDriver {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Connection connection;

    /**
     * Connects to a cluster.
     *
     * @param bootstrapServers {@code host:port} of any server of the cluster
     */
    public OfficialDriver(String bootstrapServers) {
        Configuration conf = new Configuration();
        conf.setString("bootstrap.servers", bootstrapServers);
        this.connection = ConnectionFactory.createConnection(conf);
    }

    @Override
    public Outcome append(String table, int rows) throws Exception {
        try (Table t = table(table)) {
            AppendWriter writer = t.newAppend().createWriter();
            LongAdder failed = new LongAdder();
            long start = System.nanoTime();
            for (int id = 0; id < rows; id++) {
                writer.append(row(id)).whenComplete((result, error) -> countFailure(error, failed));
            }
            writer.flush();
            return new Outcome(System.nanoTime() - start, rows - failed.sum(), 0, null);
        }
    }

    @Override
    public Outcome upsert(String table, int rows) throws Exception {
        try (Table t = table(table)) {
            UpsertWriter writer = t.newUpsert().createWriter();
            LongAdder failed = new LongAdder();
            long start = System.nanoTime();
            for (int id = 0; id < rows; id++) {
                writer.upsert(row(id)).whenComplete((result, error) -> countFailure(error, failed));
            }
            writer.flush();
            return new Outcome(System.nanoTime() - start, rows - failed.sum(), 0, null);
        }
    }

    private static void countFailure(Throwable error, LongAdder failed) {
        if (error != null) {
            failed.increment();
        }
    }

    @Override
    public Outcome scan(String table, int rows, boolean projectedId) throws Exception {
        try (Table t = table(table)) {
            int buckets = t.getTableInfo().getNumBuckets();
            long read = 0;
            long checksum = 0;
            long start = System.nanoTime();
            try (LogScanner scanner = (projectedId ? t.newScan().project(new int[] {0}) : t.newScan())
                    .createLogScanner()) {
                for (int bucket = 0; bucket < buckets; bucket++) {
                    scanner.subscribeFromBeginning(bucket);
                }
                while (read < rows) {
                    for (ScanRecord record : scanner.poll(POLL)) {
                        InternalRow row = record.getRow();
                        checksum += projectedId
                                ? row.getInt(0)
                                : Rows.fold(0, row.getInt(0), row.getString(1).getSizeInBytes(), row.getDouble(2),
                                        row.getLong(3));
                        read++;
                    }
                }
            }
            return new Outcome(System.nanoTime() - start, read, checksum, null);
        }
    }

    @Override
    public Outcome lookupSequential(String table, int[] keys) throws Exception {
        try (Table t = table(table)) {
            Lookuper lookuper = t.newLookup().createLookuper();
            long[] latencies = new long[keys.length];
            long found = 0;
            long start = System.nanoTime();
            for (int i = 0; i < keys.length; i++) {
                long issued = System.nanoTime();
                LookupResult result = lookuper.lookup(key(keys[i])).get(5, TimeUnit.MINUTES);
                latencies[i] = System.nanoTime() - issued;
                if (isRow(result, keys[i])) {
                    found++;
                }
            }
            return new Outcome(System.nanoTime() - start, found, 0, latencies);
        }
    }

    @Override
    public Outcome lookupPipelined(String table, int[] keys, int inFlight) throws Exception {
        try (Table t = table(table)) {
            Lookuper lookuper = t.newLookup().createLookuper();
            long[] latencies = new long[keys.length];
            Semaphore permits = new Semaphore(inFlight);
            AtomicLong found = new AtomicLong();
            long start = System.nanoTime();
            for (int i = 0; i < keys.length; i++) {
                permits.acquire();
                int index = i;
                long issued = System.nanoTime();
                CompletableFuture<LookupResult> lookup = lookuper.lookup(key(keys[i]));
                lookup.whenComplete((result, error) -> {
                    latencies[index] = System.nanoTime() - issued;
                    if (error == null && isRow(result, keys[index])) {
                        found.incrementAndGet();
                    }
                    permits.release();
                });
            }
            permits.acquire(inFlight);
            return new Outcome(System.nanoTime() - start, found.get(), 0, latencies);
        }
    }

    private static boolean isRow(LookupResult result, int id) {
        InternalRow row = result.getSingletonRow();
        return row != null && row.getInt(0) == id;
    }

    private Table table(String name) {
        return connection.getTable(TablePath.of(Tables.database(name), Tables.table(name)));
    }

    private static GenericRow row(int id) {
        return GenericRow.of(id, BinaryString.fromString(Rows.name(id)), Rows.score(id), Rows.ts(id));
    }

    private static GenericRow key(int id) {
        return GenericRow.of(id);
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
