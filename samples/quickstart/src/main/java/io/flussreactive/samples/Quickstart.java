package io.flussreactive.samples;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.FlussAdmin;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.ServerNode;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.type.DataTypes;
import io.flussreactive.lookup.Lookuper;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.FlussSink;
import io.flussreactive.write.UpsertWriter;
import io.flussreactive.write.WriteBufferUsage;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.vector.IntVector;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Starts a real Fluss cluster in this JVM and runs a pipeline on it: creates a database and a log
 * table, streams a million events into it through a {@link FlussSink} from a producer faster than the
 * cluster (with a small write buffer, so backpressure holds the producer back), then scans them back
 * as Arrow batches and checks that every event came back exactly once. Then a primary-key table:
 * upserts, a partial update, a delete, lookups, and the changelog they produced.
 *
 * <p>Run it with {@code ./mvnw -q -Pquickstart -DskipTests verify} from the repository root.
 */
public final class Quickstart {

    private static final int EVENTS = 1_000_000;
    private static final long WRITE_BUFFER_BYTES = 4L * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private Quickstart() {
    }

    /**
     * Runs the quickstart.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        long start = System.nanoTime();
        try (EmbeddedFlussCluster cluster = EmbeddedFlussCluster.builder().build().start()) {
            System.out.printf("Embedded Fluss cluster started in %d ms: bootstrap.servers=%s%n",
                    millisSince(start), cluster.bootstrapServers());
            FlussClient client = FlussClient.create(FlussClientOptions.builder()
                    .bootstrapServers(cluster.bootstrapServers())
                    .writeBufferBytes(WRITE_BUFFER_BYTES)
                    .build());
            try {
                run(client);
            } finally {
                client.close().block(TIMEOUT);
            }
        }
    }

    private static void run(FlussClient client) {
        FlussAdmin admin = client.admin();
        TablePath events = TablePath.of("shop", "events");
        TableDescriptor descriptor = TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("event_id", DataTypes.INT())
                        .column("user", DataTypes.STRING())
                        .column("amount", DataTypes.DOUBLE())
                        .column("at", DataTypes.BIGINT())
                        .build())
                .comment("click and order events")
                .distributedBy(3)
                .build();
        admin.createDatabase("shop", DatabaseDescriptor.builder().comment("demo").build(), true)
                .then(admin.createTable(events, descriptor, true))
                .block(TIMEOUT);
        printCluster(admin, events);

        FlussTable table = client.table(events).block(TIMEOUT);
        write(client, table);
        read(table);
        primaryKeyTable(client);
    }

    /** A primary-key table: upserts, a partial update, a delete, lookups, and the changelog they made. */
    private static void primaryKeyTable(FlussClient client) {
        FlussAdmin admin = client.admin();
        TablePath customers = TablePath.of("shop", "customers");
        admin.createTable(customers, TableDescriptor.builder()
                        .schema(Schema.newBuilder()
                                .column("id", DataTypes.BIGINT())
                                .column("name", DataTypes.STRING())
                                .column("tier", DataTypes.STRING())
                                .column("balance", DataTypes.DOUBLE())
                                .primaryKey("id")
                                .build())
                        .distributedBy(3)
                        .build(), true)
                .block(TIMEOUT);
        FlussTable table = client.table(customers).block(TIMEOUT);

        UpsertWriter writer = table.upsertWriter();
        UpsertWriter tiers = table.partialUpdateWriter("tier");
        Lookuper lookuper = table.lookuper();
        writer.writeRows(Flux.just(
                        GenericRow.of(1L, "Ada", "silver", 120.0),
                        GenericRow.of(2L, "Grace", "gold", 80.5),
                        GenericRow.of(3L, "Linus", "bronze", 10.0)))
                .then(writer.upsert(GenericRow.of(2L, "Grace", "gold", 95.0)))       // a new balance
                .then(tiers.upsert(GenericRow.of(1L, null, "gold", null)))           // only the tier changes
                .then(writer.delete(GenericRow.of(3L, null, null, null)))            // Linus leaves
                .then(writer.flush())
                .then(tiers.flush())
                .block(TIMEOUT);

        System.out.println();
        System.out.println("Primary-key table " + customers + ": lookups");
        System.out.println("  lookup(1) = " + lookuper.lookup(GenericRow.of(1L)).block(TIMEOUT));
        lookuper.lookupAll(Flux.just(GenericRow.of(2L), GenericRow.of(3L), GenericRow.of(4L)))
                .doOnNext(result -> System.out.println("  lookupAll " + result.key() + " -> "
                        + (result.found() ? result.row() : "not found")))
                .blockLast(TIMEOUT);
        System.out.println("Its changelog:");
        table.scan()
                .untilLatest()
                .records()
                .doOnNext(record -> System.out.printf("  bucket %d offset %d %s %s%n",
                        record.bucket(), record.offset(), record.changeType(), record.row()))
                .blockLast(TIMEOUT);
        Mono.when(writer.close(), tiers.close()).block(TIMEOUT);
    }

    private static void printCluster(FlussAdmin admin, TablePath events) {
        List<ServerNode> servers = admin.serverNodes().collectList().block(TIMEOUT);
        TableInfo info = admin.describeTable(events).block(TIMEOUT);
        System.out.println();
        servers.forEach(s -> System.out.printf("  %-13s id=%d %s%n", s.serverType(), s.id(), s.address()));
        System.out.println("Databases: " + admin.listDatabases().collectList().block(TIMEOUT)
                + ", tables in 'shop': " + admin.listTables("shop").collectList().block(TIMEOUT));
        System.out.println("Table " + info.tablePath() + " (id " + info.tableId() + "): "
                + info.schema().columns().stream().map(c -> c.name() + " " + c.dataType()).toList()
                + ", " + info.numBuckets() + " buckets, " + info.logFormat() + " " + info.arrowCompression());
    }

    /** Streams the events through a sink; the producer waits (without a thread) whenever the buffer is full. */
    private static void write(FlussClient client, FlussTable table) {
        AppendWriter writer = table.appendWriter();
        FlussSink sink = writer.sink();
        AtomicLong stored = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong heldBack = new AtomicLong();
        Mono<Void> resultsDone = sink.results()
                .doOnNext(result -> (result.isSuccess() ? stored : failed).incrementAndGet())
                .then()
                .cache();
        resultsDone.subscribe();

        long start = System.nanoTime();
        Flux.range(0, EVENTS)
                .map(Quickstart::event)
                .concatMap(row -> {
                    if (sink.tryEmitNext(row) == Sinks.EmitResult.OK) {
                        return Mono.empty();
                    }
                    // The buffer is full: wait for acknowledgements to free space, then go on.
                    heldBack.incrementAndGet();
                    return sink.emit(row);
                }, 1)
                .then(Mono.fromRunnable(sink::tryEmitComplete))
                .then(resultsDone)
                .then(writer.close())
                .block(TIMEOUT);
        long millis = millisSince(start);

        WriteBufferUsage buffer = client.writeBuffer();
        System.out.println();
        System.out.printf("Wrote %,d events in %,d ms: %,d rows/s (%,d stored, %,d failed)%n",
                EVENTS, millis, EVENTS * 1000L / Math.max(1, millis), stored.get(), failed.get());
        System.out.printf("Write buffer: peak %,d of %,d bytes (%.0f%%); the producer was held back %,d times%n",
                buffer.peakReserved(), buffer.capacity(), 100.0 * buffer.peakReserved() / buffer.capacity(),
                heldBack.get());
    }

    /** Scans every event back as Arrow batches and checks each came back exactly once. */
    private static void read(FlussTable table) {
        BitSet seen = new BitSet(EVENTS);
        AtomicLong rows = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong batches = new AtomicLong();
        long start = System.nanoTime();
        table.scan()
                .untilLatest()
                .batches()
                .doOnNext(batch -> {
                    try (RecordBatch b = batch) {
                        IntVector ids = (IntVector) b.root().getVector("event_id");
                        for (int i = 0; i < b.rowCount(); i++) {
                            int id = ids.get(i);
                            if (seen.get(id)) {
                                duplicates.incrementAndGet();
                            }
                            seen.set(id);
                        }
                        rows.addAndGet(b.rowCount());
                        batches.incrementAndGet();
                    }
                })
                .then()
                .block(TIMEOUT);
        long millis = millisSince(start);
        System.out.printf("Scanned %,d rows in %,d Arrow batches in %,d ms: %,d rows/s%n",
                rows.get(), batches.get(), millis, rows.get() * 1000L / Math.max(1, millis));
        boolean exactlyOnce = seen.cardinality() == EVENTS && duplicates.get() == 0 && rows.get() == EVENTS;
        System.out.printf("Every event came back exactly once: %s (%,d distinct, %,d duplicates, %,d missing)%n",
                exactlyOnce ? "YES" : "NO", seen.cardinality(), duplicates.get(), EVENTS - seen.cardinality());
        if (!exactlyOnce) {
            throw new IllegalStateException("Events were lost or duplicated");
        }
    }

    private static Row event(int id) {
        return GenericRow.of(id, "user-" + (id % 1000), (id % 10_000) / 100.0, 1_700_000_000_000L + id);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
