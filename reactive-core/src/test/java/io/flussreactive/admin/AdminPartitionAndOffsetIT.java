package io.flussreactive.admin;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.TestDatabase;
import io.flussreactive.error.FlussException;
import io.flussreactive.error.PartitionAlreadyExistsException;
import io.flussreactive.error.PartitionNotExistException;
import io.flussreactive.error.PartitionSpecInvalidException;
import io.flussreactive.error.TableNotExistException;
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
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(FlussClusterExtension.class)
class AdminPartitionAndOffsetIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("partitions");

    private static OfficialClient official;

    @BeforeAll
    static void connect(EmbeddedFlussCluster cluster) {
        official = OfficialClient.connect(cluster);
    }

    @AfterAll
    static void close() throws Exception {
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
        TablePath path = db.path("events_by_day");
        db.admin().createTable(path, eventsByDay(2), false).block(TIMEOUT);

        db.admin().createPartition(path, PartitionSpec.of("day", "2026-11-25"), false).block(TIMEOUT);
        db.admin().createPartition(path, PartitionSpec.of("day", "2026-11-26"), false).block(TIMEOUT);

        List<PartitionInfo> partitions = db.admin().listPartitions(path).collectList().block(TIMEOUT);
        assertThat(partitions).extracting(PartitionInfo::partitionName)
                .containsExactlyInAnyOrder("2026-11-25", "2026-11-26");
        assertThat(partitions).extracting(PartitionInfo::partitionId).doesNotHaveDuplicates();
        assertThat(db.admin().listPartitions(path, PartitionSpec.of("day", "2026-11-26")).collectList().block(TIMEOUT))
                .extracting(PartitionInfo::partitionName)
                .containsExactly("2026-11-26");

        db.admin().dropPartition(path, PartitionSpec.of("day", "2026-11-25"), false).block(TIMEOUT);
        assertThat(db.admin().listPartitions(path).collectList().block(TIMEOUT))
                .extracting(PartitionInfo::partitionName)
                .containsExactly("2026-11-26");
    }

    @Test
    void partitionErrorsAreTyped() {
        TablePath path = db.path("partition_errors");
        db.admin().createTable(path, eventsByDay(1), false).block(TIMEOUT);
        PartitionSpec spec = PartitionSpec.of("day", "2026-01-01");
        db.admin().createPartition(path, spec, false).block(TIMEOUT);

        assertThatThrownBy(() -> db.admin().createPartition(path, spec, false).block(TIMEOUT))
                .isInstanceOf(PartitionAlreadyExistsException.class)
                .satisfies(e -> assertThat(((FlussException) e).serverMessage()).contains("2026-01-01"));
        db.admin().createPartition(path, spec, true).block(TIMEOUT);

        PartitionSpec missing = PartitionSpec.of("day", "1999-01-01");
        assertThatThrownBy(() -> db.admin().dropPartition(path, missing, false).block(TIMEOUT))
                .isInstanceOf(PartitionNotExistException.class)
                .satisfies(e -> assertThat(((FlussException) e).serverMessage()).contains("1999-01-01"));
        db.admin().dropPartition(path, missing, true).block(TIMEOUT);

        assertThatThrownBy(() -> db.admin().createPartition(path, PartitionSpec.of("no_such_key", "x"), false)
                        .block(TIMEOUT))
                .isInstanceOf(PartitionSpecInvalidException.class)
                .satisfies(e -> assertThat(((FlussException) e).serverMessage()).isNotBlank());

        TablePath unpartitioned = db.path("not_partitioned");
        db.admin().createTable(unpartitioned, TableDescriptor.builder()
                        .schema(Schema.newBuilder().column("id", DataTypes.INT()).build())
                        .distributedBy(1)
                        .build(), false)
                .block(TIMEOUT);
        assertThatThrownBy(() -> db.admin().createPartition(unpartitioned, spec, false).block(TIMEOUT))
                .isInstanceOf(TableNotPartitionedException.class)
                .satisfies(e -> assertThat(((FlussException) e).serverMessage()).contains("partitioned"));
    }

    @Test
    void offsetsOfAnEmptyTableAreZero() {
        TablePath path = db.path("empty_log");
        db.admin().createTable(path, TableDescriptor.builder()
                        .schema(Schema.newBuilder().column("id", DataTypes.INT()).build())
                        .distributedBy(3)
                        .build(), false)
                .block(TIMEOUT);

        assertThat(db.admin().listOffsets(path, List.of(0, 1, 2), OffsetSpec.earliest()).block(TIMEOUT))
                .isEqualTo(Map.of(0, 0L, 1, 0L, 2, 0L));
        assertThat(db.admin().listOffsets(path, List.of(0, 1, 2), OffsetSpec.latest()).block(TIMEOUT))
                .isEqualTo(Map.of(0, 0L, 1, 0L, 2, 0L));
        assertThatThrownBy(() -> db.admin().listOffsets(path, List.of(7), OffsetSpec.latest()).block(TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucket 7");
    }

    @Test
    void latestOffsetsCountTheRowsWrittenAndTimestampsFindThem() throws Exception {
        TablePath path = db.path("written_log");
        db.admin().createTable(path, TableDescriptor.builder()
                        .schema(Schema.newBuilder().column("id", DataTypes.INT()).column("name", DataTypes.STRING()).build())
                        .distributedBy(3, "id")
                        .build(), false)
                .block(TIMEOUT);
        long beforeWrite = System.currentTimeMillis() - 1;

        official.append(path, rows(0, 30));

        Map<Integer, Long> latest = db.admin().listOffsets(path, List.of(0, 1, 2), OffsetSpec.latest()).block(TIMEOUT);
        assertThat(latest.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(30);
        assertThat(db.admin().listOffsets(path, List.of(0, 1, 2), OffsetSpec.earliest()).block(TIMEOUT))
                .isEqualTo(Map.of(0, 0L, 1, 0L, 2, 0L));
        Map<Integer, Long> fromTimestamp =
                db.admin().listOffsets(path, List.of(0, 1, 2), OffsetSpec.timestamp(beforeWrite)).block(TIMEOUT);
        latest.forEach((bucket, end) -> {
            if (end > 0) {
                assertThat(fromTimestamp.get(bucket)).as("bucket %s", bucket).isZero();
            }
        });
    }

    @Test
    void offsetsOfAPartitionAreLookedUpByPartitionName() throws Exception {
        TablePath path = db.path("written_by_day");
        db.admin().createTable(path, eventsByDay(2), false).block(TIMEOUT);
        // Leaders first: the official client's flush waits for them without a timeout.
        db.createPartition(path, PartitionSpec.of("day", "2026-11-26"));
        db.createPartition(path, PartitionSpec.of("day", "2026-11-27"));

        List<GenericRow> rows = new ArrayList<>();
        IntStream.range(0, 12).forEach(i -> rows.add(GenericRow.of(
                i, BinaryString.fromString("n" + i), BinaryString.fromString("2026-11-26"))));
        official.append(path, rows);

        Map<Integer, Long> written =
                db.admin().listOffsets(path, "2026-11-26", List.of(0, 1), OffsetSpec.latest()).block(TIMEOUT);
        Map<Integer, Long> untouched =
                db.admin().listOffsets(path, "2026-11-27", List.of(0, 1), OffsetSpec.latest()).block(TIMEOUT);
        assertThat(written.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12);
        assertThat(untouched).isEqualTo(Map.of(0, 0L, 1, 0L));
        assertThatThrownBy(() -> db.admin().listOffsets(path, "1999-01-01", List.of(0), OffsetSpec.latest())
                        .block(TIMEOUT))
                .isInstanceOf(PartitionNotExistException.class);
    }

    @Test
    void offsetsOfATableThatDoesNotExistFailWithTableNotExist() {
        TablePath missing = db.path("no_such_table");

        assertThatThrownBy(() -> db.admin().listOffsets(missing, List.of(0), OffsetSpec.latest()).block(TIMEOUT))
                .isInstanceOf(TableNotExistException.class)
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> db.admin().listOffsets(missing, "2026-11-26", List.of(0), OffsetSpec.latest())
                        .block(TIMEOUT))
                .isInstanceOf(TableNotExistException.class)
                .hasMessageContaining(missing.toString());
    }

    private static List<GenericRow> rows(int from, int to) {
        List<GenericRow> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(GenericRow.of(i, BinaryString.fromString("name-" + i)));
        }
        return rows;
    }
}
