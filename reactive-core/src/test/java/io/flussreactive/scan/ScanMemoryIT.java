package io.flussreactive.scan;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flussreactive.FlussClient;
import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The Arrow memory of scans: it stays within the prefetch budget from the very first fetch, and batches
 * that the application's own operators drop without closing them are freed all the same.
 */
@ExtendWith(FlussClusterExtension.class)
class ScanMemoryIT {

    private static final int ROWS = 2_000_000;
    private static final int BUCKETS = 3;

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("scan_memory");

    private static TablePath table;

    /** A client per test, so that its Arrow memory belongs to that test alone. */
    private FlussClient client;

    @BeforeAll
    static void fillTable() {
        table = db.createTable("rows", TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.INT())
                        .column("name", DataTypes.STRING())
                        .column("amount", DataTypes.BIGINT())
                        .build())
                .distributedBy(BUCKETS)
                .build());
        // Default batches (2 MiB of encoded rows each, ZSTD): the table is about a hundred MiB decoded.
        AppendWriter writer = db.table("rows").appendWriter();
        List<WriteResult<Integer>> failed = writer.write(Flux.range(0, ROWS)
                        .map(i -> WriteRecord.of(GenericRow.of(i, "customer-" + (i % 1000), i * 7L), i)))
                .filter(result -> !result.isSuccess())
                .collectList()
                .block(TIMEOUT);
        writer.close().block(TIMEOUT);
        assertThat(failed).isEmpty();
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
    void theFirstFetchStaysWithinASmallPrefetchBudget() {
        assertFirstFetchWithin(4L << 20);
    }

    @Test
    void theFirstFetchStaysWithinTheDefaultPrefetchBudget() {
        assertFirstFetchWithin(ScanOptions.defaults().prefetchBytes());
    }

    private void assertFirstFetchWithin(long budget) {
        ManualSubscriber<RecordBatch> batches = new ManualSubscriber<>(true);
        scan().options(ScanOptions.builder().prefetchBytes(budget).build()).batches().subscribe(batches);

        batches.request(1);
        await().atMost(TIMEOUT).until(() -> batches.received() >= 1);
        settle();

        // With one batch asked for, what the scan holds is what its first fetch brought, decoded.
        assertThat(client.arrowMemoryInUse()).as("Arrow memory after the first fetch, budget %d", budget)
                .isPositive()
                .isLessThanOrEqualTo(budget);
        batches.cancel();
        batches.items().forEach(RecordBatch::close);
        await().atMost(TIMEOUT).until(() -> client.arrowMemoryInUse() == 0);
    }

    @Test
    void batchesDroppedByPublishOnAndTakeAreFreedWithoutTheApplicationClosingThem() {
        List<RecordBatch> taken = scan().batches()
                .publishOn(Schedulers.boundedElastic())
                // A slow consumer: publishOn's queue fills meanwhile.
                .doOnNext(batch -> settle(300))
                .take(3)
                .collectList()
                .block(TIMEOUT);
        taken.forEach(RecordBatch::close);
        taken = null;

        // publishOn dropped the batches it had queued when take(3) cancelled: nothing closed them.
        awaitArrowMemoryFreedByGarbageCollection();
    }

    @Test
    void batchesDroppedWhileDelayedAreFreedWithoutTheApplicationClosingThem() {
        Disposable delayed = scan().batches()
                .delayElements(Duration.ofMillis(50))
                .subscribe(RecordBatch::close);
        await().atMost(TIMEOUT).until(() -> client.arrowMemoryInUse() > 0);

        delayed.dispose();

        awaitArrowMemoryFreedByGarbageCollection();
    }

    @Test
    void closeDiscardedFreesDroppedBatchesAtOnce() {
        List<RecordBatch> taken = scan().batches()
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(batch -> settle(300))
                .take(3)
                .transform(RecordBatch.closeDiscarded())
                .collectList()
                .block(TIMEOUT);
        taken.forEach(RecordBatch::close);

        // No garbage collection needed: the discard hook closed what publishOn dropped.
        await().atMost(TIMEOUT).until(() -> client.arrowMemoryInUse() == 0);
    }

    @Test
    void aBatchWhoseColumnsAreStillInUseIsNotFreedWhenOnlyTheBatchIsDropped() {
        RecordBatch first = scan().batches().take(1).blockFirst(TIMEOUT);
        org.apache.arrow.vector.IntVector ids = (org.apache.arrow.vector.IntVector) first.root().getVector("id");
        int firstId = ids.get(0);
        first = null;

        for (int i = 0; i < 5; i++) {
            System.gc();
            settle(200);
        }

        // The column is still reachable: its memory must still be there and readable.
        assertThat(client.arrowMemoryInUse()).isPositive();
        assertThat(ids.get(0)).isEqualTo(firstId);
        ids = null;
        awaitArrowMemoryFreedByGarbageCollection();
    }

    private void awaitArrowMemoryFreedByGarbageCollection() {
        await("Arrow memory freed").atMost(TIMEOUT).until(() -> {
            System.gc();
            return client.arrowMemoryInUse() == 0;
        });
    }

    private Scan scan() {
        FlussTable opened = client.table(table).block(TIMEOUT);
        return opened.scan();
    }

    private static void settle() {
        settle(1000);
    }

    /** Gives the scan time to do what it would do unasked; nothing is asserted about time. */
    private static void settle(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
