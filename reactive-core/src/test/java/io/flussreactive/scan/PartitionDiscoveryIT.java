package io.flussreactive.scan;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.PartitionSpec;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.internal.rpc.ApiKey;
import io.flussreactive.row.GenericRow;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.WriterOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Partitions created and dropped with the admin API while a tailing scan of every partition runs: the
 * scan reads every row of a new partition once, from the partition's start whatever its own start,
 * goes on without the dropped ones, and stops looking when it is cancelled.
 */
@ExtendWith(FlussClusterExtension.class)
class PartitionDiscoveryIT {

    /** Short, so that the tests wait little for a look; the default is 10 s. */
    private static final Duration DISCOVERY_INTERVAL = Duration.ofMillis(500);
    private static final ScanOptions DISCOVERING = ScanOptions.builder()
            .partitionDiscoveryInterval(DISCOVERY_INTERVAL)
            .build();

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("discovery");

    /** A table partitioned by its column {@code day}, with the given partitions. */
    private static FlussTable partitionedTable(String name, String... partitions) {
        TablePath path = db.createTable(name, TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.INT()).column("day", DataTypes.STRING()).build())
                .partitionedBy("day")
                .distributedBy(2)
                .build());
        for (String partition : partitions) {
            db.createPartition(path, PartitionSpec.of("day", partition));
        }
        return db.table(name);
    }

    /** Writes the ids {@code from} (inclusive) to {@code to} (exclusive) into one partition, in several batches. */
    private static void write(FlussTable table, String partition, int from, int to) {
        AppendWriter writer = table.appendWriter(WriterOptions.builder()
                .batchLinger(Duration.ofMillis(2))
                .createMissingPartitions(false)
                .build());
        writer.writeRows(Flux.range(from, to - from).map(i -> GenericRow.of(i, partition))).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    /** The ids received, by partition. */
    private static Map<String, List<Integer>> byPartition(List<ScanRecord> records) {
        return records.stream().collect(Collectors.groupingBy(record -> record.partition().orElseThrow(),
                Collectors.mapping(record -> record.row().getInt(0), Collectors.toList())));
    }

    @Test
    void aTailingScanFromTheLatestOffsetsReadsEveryRowOfPartitionsCreatedWhileItRunsOnce() {
        FlussTable table = partitionedTable("created", "p0");
        write(table, "p0", 0, 10);
        List<ScanRecord> received = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        long fetchesBefore = TestClients.requestsSent(db.client(), ApiKey.FETCH_LOG);
        Disposable scan = table.scan().from(OffsetSpec.latest()).options(DISCOVERING).records()
                .subscribe(received::add, error::set);
        try {
            // The scan has its start offsets once its first fetch goes out.
            await().atMost(TIMEOUT).until(() -> TestClients.requestsSent(db.client(), ApiKey.FETCH_LOG) > fetchesBefore);
            write(table, "p0", 10, 20);
            db.createPartition(table.path(), PartitionSpec.of("day", "p1"));
            db.createPartition(table.path(), PartitionSpec.of("day", "p2"));
            // Written at once: most likely before the scan has seen the partitions, which it reads from their start.
            write(table, "p1", 100, 150);
            write(table, "p2", 200, 250);
            await().atMost(TIMEOUT).until(() -> byPartition(received).keySet().containsAll(List.of("p1", "p2")));
            write(table, "p1", 150, 200);
            write(table, "p2", 250, 300);
            // Last, so that anything read twice would have come before it.
            write(table, "p0", 1000, 1001);

            await().atMost(TIMEOUT).until(() -> error.get() != null
                    || byPartition(received).getOrDefault("p0", List.of()).contains(1000)
                            && received.size() >= 10 + 1 + 200);
            assertThat(error.get()).isNull();
            Map<String, List<Integer>> ids = byPartition(received);
            List<Integer> p0 = new ArrayList<>(range(10, 20));
            p0.add(1000);
            assertThat(ids.get("p0")).containsExactlyInAnyOrderElementsOf(p0);
            assertThat(ids.get("p1")).containsExactlyInAnyOrderElementsOf(range(100, 200));
            assertThat(ids.get("p2")).containsExactlyInAnyOrderElementsOf(range(200, 300));
            assertThat(ids).containsOnlyKeys("p0", "p1", "p2");
        } finally {
            scan.dispose();
        }
    }

    @Test
    void aPartitionDroppedWhileATailingScanRunsLeavesItWithoutErrorAndTheOthersAndNewOnesAreStillRead() {
        FlussTable table = partitionedTable("dropped", "kept", "dropped");
        write(table, "kept", 0, 50);
        write(table, "dropped", 100, 150);
        Map<String, List<Integer>> received = new ConcurrentHashMap<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Disposable scan = table.scan().options(DISCOVERING).batches().subscribe(
                batch -> {
                    try (RecordBatch b = batch) {
                        List<Integer> ids = received.computeIfAbsent(b.partition().orElseThrow(),
                                partition -> new CopyOnWriteArrayList<>());
                        for (int i = 0; i < b.rowCount(); i++) {
                            ids.add(b.row(i).getInt(0));
                        }
                    }
                },
                error::set);
        try {
            await().atMost(TIMEOUT).until(() -> received.getOrDefault("kept", List.of()).size() == 50
                    && received.getOrDefault("dropped", List.of()).size() == 50);

            db.admin().dropPartition(table.path(), PartitionSpec.of("day", "dropped"), false).block(TIMEOUT);
            write(table, "kept", 50, 100);
            db.createPartition(table.path(), PartitionSpec.of("day", "later"));
            write(table, "later", 200, 250);

            await().atMost(TIMEOUT).until(() -> error.get() != null
                    || received.getOrDefault("kept", List.of()).size() == 100
                            && received.getOrDefault("later", List.of()).size() == 50);
            assertThat(error.get()).isNull();
            assertThat(received.get("kept")).containsExactlyInAnyOrderElementsOf(range(0, 100));
            assertThat(received.get("later")).containsExactlyInAnyOrderElementsOf(range(200, 250));
            assertThat(received.get("dropped")).containsExactlyInAnyOrderElementsOf(range(100, 150));
        } finally {
            scan.dispose();
        }
        await("Arrow memory of the scan released").atMost(TIMEOUT).until(() -> db.client().arrowMemoryInUse() == 0);
    }

    @Test
    void aRetryGoesOnWithAPartitionTheScanFoundFromWhereItJoinedNotFromTheScansOwnStart() {
        FlussTable table = partitionedTable("retried", "p0");
        List<ScanRecord> received = new CopyOnWriteArrayList<>();
        Flux<ScanRecord> records = table.scan().from(OffsetSpec.latest()).options(DISCOVERING).records();
        Disposable first = records.subscribe(received::add);
        await().atMost(TIMEOUT).until(() -> TestClients.requestsSent(db.client(), ApiKey.LIST_PARTITION_INFOS) > 0
                && TestClients.requestsSent(db.client(), ApiKey.FETCH_LOG) > 0);
        db.createPartition(table.path(), PartitionSpec.of("day", "p1"));
        long listingsAfterCreate = TestClients.requestsSent(db.client(), ApiKey.LIST_PARTITION_INFOS);
        // A look that started after p1 was created has ended (and p1 joined) once the next one starts.
        await().atMost(TIMEOUT).until(
                () -> TestClients.requestsSent(db.client(), ApiKey.LIST_PARTITION_INFOS) >= listingsAfterCreate + 2);
        first.dispose();

        // Nothing of p1 was delivered, and the retry's start finds p1: it reads p1 from where it joined.
        write(table, "p1", 0, 50);
        AtomicReference<Throwable> error = new AtomicReference<>();
        Disposable retry = records.subscribe(received::add, error::set);
        try {
            await().atMost(TIMEOUT).until(() -> error.get() != null || received.size() >= 50);
            write(table, "p0", 1000, 1001);
            await().atMost(TIMEOUT).until(() -> error.get() != null || received.size() >= 51);

            assertThat(error.get()).isNull();
            assertThat(byPartition(received).get("p1")).containsExactlyInAnyOrderElementsOf(range(0, 50));
            assertThat(byPartition(received).get("p0")).containsExactly(1000);
        } finally {
            retry.dispose();
        }
    }

    @Test
    void aCancelledScanListsPartitionsNoMore() throws InterruptedException {
        FlussTable table = partitionedTable("cancelled", "p0");
        long listingsBefore = TestClients.requestsSent(db.client(), ApiKey.LIST_PARTITION_INFOS);
        Disposable scan = table.scan().options(DISCOVERING).batches().subscribe(RecordBatch::close);
        // The start's listing, then the discovery's looks, one per interval.
        await().atMost(TIMEOUT).until(
                () -> TestClients.requestsSent(db.client(), ApiKey.LIST_PARTITION_INFOS) >= listingsBefore + 3);

        scan.dispose();
        // A listing that left just before the cancel is counted as it is sent.
        Thread.sleep(200);
        long listingsAtCancel = TestClients.requestsSent(db.client(), ApiKey.LIST_PARTITION_INFOS);
        Thread.sleep(DISCOVERY_INTERVAL.multipliedBy(6).toMillis());

        assertThat(TestClients.requestsSent(db.client(), ApiKey.LIST_PARTITION_INFOS)).isEqualTo(listingsAtCancel);
    }

    @Test
    void aBoundedScanReadsOnlyThePartitionsThatExistWhenItStartsAndNeverLooksForMore() throws InterruptedException {
        FlussTable table = partitionedTable("bounded", "p0");
        write(table, "p0", 0, 10);
        long listingsBefore = TestClients.requestsSent(db.client(), ApiKey.LIST_PARTITION_INFOS);

        assertThat(table.scan().options(DISCOVERING).untilLatest().records().count().block(TIMEOUT)).isEqualTo(10);
        Thread.sleep(DISCOVERY_INTERVAL.multipliedBy(4).toMillis());

        assertThat(TestClients.requestsSent(db.client(), ApiKey.LIST_PARTITION_INFOS) - listingsBefore)
                .as("the start's listing only")
                .isEqualTo(1);
    }
}
