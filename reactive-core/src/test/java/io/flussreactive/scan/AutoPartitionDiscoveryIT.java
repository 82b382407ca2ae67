package io.flussreactive.scan;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flussreactive.FlussClient;
import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.AutoPartitionTimeUnit;
import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.PartitionInfo;
import io.flussreactive.admin.PartitionSpec;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.admin.TableProperties;
import io.flussreactive.internal.rpc.ApiKey;
import io.flussreactive.row.GenericRow;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.FlussClusterConfig;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.WriterOptions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * A partition that auto-partitioning creates while a tailing scan runs is read by the scan. The
 * coordinator checks its auto-partitioned tables every second here (every ten minutes by default), and
 * creates a partition of the current or a coming period that is missing: the test drops the next
 * hour's partition, which was created with the table, and the coordinator creates it again, as a new
 * partition, within a second or so.
 */
@ExtendWith(FlussClusterExtension.class)
@FlussClusterConfig(properties = "auto-partition.check.interval=1s")
class AutoPartitionDiscoveryIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("auto_discovery");

    @Test
    void aTailingScanReadsAPartitionThatAutoPartitioningCreatedWhileItRan() {
        TablePath path = db.createTable("hourly", TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.INT()).column("hour", DataTypes.STRING()).build())
                .partitionedBy("hour")
                .distributedBy(2)
                .autoPartition(AutoPartitionTimeUnit.HOUR)
                .property(TableProperties.AUTO_PARTITION_NUM_PRECREATE, "2")
                .build());
        // This hour's partition and the next one's, created with the table.
        await().atMost(TIMEOUT).until(() -> partitions(path).size() >= 2);
        PartitionInfo next = partitions(path).stream().max(Comparator.comparing(PartitionInfo::partitionName)).orElseThrow();
        FlussTable table = db.table(path.tableName());
        List<ScanRecord> received = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        long fetchesBefore = TestClients.requestsSent(db.client(), ApiKey.FETCH_LOG);
        Disposable scan = table.scan()
                .from(OffsetSpec.latest())
                .options(ScanOptions.builder().partitionDiscoveryInterval(Duration.ofMillis(500)).build())
                .records()
                .subscribe(received::add, error::set);
        try {
            await().atMost(TIMEOUT).until(() -> TestClients.requestsSent(db.client(), ApiKey.FETCH_LOG) > fetchesBefore);

            db.admin().dropPartition(path, PartitionSpec.of("hour", next.partitionName()), false).block(TIMEOUT);
            await("auto-partitioning creates the partition again").atMost(TIMEOUT).until(() -> partitions(path).stream()
                    .anyMatch(p -> p.partitionName().equals(next.partitionName()) && p.partitionId() != next.partitionId()));
            write(path, next.partitionName(), 50);

            await().atMost(TIMEOUT).until(() -> error.get() != null || received.size() >= 50);
            assertThat(error.get()).isNull();
            assertThat(received).allSatisfy(record -> assertThat(record.partition()).contains(next.partitionName()));
            assertThat(received.stream().map(record -> record.row().getInt(0)))
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 50).boxed().toList());
        } finally {
            scan.dispose();
        }
    }

    /**
     * Writes the ids 0 to {@code rows} into a partition, by a client of its own: the test's client may
     * still know the dropped partition of that name, and a writer fails rows sent to a dropped partition.
     */
    private static void write(TablePath path, String partition, int rows) {
        FlussClient writing = TestClients.client(db.cluster());
        try {
            AppendWriter writer = writing.table(path).block(TIMEOUT)
                    .appendWriter(WriterOptions.builder().createMissingPartitions(false).build());
            writer.writeRows(Flux.range(0, rows).map(i -> GenericRow.of(i, partition))).then().block(TIMEOUT);
            writer.close().block(TIMEOUT);
        } finally {
            writing.close().block(TIMEOUT);
        }
    }

    private static List<PartitionInfo> partitions(TablePath path) {
        return db.admin().listPartitions(path).collectList().block(TIMEOUT);
    }
}
