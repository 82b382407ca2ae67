package io.flussreactive.scan;

import static io.flussreactive.TestClients.TIMEOUT;
import static io.flussreactive.TestClients.requestsSent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.internal.rpc.ApiKey;
import io.flussreactive.row.GenericRow;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.ManualSubscriber;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import io.flussreactive.write.WriterOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Scans fetch only on demand: no demand, no FetchLog; demand of one batch, a bounded number of
 * fetches; cancellation and errors give every Arrow buffer back; a retry goes on where the failed
 * subscription stopped. Assertions are on request counters, batch counts and offsets.
 */
@ExtendWith(FlussClusterExtension.class)
class ScanDemandIT {

    private static final int ROWS = 50_000;
    private static final int BUCKETS = 3;
    /** Small fetches: several are needed to read the table (it holds about a hundred batches). */
    private static final ScanOptions SMALL_FETCHES = ScanOptions.builder().fetchMaxBytes(8 * 1024).fetchMaxBytesPerBucket(4 * 1024).build();

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("scan_demand");

    private static TablePath fullTable;
    private static TablePath emptyTable;
    private static Map<Integer, Long> endOffsets;

    /** A client per test, so its request counters and Arrow memory belong to that test alone. */
    private FlussClient client;

    @BeforeAll
    static void createTables() {
        fullTable = createTable("fifty_thousand");
        emptyTable = createTable("empty");

        FlussTable table = db.client().table(fullTable).block(TIMEOUT);
        // Small batches (about 500 rows each), so the table is made of many log batches.
        AppendWriter writer = table.appendWriter(WriterOptions.builder().batchSizeBytes(8 * 1024).build());
        List<WriteResult<Integer>> failed = writer.write(Flux.range(0, ROWS)
                        .map(i -> WriteRecord.of(GenericRow.of(i, "row-" + i), i)))
                .filter(result -> !result.isSuccess())
                .collectList()
                .block(TIMEOUT);
        writer.close().block(TIMEOUT);
        assertThat(failed).isEmpty();
        endOffsets = db.admin().listOffsets(fullTable, List.of(0, 1, 2), OffsetSpec.latest()).block(TIMEOUT);
        assertThat(endOffsets.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(ROWS);
    }

    @BeforeEach
    void connect(EmbeddedFlussCluster cluster) {
        client = TestClients.client(cluster);
    }

    @AfterEach
    void close() {
        client.close().block(TIMEOUT);
    }

    @Test
    void nothingIsFetchedWithoutDemandAndOneBatchOfDemandGetsExactlyOneBatch() {
        ManualSubscriber<RecordBatch> batches = new ManualSubscriber<>(true);
        long fetchesBefore = fetches();

        scan(SMALL_FETCHES).batches().subscribe(batches);
        settle();

        assertThat(fetches()).as("fetches without demand").isEqualTo(fetchesBefore);
        assertThat(batches.received()).isZero();

        batches.request(1);
        await().atMost(TIMEOUT).until(() -> batches.received() >= 1);
        settle();

        assertThat(batches.received()).isEqualTo(1);
        // One leader (one tablet server) answers for the three buckets; a bucket left out of a full
        // answer is asked again while the others are decoded: at most one fetch per bucket.
        assertThat(fetches() - fetchesBefore).as("fetches for one batch").isBetween(1L, (long) BUCKETS);
        long fetchesForOne = fetches();
        settle();
        assertThat(fetches()).as("fetches once the demand is met").isEqualTo(fetchesForOne);

        batches.cancel();
        awaitNoArrowMemory(batches);
    }

    @Test
    void aScanMadeWithoutOptionsTakesTheClientsScanDefaults(EmbeddedFlussCluster cluster) {
        client.close().block(TIMEOUT);
        client = TestClients.client(cluster, FlussClientOptions.builder().scanDefaults(SMALL_FETCHES));
        long fetchesBefore = fetches();

        Long rows = client.table(fullTable).block(TIMEOUT).scan().untilLatest().batches()
                .map(batch -> {
                    try (batch) {
                        return (long) batch.rowCount();
                    }
                })
                .reduce(0L, Long::sum)
                .block(TIMEOUT);

        assertThat(rows).isEqualTo(ROWS);
        // At 8 KiB per fetch the table's hundred or so batches take a fetch each; with the client's
        // own defaults (16 MiB, 1 MiB per bucket) a few fetches per bucket read it all.
        assertThat(fetches() - fetchesBefore).as("fetches to read the table").isGreaterThanOrEqualTo(50);
    }

    @Test
    void aSmallPrefetchBudgetKeepsFetchingBoundedWhileDemandIsOneBatch() {
        ManualSubscriber<RecordBatch> batches = new ManualSubscriber<>(true);
        long fetchesBefore = fetches();
        scan(ScanOptions.builder().prefetchBytes(1).build()).batches().subscribe(batches);

        for (int k = 1; k <= 5; k++) {
            batches.request(1);
            int expected = k;
            await().atMost(TIMEOUT).until(() -> batches.received() >= expected);
            closeAll(batches);
            settle();

            assertThat(batches.received()).isEqualTo(k);
            // Each fetch brings at least one batch; a bucket whose answer was empty (the fetch was
            // full) is asked again, at most once per bucket before its data arrives.
            assertThat(fetches() - fetchesBefore).as("fetches after %d requests of one batch", k)
                    .isLessThanOrEqualTo(k + BUCKETS);
            // What waits for demand is what one fetch brought, not the table.
            assertThat(client.arrowMemoryInUse()).as("Arrow memory held for undelivered batches")
                    .isLessThanOrEqualTo(BUCKETS * 64 * 1024);
        }

        batches.cancel();
        awaitNoArrowMemory(batches);
    }

    @Test
    void cancellingMidStreamReleasesEveryArrowBuffer() {
        ManualSubscriber<RecordBatch> batches = new ManualSubscriber<>(true);
        scan(SMALL_FETCHES).batches().subscribe(batches);
        batches.request(5);
        await().atMost(TIMEOUT).until(() -> batches.received() >= 5);
        // Asking for more puts fetches in flight and batches in the buffer when the cancel comes.
        batches.request(20);

        batches.cancel();

        awaitNoArrowMemory(batches);
    }

    /**
     * With demand for everything, answers of one bucket decode side by side and one may finish before
     * an older one it must wait for; cancelling then releases those too.
     */
    @Test
    void cancellingWhileAnswersDecodeSideBySideReleasesEveryArrowBuffer() {
        for (int attempt = 0; attempt < 20; attempt++) {
            ManualSubscriber<RecordBatch> batches = new ManualSubscriber<>(true);
            scan(SMALL_FETCHES).batches().subscribe(batches);
            batches.request(Long.MAX_VALUE);
            int enough = 5 + 3 * attempt;
            await().atMost(TIMEOUT).until(() -> batches.received() >= enough);

            batches.cancel();

            awaitNoArrowMemory(batches);
        }
    }

    @Test
    void anErrorDownstreamReleasesEveryArrowBuffer() {
        // Default fetch sizes: one answer brings many batches, so some wait for delivery when the error comes.
        AtomicInteger seen = new AtomicInteger();
        Flux<RecordBatch> failing = scan(ScanOptions.defaults()).batches().map(batch -> {
            if (seen.incrementAndGet() == 3) {
                batch.close();
                throw new IllegalStateException("failed on purpose");
            }
            return batch;
        });

        StepVerifier.create(failing)
                .consumeNextWith(RecordBatch::close)
                .consumeNextWith(RecordBatch::close)
                .expectErrorMessage("failed on purpose")
                .verify(TIMEOUT);

        awaitNoArrowMemory();
    }

    @Test
    void aRetryAfterAnErrorGoesOnWithoutAGapOrADuplicate() {
        // Answers of several batches per bucket, and several fetches to read the table.
        ScanOptions options = ScanOptions.builder().fetchMaxBytes(64 * 1024).fetchMaxBytesPerBucket(32 * 1024).build();
        Map<Integer, Queue<Long>> delivered = new ConcurrentHashMap<>();
        Map<Integer, Queue<Long>> processed = new ConcurrentHashMap<>();
        AtomicInteger batchesSeen = new AtomicInteger();
        AtomicBoolean failedOnce = new AtomicBoolean();

        Flux<Integer> rows = scan(options).untilLatest().batches()
                // Everything the scan delivers, across both subscriptions.
                .doOnNext(batch -> record(delivered, batch))
                .map(batch -> {
                    try (batch) {
                        record(processed, batch);
                        if (batchesSeen.incrementAndGet() == 7 && failedOnce.compareAndSet(false, true)) {
                            throw new IllegalStateException("failed on purpose, once");
                        }
                        return batch.rowCount();
                    }
                })
                .retry(1);

        Integer total = rows.reduce(0, Integer::sum).block(TIMEOUT);

        assertThat(failedOnce).isTrue();
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            List<Long> expected = LongStream.range(0, endOffsets.get(bucket)).boxed().toList();
            assertThat(List.copyOf(delivered.getOrDefault(bucket, new ConcurrentLinkedQueue<>())))
                    .as("offsets the scan delivered from bucket %d, in order", bucket)
                    .isEqualTo(expected);
            // The failing step saw every batch too (the one it failed on included): nothing the scan
            // delivered was dropped on the way.
            assertThat(List.copyOf(processed.getOrDefault(bucket, new ConcurrentLinkedQueue<>())))
                    .as("offsets the failing step received from bucket %d, in order", bucket)
                    .isEqualTo(expected);
        }
        assertThat(total).as("rows that went past the failing step").isLessThan(ROWS);
        awaitNoArrowMemory();
    }

    /**
     * Once the subscriber has cancelled, the scan hands it nothing more: a batch handed to a
     * subscriber that has gone is dropped by Reactor's operators without being closed, and a retry
     * would skip it (it counts as delivered).
     */
    @Test
    void nothingIsDeliveredAfterTheSubscriberCancels() {
        AtomicInteger afterCancel = new AtomicInteger();
        BaseSubscriber<RecordBatch> cancelsOnFirst = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(Long.MAX_VALUE);
            }

            @Override
            protected void hookOnNext(RecordBatch batch) {
                batch.close();
                if (isDisposed()) {
                    afterCancel.incrementAndGet();
                } else {
                    cancel();
                }
            }
        };

        // Default fetch sizes: the first answer brings many batches at once.
        scan(ScanOptions.defaults()).batches().subscribe(cancelsOnFirst);
        await().atMost(TIMEOUT).until(cancelsOnFirst::isDisposed);
        settle();

        assertThat(afterCancel).as("batches delivered after cancel()").hasValue(0);
        awaitNoArrowMemory();
    }

    @Test
    void recordsUntilLatestReturnsEveryRowExactlyOnce() {
        List<ScanRecord> records = scan(SMALL_FETCHES).untilLatest().records().collectList().block(TIMEOUT);

        assertThat(records).hasSize(ROWS);
        assertThat(records.stream().map(record -> record.row().getInt(0)))
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, ROWS).boxed().toList());
        Map<Integer, List<Long>> offsets = records.stream().collect(Collectors.groupingBy(ScanRecord::bucket,
                Collectors.mapping(ScanRecord::offset, Collectors.toList())));
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            assertThat(offsets.getOrDefault(bucket, List.of()))
                    .isEqualTo(LongStream.range(0, endOffsets.get(bucket)).boxed().toList());
        }
        awaitNoArrowMemory();
    }

    /**
     * With demand for everything, a bucket's next fetch leaves before its previous answer is decoded,
     * so answers of one bucket decode at the same time on different threads; their batches still
     * arrive in offset order.
     */
    @Test
    void batchesOfABucketArriveInOffsetOrderWhileItsAnswersDecodeSideBySide() {
        Map<Integer, Queue<Long>> delivered = new ConcurrentHashMap<>();

        Long batches = scan(SMALL_FETCHES).untilLatest().batches()
                .doOnNext(batch -> {
                    try (batch) {
                        record(delivered, batch);
                    }
                })
                .count()
                .block(TIMEOUT);

        assertThat(batches).isGreaterThan(50);
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            assertThat(List.copyOf(delivered.getOrDefault(bucket, new ConcurrentLinkedQueue<>())))
                    .as("offsets of bucket %d, in the order delivered", bucket)
                    .isEqualTo(LongStream.range(0, endOffsets.get(bucket)).boxed().toList());
        }
        awaitNoArrowMemory();
    }

    /**
     * A consumer slower than decoding, with demand for everything: decoded answers then wait for the
     * consumer, and the prefetch budget counts what fetched answers take once decoded (several times
     * their fetched size), so the Arrow memory waiting stays near the budget instead of growing with
     * each answer fetched meanwhile.
     */
    @Test
    void decodedAnswersWaitingForASlowConsumerStayWithinThePrefetchBudget() throws InterruptedException {
        long budget = 128 * 1024;
        AtomicLong mostHeld = new AtomicLong();
        AtomicBoolean scanning = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (scanning.get()) {
                mostHeld.accumulateAndGet(client.arrowMemoryInUse(), Math::max);
                Thread.onSpinWait();
            }
        });
        watcher.start();

        Long rows = scan(ScanOptions.builder().prefetchBytes(budget).build()).untilLatest().batches()
                .map(batch -> {
                    // Busy, not parked: the consumer runs on a thread that must not block.
                    try (batch) {
                        long until = System.nanoTime() + 2_000_000;
                        while (System.nanoTime() < until) {
                            // spin
                        }
                        return (long) batch.rowCount();
                    }
                })
                .reduce(0L, Long::sum)
                .block(TIMEOUT);
        scanning.set(false);
        watcher.join();

        assertThat(rows).isEqualTo(ROWS);
        // The budget, plus what one answer per bucket may bring past it.
        assertThat(mostHeld.get()).as("most Arrow memory held at once").isLessThanOrEqualTo(budget + BUCKETS * 32 * 1024);
        awaitNoArrowMemory();
    }

    @Test
    void untilLatestOnAnEmptyTableCompletesWithNothing() {
        FlussTable table = client.table(emptyTable).block(TIMEOUT);

        StepVerifier.create(table.scan().untilLatest().records()).expectComplete().verify(TIMEOUT);
        StepVerifier.create(table.scan().untilLatest().batches()).expectComplete().verify(TIMEOUT);
        assertThat(client.arrowMemoryInUse()).isZero();
    }

    // ---- helpers ----

    private Scan scan(ScanOptions options) {
        return client.table(fullTable).block(TIMEOUT).scan().options(options);
    }

    private long fetches() {
        return requestsSent(client, ApiKey.FETCH_LOG);
    }

    private void awaitNoArrowMemory() {
        await("Arrow memory of the scan released").atMost(Duration.ofSeconds(15)).until(() -> client.arrowMemoryInUse() == 0);
    }

    /** Closes what the subscriber received (and keeps closing what still arrives) until the memory is back. */
    private void awaitNoArrowMemory(ManualSubscriber<RecordBatch> batches) {
        await("Arrow memory of the scan released").atMost(Duration.ofSeconds(15)).until(() -> {
            closeAll(batches);
            return client.arrowMemoryInUse() == 0;
        });
    }

    private static void record(Map<Integer, Queue<Long>> offsets, RecordBatch batch) {
        Queue<Long> bucket = offsets.computeIfAbsent(batch.bucket(), b -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < batch.rowCount(); i++) {
            bucket.add(batch.offset(i));
        }
    }

    private static void closeAll(ManualSubscriber<RecordBatch> batches) {
        batches.items().forEach(RecordBatch::close);
    }

    private static TablePath createTable(String name) {
        return db.createTable(name, TableDescriptor.builder()
                        .schema(Schema.newBuilder()
                                .column("id", DataTypes.INT())
                                .column("name", DataTypes.STRING())
                                .build())
                        .distributedBy(BUCKETS)
                        .build());
    }

    /**
     * Gives the scan time to do anything it would do unasked (a stray fetch, a batch nobody asked
     * for). Nothing is asserted about time: the assertions after it are on counters.
     */
    private static void settle() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
