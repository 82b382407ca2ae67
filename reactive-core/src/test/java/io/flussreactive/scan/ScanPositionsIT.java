package io.flussreactive.scan;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.error.LogOffsetOutOfRangeException;
import io.flussreactive.internal.rpc.ApiKey;
import io.flussreactive.row.GenericRow;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.WriterOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where a scan starts and ends, which buckets it reads, and tailing the log as it grows. */
@ExtendWith(FlussClusterExtension.class)
class ScanPositionsIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("positions");

    /** A table with a bucket key, so that the bucket of each id is fixed. */
    private static FlussTable table(String name) {
        TablePath path = db.createTable(name, TableDescriptor.builder()
                        .schema(Schema.newBuilder().column("id", DataTypes.INT()).column("v", DataTypes.STRING()).build())
                        .distributedBy(3, "id")
                        .build());
        return db.client().table(path).block(TIMEOUT);
    }

    private static void write(FlussTable table, int from, int to) {
        AppendWriter writer = table.appendWriter(WriterOptions.builder().batchLinger(Duration.ofMillis(5)).build());
        writer.writeRows(Flux.range(from, to - from).map(i -> GenericRow.of(i, "v" + i))).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);
    }

    private static List<Integer> ids(Scan scan) {
        return scan.untilLatest().records().map(r -> r.row().getInt(0)).sort().collectList().block(TIMEOUT);
    }

    @Test
    void aRetryGoesOnAfterTheLastBatchDeliveredSoABatchWhoseProcessingFailedIsNotReadAgain() {
        FlussTable table = table("retry_delivered");
        writeInRounds(table);
        List<Integer> processed = new CopyOnWriteArrayList<>();
        AtomicBoolean failedOnce = new AtomicBoolean();

        table.scan().untilLatest().batches()
                .concatMap(batch -> process(batch, processed, failedOnce))
                .retry(1)
                .then()
                .block(TIMEOUT);

        // The batch that failed was delivered: the retry went on after it, and its rows were never processed.
        assertThat(failedOnce).isTrue();
        assertThat(processed).doesNotHaveDuplicates().hasSizeLessThan(300);
    }

    @Test
    void resumingFromTheLastBatchFinishedReadsTheFailedBatchAgainAndNothingElseTwice() {
        FlussTable table = table("retry_finished");
        writeInRounds(table);
        List<Integer> processed = new CopyOnWriteArrayList<>();
        AtomicBoolean failedOnce = new AtomicBoolean();
        AtomicReference<ScanPosition> finished = new AtomicReference<>(ScanPosition.none());

        Flux.defer(() -> table.scan().untilLatest().resumeFrom(finished.get()).batches())
                .concatMap(batch -> process(batch, processed, failedOnce)
                        .doOnSuccess(done -> finished.set(finished.get().after(batch))))
                .retry(1)
                .then()
                .block(TIMEOUT);

        assertThat(failedOnce).isTrue();
        assertThat(processed).doesNotHaveDuplicates().hasSize(300);
        assertThat(finished.get().nextOffset(null, 0)).isPresent();
    }

    @Test
    void aTableReadUpToItsLatestPositionAndThenTailedFromThereGivesEveryRowOnce() {
        FlussTable table = table("bootstrap_then_tail");
        write(table, 0, 100);
        ScanPosition end = table.scan().latestPosition().block(TIMEOUT);
        write(table, 100, 150);

        // Every bucket is in the position, empty or not.
        for (int bucket = 0; bucket < 3; bucket++) {
            assertThat(end.nextOffset(null, bucket)).as("bucket %d", bucket).isPresent();
        }
        // Up to the position: exactly what was there when it was taken, though more was written since.
        assertThat(ids(table.scan().until(end))).containsExactlyElementsOf(range(0, 100));
        // From the position: exactly what was written after it.
        assertThat(ids(table.scan().resumeFrom(end))).containsExactlyElementsOf(range(100, 150));
    }

    /** Three rounds of writes: each bucket holds several batches. */
    private static void writeInRounds(FlussTable table) {
        write(table, 0, 100);
        write(table, 100, 200);
        write(table, 200, 300);
    }

    /** Processes a batch (its ids), failing the third batch the first time round. */
    private static Mono<Void> process(RecordBatch batch, List<Integer> processed, AtomicBoolean failedOnce) {
        try (batch) {
            if (batch.baseOffset() > 0 && failedOnce.compareAndSet(false, true)) {
                return Mono.error(new IllegalStateException("processing failed"));
            }
            for (int i = 0; i < batch.rowCount(); i++) {
                processed.add(batch.row(i).getInt(0));
            }
            return Mono.empty();
        }
    }

    @Test
    void latestReadsOnlyWhatIsWrittenAfterTheStart() {
        FlussTable table = table("from_latest");
        write(table, 0, 100);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        long fetchesBefore = TestClients.requestsSent(db.client(), ApiKey.FETCH_LOG);
        Disposable tail = table.scan().from(OffsetSpec.latest()).records()
                .subscribe(r -> seen.add(r.row().getInt(0)));
        try {
            // The scan has found its start offsets once the first fetch goes out; then write more.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> TestClients.requestsSent(db.client(), ApiKey.FETCH_LOG) > fetchesBefore);
            write(table, 100, 150);

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= 50);
            assertThat(seen).hasSize(50).allSatisfy(id -> assertThat(id).isBetween(100, 149));
        } finally {
            tail.dispose();
        }
    }

    @Test
    void anUnboundedScanTailsTheLogAsItGrows() {
        FlussTable table = table("tail");
        write(table, 0, 10);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        Disposable tail = table.scan().records().subscribe(r -> seen.add(r.row().getInt(0)));
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == 10);
            write(table, 10, 30);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == 30);
            assertThat(seen).doesNotHaveDuplicates();
        } finally {
            tail.dispose();
        }
    }

    @Test
    void timestampStartsAtTheFirstRecordStoredAtOrAfterIt() throws Exception {
        FlussTable table = table("from_timestamp");
        write(table, 0, 100);
        Thread.sleep(20);
        long between = System.currentTimeMillis();
        Thread.sleep(20);
        write(table, 100, 200);

        assertThat(ids(table.scan().from(OffsetSpec.timestamp(between)))).containsExactlyElementsOf(range(100, 200));
        // The server refuses a start in the future, and says so.
        long future = System.currentTimeMillis() + 60_000;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ids(table.scan().from(OffsetSpec.timestamp(future))))
                .isInstanceOf(io.flussreactive.error.InvalidTimestampException.class)
                .hasMessageContaining(String.valueOf(future));
    }

    @Test
    void explicitOffsetsStartEachBucketThere() {
        FlussTable table = table("from_offsets");
        write(table, 0, 300);
        Map<Integer, Long> ends =
                db.admin().listOffsets(table.path(), List.of(0, 1, 2), OffsetSpec.latest()).block(TIMEOUT);

        // Bucket 0 from its 10th record, bucket 1 from its end, bucket 2 (not listed) from the start.
        List<ScanRecord> read = table.scan()
                .resumeFrom(ScanPosition.of(Map.of(0, 10L, 1, ends.get(1))))
                .untilLatest()
                .records()
                .collectList()
                .block(TIMEOUT);

        Map<Integer, List<Long>> offsetsByBucket = read.stream().collect(
                Collectors.groupingBy(ScanRecord::bucket, Collectors.mapping(ScanRecord::offset, Collectors.toList())));
        assertThat(offsetsByBucket.get(0)).hasSize((int) (ends.get(0) - 10)).allSatisfy(o -> assertThat(o).isGreaterThanOrEqualTo(10));
        assertThat(offsetsByBucket).doesNotContainKey(1);
        assertThat(offsetsByBucket.get(2)).hasSize(ends.get(2).intValue());
    }

    @Test
    void anOffsetBeyondTheEndOfABucketFailsTheScanWithLogOffsetOutOfRangeExceptionAndTheTableIsStillRead() {
        FlussTable table = table("beyond_the_end");
        write(table, 0, 300);
        long end = db.admin().listOffsets(table.path(), List.of(0), OffsetSpec.latest()).block(TIMEOUT).get(0);
        ScanPosition beyond = ScanPosition.of(Map.of(0, end + 100));

        // Tailing the log: the leader refuses the offset.
        assertThatThrownBy(() -> table.scan().resumeFrom(beyond).records().then().block(TIMEOUT))
                .isInstanceOf(LogOffsetOutOfRangeException.class)
                .hasMessageContaining(String.valueOf(end + 100));
        // Up to the latest offsets: the start is past the end the scan would stop at.
        assertThatThrownBy(() -> table.scan().resumeFrom(beyond).untilLatest().records().then().block(TIMEOUT))
                .isInstanceOf(LogOffsetOutOfRangeException.class)
                .hasMessageContaining(String.valueOf(end + 100))
                .hasMessageContaining(String.valueOf(end))
                .hasMessageContaining("bucket 0");

        assertThat(ids(table.scan())).containsExactlyElementsOf(range(0, 300));
    }

    @Test
    void projectingAColumnTheTableDoesNotHaveFailsNamingItAndTheTableIsStillRead() {
        FlussTable table = table("unknown_column");
        write(table, 0, 10);

        assertThatThrownBy(() -> table.scan().project("id", "nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'")
                .hasMessageContaining("[id, v]");
        assertThatThrownBy(() -> table.scan().project(0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position 2")
                .hasMessageContaining("0..1");

        List<String> values = table.scan().project("v").untilLatest().records().map(r -> r.row().getString(0))
                .collectList().block(TIMEOUT);
        assertThat(values).hasSize(10).contains("v0", "v9");
    }

    @Test
    void aBucketSubsetReadsOnlyThoseBuckets() {
        FlussTable table = table("subset");
        write(table, 0, 300);

        List<ScanRecord> read = table.scan().buckets(0, 2).untilLatest().records().collectList().block(TIMEOUT);
        List<ScanRecord> all = table.scan().untilLatest().records().collectList().block(TIMEOUT);

        assertThat(read).extracting(ScanRecord::bucket).containsOnly(0, 2);
        assertThat(read).hasSize((int) all.stream().filter(r -> r.bucket() != 1).count());
    }

    @Test
    void recordsCarryOffsetsTimestampsAndAppendChangeTypes() {
        FlussTable table = table("record_facts");
        long before = System.currentTimeMillis();
        write(table, 0, 50);

        List<ScanRecord> read = table.scan().untilLatest().records().collectList().block(TIMEOUT);

        assertThat(read).hasSize(50).allSatisfy(r -> {
            assertThat(r.changeType()).isEqualTo(ChangeType.APPEND_ONLY);
            assertThat(r.timestamp()).isBetween(before - 1_000, System.currentTimeMillis() + 1_000);
            assertThat(r.partition()).isEmpty();
        });
        Map<Integer, List<Long>> offsets = read.stream().collect(
                Collectors.groupingBy(ScanRecord::bucket, Collectors.mapping(ScanRecord::offset, Collectors.toList())));
        offsets.values().forEach(list -> assertThat(list).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, list.size()).boxed().toList()));
    }

    private static List<Integer> range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).boxed().toList();
    }
}
