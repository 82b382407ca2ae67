package io.flussreactive.benchmarks;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.lookup.Lookuper;
import io.flussreactive.observation.FlussObservability;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.scan.Scan;
import io.flussreactive.scan.ScanOptions;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.FlussWriter;
import io.flussreactive.write.UpsertWriter;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Runs the workloads with fluss-reactive at its default settings. */
public final class OursDriver implements ClientDriver {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    /** How long a tailing scan runs before the writer starts, so that it waits on the server already. */
    private static final Duration TAIL_SETTLE = Duration.ofSeconds(1);

    private final String bootstrapServers;
    private final FlussClient client;

    /**
     * Connects to a cluster.
     *
     * @param bootstrapServers {@code host:port} of any server of the cluster
     */
    public OursDriver(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.client = FlussClient.create(FlussClientOptions.builder().bootstrapServers(bootstrapServers).build());
    }

    @Override
    public Outcome append(String table, int rows) {
        AppendWriter writer = table(table).appendWriter();
        return write(writer, rows, Rows::row);
    }

    @Override
    public Outcome appendPartitioned(String table, int rows, int partitions) {
        AppendWriter writer = table(table).appendWriter();
        return write(writer, rows, id -> Rows.partitionedRow(id, partitions));
    }

    @Override
    public Outcome upsert(String table, int rows) {
        UpsertWriter writer = table(table).upsertWriter();
        return write(writer, rows, Rows::row);
    }

    private static Outcome write(FlussWriter writer, int rows, IntFunction<Row> row) {
        long start = System.nanoTime();
        // Results are only counted, so records carry no correlation: rows are not kept until acknowledged.
        Long failed = writer.write(Flux.range(0, rows).map(id -> WriteRecord.of(row.apply(id))))
                .filter(result -> !result.isSuccess())
                .count()
                .flatMap(failures -> writer.flush().thenReturn(failures))
                .block(TIMEOUT);
        long nanos = System.nanoTime() - start;
        writer.close().block(TIMEOUT);
        return new Outcome(nanos, rows - failed, 0, null);
    }

    @Override
    public Outcome scan(String table, int rows, boolean projectedId) {
        FlussTable flussTable = table(table);
        AtomicLong read = new AtomicLong();
        AtomicLong checksum = new AtomicLong();
        long start = System.nanoTime();
        (projectedId ? flussTable.scan().project("id") : flussTable.scan())
                .untilLatest()
                .batches()
                .doOnNext(batch -> {
                    try (RecordBatch b = batch) {
                        checksum.addAndGet(projectedId ? sumIds(b.root()) : checksumOf(b.root()));
                        read.addAndGet(b.rowCount());
                    }
                })
                .then()
                .block(TIMEOUT);
        return new Outcome(System.nanoTime() - start, read.get(), checksum.get(), null);
    }

    /** Reads every value of every row straight from the Arrow vectors. */
    private static long checksumOf(VectorSchemaRoot root) {
        IntVector ids = (IntVector) root.getVector(0);
        VarCharVector names = (VarCharVector) root.getVector(1);
        Float8Vector scores = (Float8Vector) root.getVector(2);
        BigIntVector timestamps = (BigIntVector) root.getVector(3);
        long checksum = 0;
        for (int i = 0, n = root.getRowCount(); i < n; i++) {
            checksum = Rows.fold(checksum, ids.get(i), names.getValueLength(i), scores.get(i), timestamps.get(i));
        }
        return checksum;
    }

    private static long sumIds(VectorSchemaRoot root) {
        IntVector ids = (IntVector) root.getVector(0);
        long sum = 0;
        for (int i = 0, n = root.getRowCount(); i < n; i++) {
            sum += ids.get(i);
        }
        return sum;
    }

    @Override
    public Outcome lookupSequential(String table, int[] keys) {
        Lookuper lookuper = table(table).lookuper();
        long[] latencies = new long[keys.length];
        long found = 0;
        long start = System.nanoTime();
        for (int i = 0; i < keys.length; i++) {
            long issued = System.nanoTime();
            Row row = lookuper.lookup(GenericRow.of(keys[i])).block(TIMEOUT);
            latencies[i] = System.nanoTime() - issued;
            if (row != null && row.getInt(0) == keys[i]) {
                found++;
            }
        }
        return new Outcome(System.nanoTime() - start, found, 0, latencies);
    }

    /**
     * Keeps {@code inFlight} lookups outstanding with a {@link ClosedLoop}, as the official client's
     * driver does. (A {@code flatMap} with this
     * concurrency would do the same, at the price of scanning its inner subscribers on every
     * completion.)
     */
    @Override
    public Outcome lookupPipelined(String table, int[] keys, int inFlight) throws InterruptedException {
        Lookuper lookuper = table(table).lookuper();
        ClosedLoop loop = new ClosedLoop(keys.length);
        return loop.run(inFlight, TIMEOUT, i -> lookuper.lookup(GenericRow.of(keys[i])).subscribe(
                row -> {
                    if (row.getInt(0) == keys[i]) {
                        loop.found();
                    }
                },
                error -> loop.completed(i, error),
                () -> loop.completed(i, null)));
    }

    /**
     * Writes each row as a stream of its own, as a request handler would: a stream that completes sends
     * its batch at once instead of waiting for the batch linger.
     */
    @Override
    public Outcome writeSequential(String table, int rows) {
        AppendWriter writer = table(table).appendWriter();
        long[] latencies = new long[rows];
        long written = 0;
        long start = System.nanoTime();
        for (int id = 0; id < rows; id++) {
            long issued = System.nanoTime();
            WriteResult<Void> result = writeOne(writer, Rows.row(id)).block(TIMEOUT);
            latencies[id] = System.nanoTime() - issued;
            if (result != null && result.isSuccess()) {
                written++;
            }
        }
        long nanos = System.nanoTime() - start;
        writer.close().block(TIMEOUT);
        return new Outcome(nanos, written, 0, latencies);
    }

    /** Each writer is a chain of one-row streams; {@code flatMap} keeps all writers going at once. */
    @Override
    public Outcome writeConcurrent(String table, int rows, int writers) {
        AppendWriter writer = table(table).appendWriter();
        long[] latencies = new long[rows];
        AtomicLong written = new AtomicLong();
        long start = System.nanoTime();
        Flux.range(0, writers)
                .flatMap(w -> Flux.range(0, rowsOfWriter(w, rows, writers))
                        .concatMap(k -> {
                            int id = w + k * writers;
                            long issued = System.nanoTime();
                            return writeOne(writer, Rows.row(id)).doOnNext(result -> {
                                latencies[id] = System.nanoTime() - issued;
                                if (result.isSuccess()) {
                                    written.incrementAndGet();
                                }
                            });
                        }), writers)
                .then()
                .block(TIMEOUT);
        long nanos = System.nanoTime() - start;
        writer.close().block(TIMEOUT);
        return new Outcome(nanos, written.get(), 0, latencies);
    }

    /** Rows {@code w, w + writers, w + 2 * writers, ...} below {@code rows} belong to writer {@code w}. */
    static int rowsOfWriter(int w, int rows, int writers) {
        return w >= rows ? 0 : (rows - w + writers - 1) / writers;
    }

    private static Mono<WriteResult<Void>> writeOne(AppendWriter writer, Row row) {
        return writer.write(Mono.just(WriteRecord.of(row))).single();
    }

    /**
     * The scan runs on a client of its own that records meters, so that its fetch requests can be
     * counted ({@code fluss.client.requests} with {@code api=fetch_log}) without meters on the other
     * workloads; the writer is the usual client's and writes each row as a stream of its own, as
     * {@link #writeSequential} does.
     */
    @Override
    public Outcome tail(String table, int rows, int rowsPerSecond, FetchSettings fetch) throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FlussClient scanning = FlussClient.create(FlussClientOptions.builder()
                .bootstrapServers(bootstrapServers)
                .observability(FlussObservability.of(registry))
                .build());
        AppendWriter writer = table(table).appendWriter();
        try {
            Scan scan = scanning.table(path(table)).block(TIMEOUT).scan().from(OffsetSpec.latest());
            if (fetch.maxWaitMs() >= 0 || fetch.minBytes() >= 0) {
                ScanOptions.Builder options = ScanOptions.defaults().toBuilder();
                if (fetch.maxWaitMs() >= 0) {
                    options.fetchMaxWait(Duration.ofMillis(fetch.maxWaitMs()));
                }
                if (fetch.minBytes() >= 0) {
                    options.fetchMinBytes(fetch.minBytes());
                }
                scan = scan.options(options.build());
            }
            long[] latencies = new long[rows];
            long[] ackLatencies = new long[rows];
            AtomicLong delivered = new AtomicLong();
            AtomicLong failedWrites = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            Disposable tailing = scan.batches().subscribe(batch -> {
                long now = System.nanoTime();
                try (RecordBatch b = batch) {
                    IntVector ids = (IntVector) b.root().getVector(0);
                    BigIntVector writtenAt = (BigIntVector) b.root().getVector(3);
                    for (int i = 0, n = b.rowCount(); i < n; i++) {
                        latencies[ids.get(i)] = now - writtenAt.get(i);
                    }
                    if (delivered.addAndGet(b.rowCount()) >= rows) {
                        done.countDown();
                    }
                }
            }, error -> {
                failure.compareAndSet(null, error);
                done.countDown();
            });
            try {
                Thread.sleep(TAIL_SETTLE.toMillis());
                double fetchesBefore = fetchRequests(registry);
                double emptyFetchesBefore = emptyFetches(registry);
                long start = System.nanoTime();
                long interval = 1_000_000_000L / rowsPerSecond;
                for (int id = 0; id < rows && done.getCount() > 0; id++) {
                    LockSupport.parkNanos(start + id * interval - System.nanoTime());
                    int written = id;
                    long issued = System.nanoTime();
                    Row row = GenericRow.of(id, Rows.name(id), Rows.score(id), issued);
                    writeOne(writer, row).subscribe(result -> {
                        ackLatencies[written] = System.nanoTime() - issued;
                        if (!result.isSuccess()) {
                            failedWrites.incrementAndGet();
                        }
                    }, error -> failedWrites.incrementAndGet());
                }
                if (!done.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("The scan did not deliver every row within " + TIMEOUT);
                }
                long nanos = System.nanoTime() - start;
                long fetches = Math.round(fetchRequests(registry) - fetchesBefore);
                long emptyFetches = Math.round(emptyFetches(registry) - emptyFetchesBefore);
                if (failure.get() != null) {
                    throw new IllegalStateException("The tailing scan failed", failure.get());
                }
                if (failedWrites.get() > 0) {
                    throw new IllegalStateException(failedWrites.get() + " writes failed");
                }
                return new Outcome(nanos, delivered.get(), 0, latencies, fetches, emptyFetches, ackLatencies, null);
            } finally {
                tailing.dispose();
            }
        } finally {
            writer.close().block(TIMEOUT);
            scanning.close().block(TIMEOUT);
        }
    }

    /** Fetch requests answered so far, whatever their outcome. */
    private static double fetchRequests(SimpleMeterRegistry registry) {
        return registry.find("fluss.client.requests").tag("api", "fetch_log").timers().stream()
                .mapToDouble(Timer::count)
                .sum();
    }

    /** Fetch requests of the scans answered so far without records. */
    private static double emptyFetches(SimpleMeterRegistry registry) {
        return registry.find("fluss.client.scan.fetches").tag("empty", "true").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static TablePath path(String name) {
        return TablePath.of(Tables.database(name), Tables.table(name));
    }

    private FlussTable table(String name) {
        return client.table(path(name)).block(TIMEOUT);
    }

    @Override
    public void close() {
        client.close().block(TIMEOUT);
    }
}
