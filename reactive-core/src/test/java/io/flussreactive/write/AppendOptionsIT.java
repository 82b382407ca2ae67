package io.flussreactive.write;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.row.GenericRow;
import io.flussreactive.scan.ScanRecord;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

/** Acks settings, bucket assignment without a bucket key, and columnar appends. */
@ExtendWith(FlussClusterExtension.class)
class AppendOptionsIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("options");

    private static FlussTable table(String name, int buckets) {
        TablePath path = db.createTable(name, TableDescriptor.builder()
                        .schema(Schema.newBuilder()
                                .column("id", DataTypes.INT())
                                .column("name", DataTypes.STRING())
                                .column("at", DataTypes.BIGINT())
                                .build())
                        .distributedBy(buckets)
                        .build());
        return db.client().table(path).block(TIMEOUT);
    }

    @ParameterizedTest
    @EnumSource(Acks.class)
    void everyAcksSettingStoresEveryRow(Acks acks) {
        FlussTable table = table("acks_" + acks, 2);
        AppendWriter writer = table.appendWriter(WriterOptions.builder().acks(acks).build());

        List<WriteResult<GenericRow>> results = writer.write(Flux.range(0, 1_000)
                        .map(i -> GenericRow.of(i, "n" + i, (long) i))
                        .map(row -> WriteRecord.of(row, row)))
                .collectList()
                .block(TIMEOUT);
        writer.close().block(TIMEOUT);

        assertThat(results).hasSize(1_000).allMatch(WriteResult::isSuccess);
        assertThat(results).allSatisfy(r -> assertThat(r.offset()).isNotNegative());
        assertThat(table.scan().untilLatest().records().count().block(TIMEOUT)).isEqualTo(1_000);
    }

    /**
     * A batch is cut at the batch size of encoded rows, as the official client cuts them, not at the
     * write-buffer bytes its rows hold (twice their encoded size and more): a 2 MiB batch of these
     * rows (about 23 bytes each in Arrow) holds some ninety thousand of them, not thirty-odd thousand.
     */
    @Test
    void aBatchHoldsTheBatchSizeOfEncodedRows() {
        FlussTable table = table("batch_size", 1);
        // Only the size closes a batch here, however slowly the rows come: no linger, and no early departure
        // while the bucket has nothing in flight.
        AppendWriter writer = table.appendWriter(WriterOptions.builder()
                .batchLinger(Duration.ofSeconds(30))
                .lingerOnlyWhenBusy(false)
                .build());

        writer.writeRows(Flux.range(0, 200_000).map(i -> GenericRow.of(i, "n" + i, (long) i))).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);

        List<Integer> rowsPerBatch = TestClients.rowsPerStoredBatch(table);
        assertThat(rowsPerBatch.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200_000);
        assertThat(Collections.max(rowsPerBatch)).as("rows of the largest batch, of %s", rowsPerBatch)
                .isBetween(70_000, 100_000);
    }

    /**
     * Sixteen batches filling at once in a buffer too small for all of them to reach the batch size still
     * leave when full (here, of the buffer's share), instead of holding the buffer until their linger.
     */
    @Test
    void batchesFillingAtOnceLeaveWhenTheBufferCannotHoldThemAllAtTheBatchSize() {
        FlussTable table = table("many_open_batches", 16);
        FlussClient client = TestClients.client(db.cluster(), FlussClientOptions.builder().writeBufferBytes(1024 * 1024));
        try {
            AppendWriter writer = client.table(table.path()).block(TIMEOUT).appendWriter(WriterOptions.builder()
                    .bucketAssignment(BucketAssignment.ROUND_ROBIN)
                    .batchSizeBytes(64 * 1024)
                    // Only a full batch leaves before the end: a stall would last the whole test.
                    .batchLinger(Duration.ofHours(1))
                    .lingerOnlyWhenBusy(false)
                    .build());

            writer.writeRows(Flux.range(0, 50_000).map(i -> GenericRow.of(i, "n" + i, (long) i))).then().block(TIMEOUT);
            writer.close().block(TIMEOUT);
        } finally {
            client.close().block(TIMEOUT);
        }

        List<Integer> rowsPerBatch = TestClients.rowsPerStoredBatch(table);
        assertThat(rowsPerBatch.stream().mapToInt(Integer::intValue).sum()).isEqualTo(50_000);
        // More than the one batch per bucket that closing the writer sends.
        assertThat(rowsPerBatch.size()).as("batches, of %s", rowsPerBatch).isGreaterThan(16);
    }

    @Test
    void roundRobinSpreadsRowsEvenlyOverTheBuckets() {
        FlussTable table = table("round_robin", 4);
        AppendWriter writer = table.appendWriter(
                WriterOptions.builder().bucketAssignment(BucketAssignment.ROUND_ROBIN).build());

        writer.writeRows(Flux.range(0, 400).map(i -> GenericRow.of(i, "n" + i, (long) i))).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);

        Map<Integer, Long> perBucket = table.scan().untilLatest().records()
                .collect(Collectors.groupingBy(ScanRecord::bucket, Collectors.counting()))
                .block(TIMEOUT);
        assertThat(perBucket).containsOnlyKeys(0, 1, 2, 3).allSatisfy((bucket, count) -> assertThat(count).isEqualTo(100));
    }

    @Test
    void stickyAssignmentFillsOneBucketBatchAtATime() {
        FlussTable table = table("sticky", 4);
        AppendWriter writer = table.appendWriter();

        List<WriteResult<GenericRow>> results = writer.write(Flux.range(0, 100)
                        .map(i -> GenericRow.of(i, "n" + i, (long) i))
                        .map(row -> WriteRecord.of(row, row)))
                .collectList()
                .block(TIMEOUT);
        writer.close().block(TIMEOUT);

        // 100 small rows make one batch: sticky assignment puts them all in one bucket.
        assertThat(results.stream().map(WriteResult::bucket).distinct()).hasSize(1);
    }

    @Test
    void anArrowBatchFromAColumnarProducerIsWrittenRowByRow() {
        FlussTable table = table("columnar", 2);
        AppendWriter writer = table.appendWriter();
        List<WriteResult<Integer>> results;
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(
                        io.flussreactive.internal.record.ArrowSchemas.toArrowSchema(table.info().rowType()), allocator)) {
            IntVector ids = (IntVector) root.getVector(0);
            VarCharVector names = (VarCharVector) root.getVector(1);
            BigIntVector at = (BigIntVector) root.getVector(2);
            for (int i = 0; i < 500; i++) {
                ids.setSafe(i, i);
                names.setSafe(i, ("col-" + i).getBytes(StandardCharsets.UTF_8));
                at.setSafe(i, 1000L + i);
            }
            root.setRowCount(500);
            results = writer.writeArrow(root).collectList().block(TIMEOUT);
        }
        writer.close().block(TIMEOUT);

        assertThat(results).hasSize(500).allMatch(WriteResult::isSuccess);
        assertThat(results).extracting(WriteResult::correlation).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, 500).boxed().toList());
        List<ScanRecord> read = table.scan().untilLatest().records().collectList().block(TIMEOUT);
        assertThat(read).hasSize(500);
        assertThat(read).filteredOn(r -> r.row().getInt(0) == 42).singleElement()
                .satisfies(r -> assertThat(r.row()).isEqualTo(GenericRow.of(42, "col-42", 1042L)));
    }

    @Test
    void anArrowBatchWithOtherColumnTypesIsRefusedNamingTheColumn() {
        FlussTable table = table("columnar_mismatch", 1);
        AppendWriter writer = table.appendWriter();
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.of(
                        new IntVector("id", allocator), new IntVector("name", allocator), new BigIntVector("at", allocator))) {
            assertThatThrownBy(() -> writer.writeArrow(root))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'name'");
        }
        writer.close().block(TIMEOUT);
    }
}
