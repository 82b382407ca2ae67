package io.flussreactive.benchmarks;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.apache.fluss.client.Connection;
import org.apache.fluss.client.ConnectionFactory;
import org.apache.fluss.client.admin.OffsetSpec;
import org.apache.fluss.client.lookup.LookupResult;
import org.apache.fluss.client.lookup.Lookuper;
import org.apache.fluss.client.metrics.ScannerMetricGroup;
import org.apache.fluss.client.table.Table;
import org.apache.fluss.client.table.scanner.ScanRecord;
import org.apache.fluss.client.table.scanner.log.LogScanner;
import org.apache.fluss.client.table.scanner.log.ScanRecords;
import org.apache.fluss.client.table.writer.AppendWriter;
import org.apache.fluss.client.table.writer.UpsertWriter;
import org.apache.fluss.config.Configuration;
import org.apache.fluss.metadata.PartitionInfo;
import org.apache.fluss.metadata.TablePath;
import org.apache.fluss.metrics.Counter;
import org.apache.fluss.row.BinaryString;
import org.apache.fluss.row.GenericRow;
import org.apache.fluss.row.InternalRow;

/** Runs the workloads with the official Fluss Java client at its default settings. */
public final class OfficialDriver implements ClientDriver {

    private static final Duration POLL = Duration.ofMillis(200);
    /** How long a workload that waits for many rows may take, as long as the other driver's. */
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    /** How long a tailing scan polls before the writer starts, so that it waits on the server already. */
    private static final Duration TAIL_SETTLE = Duration.ofSeconds(1);

    private final String bootstrapServers;
    private final Connection connection;

    /**
     * Connects to a cluster.
     *
     * @param bootstrapServers {@code host:port} of any server of the cluster
     */
    public OfficialDriver(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.connection = ConnectionFactory.createConnection(configuration(FetchSettings.DEFAULTS));
    }

    private Configuration configuration(FetchSettings fetch) {
        Configuration conf = new Configuration();
        conf.setString("bootstrap.servers", bootstrapServers);
        if (fetch.maxWaitMs() >= 0) {
            conf.setString("client.scanner.log.fetch.wait-max-time", fetch.maxWaitMs() + "ms");
        }
        if (fetch.minBytes() >= 0) {
            conf.setString("client.scanner.log.fetch.min-bytes", fetch.minBytes() + "b");
        }
        return conf;
    }

    @Override
    public Outcome append(String table, int rows) throws Exception {
        return append(table, rows, OfficialDriver::row);
    }

    @Override
    public Outcome appendPartitioned(String table, int rows, int partitions) throws Exception {
        return append(table, rows, id -> GenericRow.of(id, BinaryString.fromString(Rows.name(id)), Rows.score(id),
                Rows.ts(id), BinaryString.fromString(Rows.partition(id, partitions))));
    }

    private Outcome append(String table, int rows, IntFunction<InternalRow> row) throws Exception {
        try (Table t = table(table)) {
            AppendWriter writer = t.newAppend().createWriter();
            LongAdder failed = new LongAdder();
            long start = System.nanoTime();
            for (int id = 0; id < rows; id++) {
                writer.append(row.apply(id)).whenComplete((result, error) -> countFailure(error, failed));
            }
            writer.flush();
            return new Outcome(System.nanoTime() - start, rows - failed.sum(), 0, null);
        }
    }

    @Override
    public Outcome writeSequential(String table, int rows) throws Exception {
        try (Table t = table(table)) {
            AppendWriter writer = t.newAppend().createWriter();
            long[] latencies = new long[rows];
            long written = 0;
            long start = System.nanoTime();
            for (int id = 0; id < rows; id++) {
                long issued = System.nanoTime();
                writer.append(row(id)).get(5, TimeUnit.MINUTES);
                latencies[id] = System.nanoTime() - issued;
                written++;
            }
            return new Outcome(System.nanoTime() - start, written, 0, latencies);
        }
    }

    /**
     * Each writer is a chain of futures: a row's completion writes that writer's next row. The next
     * row is written from one thread of the benchmark's own rather than from the client's thread that
     * completed the future, where an append that has to wait (for buffer memory, for metadata) would
     * wait for that very thread.
     */
    @Override
    public Outcome writeConcurrent(String table, int rows, int writers) throws Exception {
        ExecutorService issuer = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "row-issuer"));
        try (Table t = table(table)) {
            WriteChains chains = new WriteChains(t.newAppend().createWriter(), rows, writers, issuer);
            long start = System.nanoTime();
            for (int w = 0; w < writers && w < rows; w++) {
                int first = w;
                issuer.execute(() -> chains.write(first));
            }
            if (!chains.done.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("The writers did not finish within " + TIMEOUT);
            }
            long nanos = System.nanoTime() - start;
            if (chains.failure.get() != null) {
                throw new IllegalStateException("A write failed", chains.failure.get());
            }
            return new Outcome(nanos, chains.written.sum(), 0, chains.latencies);
        } finally {
            issuer.shutdownNow();
        }
    }

    /** The writers of {@link #writeConcurrent}: writer {@code w} writes rows {@code w, w + writers, ...}. */
    private static final class WriteChains {
        final long[] latencies;
        final LongAdder written = new LongAdder();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final CountDownLatch done;
        private final AppendWriter writer;
        private final int rows;
        private final int writers;
        private final ExecutorService issuer;

        WriteChains(AppendWriter writer, int rows, int writers, ExecutorService issuer) {
            this.writer = writer;
            this.rows = rows;
            this.writers = writers;
            this.issuer = issuer;
            this.latencies = new long[rows];
            this.done = new CountDownLatch(Math.min(writers, rows));
        }

        /** Writes row {@code id}; its completion writes its writer's next row, or ends the writer. */
        void write(int id) {
            long issued = System.nanoTime();
            try {
                writer.append(row(id)).whenComplete((result, error) -> {
                    latencies[id] = System.nanoTime() - issued;
                    if (error != null) {
                        end(error);
                    } else {
                        written.increment();
                        if (id + writers < rows) {
                            issuer.execute(() -> write(id + writers));
                        } else {
                            done.countDown();
                        }
                    }
                });
            } catch (RuntimeException e) {
                end(e);
            }
        }

        private void end(Throwable error) {
            failure.compareAndSet(null, error);
            done.countDown();
        }
    }

    /**
     * The scan polls on a thread of its own (the scanner is single-threaded); it starts at the
     * buckets' latest offsets. Its fetch requests are read from the scanner's own counter, which the
     * official client keeps for its metrics but does not expose on the scanner.
     */
    @Override
    public Outcome tail(String table, int rows, int rowsPerSecond, FetchSettings fetch) throws Exception {
        boolean ownConnection = !fetch.equals(FetchSettings.DEFAULTS);
        Connection scanConnection = ownConnection ? ConnectionFactory.createConnection(configuration(fetch))
                : connection;
        try (Table t = table(table); Table scanned = scanConnection.getTable(path(table));
                LogScanner scanner = scanned.newScan().createLogScanner()) {
            AppendWriter writer = t.newAppend().createWriter();
            List<Integer> buckets = IntStream.range(0, t.getTableInfo().getNumBuckets()).boxed().toList();
            Map<Integer, Long> latest = latestOffsets(path(table), buckets);
            long[] latencies = new long[rows];
            long[] ackLatencies = new long[rows];
            AtomicLong delivered = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch subscribed = new CountDownLatch(1);
            Thread poller = new Thread(() -> {
                try {
                    latest.forEach(scanner::subscribe);
                    subscribed.countDown();
                    while (delivered.get() < rows && !Thread.currentThread().isInterrupted()) {
                        ScanRecords records = scanner.poll(POLL);
                        long now = System.nanoTime();
                        for (ScanRecord record : records) {
                            InternalRow row = record.getRow();
                            latencies[row.getInt(0)] = now - row.getLong(3);
                            delivered.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    subscribed.countDown();
                }
            }, "tail-poller");
            poller.start();
            subscribed.await();
            Thread.sleep(TAIL_SETTLE.toMillis());
            Counter fetchRequests = fetchRequestCounter(scanner);
            long fetchesBefore = fetchRequests.getCount();
            LongAdder failedWrites = new LongAdder();
            long start = System.nanoTime();
            long interval = 1_000_000_000L / rowsPerSecond;
            for (int id = 0; id < rows && failure.get() == null; id++) {
                LockSupport.parkNanos(start + id * interval - System.nanoTime());
                int written = id;
                long issued = System.nanoTime();
                writer.append(GenericRow.of(id, BinaryString.fromString(Rows.name(id)), Rows.score(id), issued))
                        .whenComplete((result, error) -> {
                            ackLatencies[written] = System.nanoTime() - issued;
                            countFailure(error, failedWrites);
                        });
            }
            poller.join(TIMEOUT.toMillis());
            long nanos = System.nanoTime() - start;
            long fetches = fetchRequests.getCount() - fetchesBefore;
            if (poller.isAlive()) {
                poller.interrupt();
                throw new IllegalStateException("The scan did not deliver every row within " + TIMEOUT);
            }
            if (failure.get() != null) {
                throw new IllegalStateException("The tailing scan failed", failure.get());
            }
            if (failedWrites.sum() > 0) {
                throw new IllegalStateException(failedWrites.sum() + " writes failed");
            }
            return new Outcome(nanos, delivered.get(), 0, latencies, fetches, -1, ackLatencies, null);
        } finally {
            if (ownConnection) {
                scanConnection.close();
            }
        }
    }

    /**
     * The latest offset of each bucket. The table was just created, so its leaders may not be known yet:
     * the official admin then fails rather than waits, and is asked again.
     */
    private Map<Integer, Long> latestOffsets(TablePath path, List<Integer> buckets) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try {
                return connection.getAdmin().listOffsets(path, buckets, new OffsetSpec.LatestSpec()).all()
                        .get(1, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** The scanner's count of the fetch requests it sent. */
    private static Counter fetchRequestCounter(LogScanner scanner) throws ReflectiveOperationException {
        Field group = scanner.getClass().getDeclaredField("scannerMetricGroup");
        group.setAccessible(true);
        return ((ScannerMetricGroup) group.get(scanner)).fetchRequestCount();
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
            List<PartitionInfo> partitions = t.getTableInfo().isPartitioned()
                    ? connection.getAdmin().listPartitionInfos(path(table)).get(1, TimeUnit.MINUTES)
                    : null;
            long read = 0;
            long checksum = 0;
            long start = System.nanoTime();
            try (LogScanner scanner = (projectedId ? t.newScan().project(new int[] {0}) : t.newScan())
                    .createLogScanner()) {
                for (int bucket = 0; bucket < buckets; bucket++) {
                    if (partitions == null) {
                        scanner.subscribeFromBeginning(bucket);
                    } else {
                        for (PartitionInfo partition : partitions) {
                            scanner.subscribeFromBeginning(partition.getPartitionId(), bucket);
                        }
                    }
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
            ClosedLoop loop = new ClosedLoop(keys.length);
            return loop.run(inFlight, TIMEOUT, i -> {
                CompletableFuture<LookupResult> lookup;
                // The official lookuper encodes keys with one shared encoder, so concurrent calls corrupt
                // each other's keys; with several servers, completions (which issue the next keys) arrive
                // on several threads at once.
                synchronized (lookuper) {
                    lookup = lookuper.lookup(key(keys[i]));
                }
                lookup.whenComplete((result, error) -> {
                    Throwable problem = error;
                    try {
                        // The row is read before the clock stops, as our driver reads it in onNext.
                        if (error == null && isRow(result, keys[i])) {
                            loop.found();
                        }
                    } catch (Throwable e) {
                        problem = e;
                    }
                    loop.completed(i, problem);
                });
            });
        }
    }

    private static boolean isRow(LookupResult result, int id) {
        InternalRow row = result.getSingletonRow();
        return row != null && row.getInt(0) == id;
    }

    private Table table(String name) {
        return connection.getTable(path(name));
    }

    private static TablePath path(String name) {
        return TablePath.of(Tables.database(name), Tables.table(name));
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
