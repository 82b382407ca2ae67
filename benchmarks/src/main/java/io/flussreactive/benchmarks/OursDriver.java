package io.flussreactive.benchmarks;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.lookup.Lookuper;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.FlussWriter;
import io.flussreactive.write.UpsertWriter;
import io.flussreactive.write.WriteRecord;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Runs the workloads with fluss-reactive at its default settings. */
public final class OursDriver implements ClientDriver {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final FlussClient client;

    /**
     * Connects to a cluster.
     *
     * @param bootstrapServers {@code host:port} of any server of the cluster
     */
    public OursDriver(String bootstrapServers) {
        this.client = FlussClient.create(FlussClientOptions.builder().bootstrapServers(bootstrapServers).build());
    }

    @Override
    public Outcome append(String table, int rows) {
        AppendWriter writer = table(table).appendWriter();
        return write(writer, rows);
    }

    @Override
    public Outcome upsert(String table, int rows) {
        UpsertWriter writer = table(table).upsertWriter();
        return write(writer, rows);
    }

    private static Outcome write(FlussWriter writer, int rows) {
        long start = System.nanoTime();
        // Results are only counted, so records carry no correlation: rows are not kept until acknowledged.
        Long failed = writer.write(Flux.range(0, rows).map(id -> WriteRecord.of(Rows.row(id))))
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
     * Keeps {@code inFlight} lookups outstanding: each completion issues the next key, like the
     * official client's semaphore but without a thread waiting. (A {@code flatMap} with this
     * concurrency would do the same, at the price of scanning its inner subscribers on every
     * completion.)
     */
    @Override
    public Outcome lookupPipelined(String table, int[] keys, int inFlight) throws InterruptedException {
        Lookuper lookuper = table(table).lookuper();
        long[] latencies = new long[keys.length];
        AtomicInteger next = new AtomicInteger();
        AtomicLong found = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(keys.length);
        Runnable issueNext = new Runnable() {
            @Override
            public void run() {
                int i = next.getAndIncrement();
                if (i >= keys.length) {
                    return;
                }
                long issued = System.nanoTime();
                lookuper.lookup(GenericRow.of(keys[i])).subscribe(
                        row -> {
                            if (row.getInt(0) == keys[i]) {
                                found.incrementAndGet();
                            }
                        },
                        error -> {
                            failure.compareAndSet(null, error);
                            latencies[i] = System.nanoTime() - issued;
                            done.countDown();
                            run();
                        },
                        () -> {
                            latencies[i] = System.nanoTime() - issued;
                            done.countDown();
                            run();
                        });
            }
        };
        long start = System.nanoTime();
        for (int k = 0; k < inFlight; k++) {
            issueNext.run();
        }
        if (!done.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Lookups did not complete within " + TIMEOUT);
        }
        long nanos = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("A lookup failed", failure.get());
        }
        return new Outcome(nanos, found.get(), 0, latencies);
    }

    private FlussTable table(String name) {
        return client.table(TablePath.of(Tables.database(name), Tables.table(name))).block(TIMEOUT);
    }

    @Override
    public void close() {
        client.close().block(TIMEOUT);
    }
}
