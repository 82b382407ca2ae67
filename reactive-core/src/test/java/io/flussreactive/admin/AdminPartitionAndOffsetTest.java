package io.flussreactive.admin;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.FlussClient;
import io.flussreactive.TestClients;
import io.flussreactive.error.FlussException;
import io.flussreactive.error.PartitionAlreadyExistsException;
import io.flussreactive.error.PartitionNotExistException;
import io.flussreactive.error.PartitionSpecInvalidException;
import io.flussreactive.error.TableNotPartitionedException;
import io.flussreactive.interop.OfficialClient;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.fluss.row.BinaryString;
import org.apache.fluss.row.GenericRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FlussClusterExtension.class)
class AdminPartitionAndOffsetTest {

    private static FlussClient client;
    private static FlussAdmin admin;
    private static OfficialClient official;
    private static String database;

    @BeforeAll
    static void connect(EmbeddedFlussCluster cluster) {
        client = TestClients.client(cluster);
        admin = client.admin();
        official = OfficialClient.connect(cluster);
        database = TestClients.uniqueName("partitions");
        admin.createDatabase(database, DatabaseDescriptor.empty(), false).block(TIMEOUT);
    }

    @AfterAll
    static void close() throws Exception {
        admin.dropDatabase(database, true, true).block(TIMEOUT);
        client.close().block(TIMEOUT);
        official.close();
    }

    private static TableDescriptor eventsByDay(int buckets) {
        return TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.INT())
                        .column("name", DataTypes.STRING())
                        .column("day", DataTypes.STRING())
                        .build())
                .partitionedBy("day")
                .distributedBy(buckets)
                .build();
    }

    @Test
    void partitionsAreCreatedListedFilteredAndDropped() {
        TablePath path = TablePath.of(database, "events_by_day");
        admin.createTable(path, eventsByDay(2), false).block(TIMEOUT);

        admin.createPartition(path, PartitionSpec.of("day", "2026-11-25"), false).block(TIMEOUT);
        admin.createPartition(path, PartitionSpec.of("day", "2026-11-26"), false).block(TIMEOUT);

        List<PartitionInfo> partitions = admin.listPartitions(path).collectList().block(TIMEOUT);
        assertThat(partitions).extracting(PartitionInfo::partitionName)
                .containsExactlyInAnyOrder("2026-11-25", "2026-11-26");
        assertThat(partitions).extracting(PartitionInfo::partitionId).doesNotHaveDuplicates();
        assertThat(admin.listPartitions(path, PartitionSpec.of("day", "2026-11-26")).collectList().block(TIMEOUT))
                .extracting(PartitionInfo::partitionName)
                .containsExactly("2026-11-26");

        admin.dropPartition(path, PartitionSpec.of("day", "2026-11-25"), false).block(TIMEOUT);
        assertThat(admin.listPartitions(path).collectList().block(TIMEOUT))
                .extracting(PartitionInfo::partitionName)
                .containsExactly("2026-11-26");
    }

    @Test
    void partitionErrorsAreTyped() {
        TablePath path = TablePath.of(database, "partition_errors");
        admin.createTable(path, eventsByDay(1), false).block(TIMEOUT);
        PartitionSpec spec = PartitionSpec.of("day", "2026-01-01");
        admin.createPartition(path, spec, false).block(TIMEOUT);

        assertThatThrownBy(() -> admin.createPartition(path, spec, false).block(TIMEOUT))
                .isInstanceOf(PartitionAlreadyExistsException.class)
                .satisfies(e -> assertThat(((FlussException) e).serverMessage()).contains("2026-01-01"));
        admin.createPartition(path, spec, true).block(TIMEOUT);

        PartitionSpec missing = PartitionSpec.of("day", "1999-01-01");
        assertThatThrownBy(() -> admin.dropPartition(path, missing, false).block(TIMEOUT))
                .isInstanceOf(PartitionNotExistException.class)
                .satisfies(e -> assertThat(((FlussException) e).serverMessage()).contains("1999-01-01"));
        admin.dropPartition(path, missing, true).block(TIMEOUT);

        assertThatThrownBy(() -> admin.createPartition(path, PartitionSpec.of("no_such_key", "x"), false).block(TIMEOUT))
                .isInstanceOf(PartitionSpecInvalidException.class)
                .satisfies(e -> assertThat(((FlussException) e).serverMessage()).isNotBlank());

        TablePath unpartitioned = TablePath.of(database, "not_partitioned");
        admin.createTable(unpartitioned, TableDescriptor.builder()
                        .schema(Schema.newBuilder().column("id", DataTypes.INT()).build())
                        .distributedBy(1)
                        .build(), false)
                .block(TIMEOUT);
        assertThatThrownBy(() -> admin.createPartition(unpartitioned, spec, false).block(TIMEOUT))
                .isInstanceOf(TableNotPartitionedException.class)
                .satisfies(e -> assertThat(((FlussException) e).serverMessage()).contains("partitioned"));
    }

    @Test
    void offsetsOfAnEmptyTableAreZero() {
        TablePath path = TablePath.of(database, "empty_log");
        admin.createTable(path, TableDescriptor.builder()
                        .schema(Schema.newBuilder().column("id", DataTypes.INT()).build())
                        .distributedBy(3)
                        .build(), false)
                .block(TIMEOUT);

        assertThat(admin.listOffsets(path, List.of(0, 1, 2), OffsetSpec.earliest()).block(TIMEOUT))
                .isEqualTo(Map.of(0, 0L, 1, 0L, 2, 0L));
        assertThat(admin.listOffsets(path, List.of(0, 1, 2), OffsetSpec.latest()).block(TIMEOUT))
                .isEqualTo(Map.of(0, 0L, 1, 0L, 2, 0L));
        assertThatThrownBy(() -> admin.listOffsets(path, List.of(7), OffsetSpec.latest()).block(TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucket 7");
    }

    @Test
    void latestOffsetsCountTheRowsWrittenAndTimestampsFindThem() throws Exception {
        TablePath path = TablePath.of(database, "written_log");
        admin.createTable(path, TableDescriptor.builder()
                        .schema(Schema.newBuilder().column("id", DataTypes.INT()).column("name", DataTypes.STRING()).build())
                        .distributedBy(3, "id")
                        .build(), false)
                .block(TIMEOUT);
        long beforeWrite = System.currentTimeMillis() - 1;

        official.append(path, rows(0, 30));

        Map<Integer, Long> latest = admin.listOffsets(path, List.of(0, 1, 2), OffsetSpec.latest()).block(TIMEOUT);
        assertThat(latest.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(30);
        assertThat(admin.listOffsets(path, List.of(0, 1, 2), OffsetSpec.earliest()).block(TIMEOUT))
                .isEqualTo(Map.of(0, 0L, 1, 0L, 2, 0L));
        Map<Integer, Long> fromTimestamp =
                admin.listOffsets(path, List.of(0, 1, 2), OffsetSpec.timestamp(beforeWrite)).block(TIMEOUT);
        latest.forEach((bucket, end) -> {
            if (end > 0) {
                assertThat(fromTimestamp.get(bucket)).as("bucket %s", bucket).isZero();
            }
        });
    }

    @Test
    void offsetsOfAPartitionAreLookedUpByPartitionName() throws Exception {
        TablePath path = TablePath.of(database, "written_by_day");
        admin.createTable(path, eventsByDay(2), false).block(TIMEOUT);
        admin.createPartition(path, PartitionSpec.of("day", "2026-11-26"), false).block(TIMEOUT);
        admin.createPartition(path, PartitionSpec.of("day", "2026-11-27"), false).block(TIMEOUT);

        List<GenericRow> rows = new ArrayList<>();
        IntStream.range(0, 12).forEach(i -> rows.add(GenericRow.of(
                i, BinaryString.fromString("n" + i), BinaryString.fromString("2026-11-26"))));
        official.append(path, rows);

        Map<Integer, Long> written = admin.listOffsets(path, "2026-11-26", List.of(0, 1), OffsetSpec.latest()).block(TIMEOUT);
        Map<Integer, Long> untouched = admin.listOffsets(path, "2026-11-27", List.of(0, 1), OffsetSpec.latest()).block(TIMEOUT);
        assertThat(written.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12);
        assertThat(untouched).isEqualTo(Map.of(0, 0L, 1, 0L));
        assertThatThrownBy(() -> admin.listOffsets(path, "1999-01-01", List.of(0), OffsetSpec.latest()).block(TIMEOUT))
                .isInstanceOf(PartitionNotExistException.class);
    }

    private static List<GenericRow> rows(int from, int to) {
        List<GenericRow> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(GenericRow.of(i, BinaryString.fromString("name-" + i)));
        }
        return rows;
    }
}
