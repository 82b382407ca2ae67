package io.flussreactive.table;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flussreactive.EndlessWrites;
import io.flussreactive.EndlessWrites.EndlessWrite;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.PartitionSpec;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.error.PartitionNotExistException;
import io.flussreactive.error.TableNotExistException;
import io.flussreactive.lookup.Lookuper;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.scan.ScanOptions;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.FlussWriter;
import io.flussreactive.write.ManualSubscriber;
import io.flussreactive.write.UpsertWriter;
import io.flussreactive.write.WriteFailedException;
import io.flussreactive.write.WriterOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A table or partition dropped while it is written, scanned or looked up: once metadata says it is
 * gone, writers stop taking rows and fail those they hold with {@link TableNotExistException} (or
 * {@link PartitionNotExistException}) within seconds, not after their delivery timeout; scans and
 * lookups of it end the same way.
 */
@ExtendWith(FlussClusterExtension.class)
class DroppedTableIT {

    /** Long enough that a write failing only by it would fail the test's wait for the drop to be noticed. */
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(2);
    /** How long a test waits for a drop to be noticed: well within the delivery timeout. */
    private static final Duration NOTICED = Duration.ofSeconds(30);

    private static final WriterOptions OPTIONS = WriterOptions.builder().deliveryTimeout(DELIVERY_TIMEOUT).build();

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("dropped");

    @RegisterExtension
    final EndlessWrites endless = new EndlessWrites();

    @Test
    void droppingATableUnderAnEndlessAppendEndsTheWriteWithTableNotExistException() {
        FlussTable table = db.table(logTable("append").tableName());
        AppendWriter writer = table.appendWriter(OPTIONS);
        EndlessWrite write = endless.start(writer, i -> GenericRow.of(i, "row " + i));
        write.awaitResults(20_000);

        db.admin().dropTable(table.path(), false).block(TIMEOUT);

        assertEndedBy(write, TableNotExistException.class);
        assertThat(db.client().writeBuffer().reserved()).isZero();
        assertClosesPromptly(writer, TableNotExistException.class);
        assertThat(db.client().arrowMemoryInUse()).isZero();
    }

    @Test
    void droppingATableUnderAnEndlessUpsertEndsTheWriteWithTableNotExistException() {
        FlussTable table = db.table(primaryKeyTable("upsert").tableName());
        UpsertWriter writer = table.upsertWriter(OPTIONS);
        EndlessWrite write = endless.start(writer, i -> GenericRow.of(i, "row " + i));
        write.awaitResults(20_000);

        db.admin().dropTable(table.path(), false).block(TIMEOUT);

        assertEndedBy(write, TableNotExistException.class);
        assertThat(db.client().writeBuffer().reserved()).isZero();
        assertClosesPromptly(writer, TableNotExistException.class);
    }

    @Test
    void aTailingScanOfATableThatIsDroppedFailsWithTableNotExistException() {
        FlussTable table = db.table(logTable("scanned").tableName());
        AppendWriter writer = table.appendWriter();
        writer.writeRows(Flux.range(0, 100).map(i -> GenericRow.of(i, "row " + i))).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);
        AtomicLong received = new AtomicLong();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Disposable scan = table.scan().batches().subscribe(
                batch -> {
                    try (RecordBatch b = batch) {
                        received.addAndGet(b.rowCount());
                    }
                },
                error::set);
        try {
            await().atMost(TIMEOUT).until(() -> received.get() == 100 || error.get() != null);
            assertThat(error.get()).isNull();

            db.admin().dropTable(table.path(), false).block(TIMEOUT);

            await().atMost(NOTICED).until(() -> error.get() != null);
            assertThat(error.get()).isInstanceOf(TableNotExistException.class).hasMessageContaining(table.path().toString());
        } finally {
            scan.dispose();
        }
    }

    @Test
    void aScanOfEveryPartitionReadsOnWhenOneIsDroppedWhileAScanNamingItFailsWithPartitionNotExistException() {
        TablePath path = partitionedTable("scanned_partitions");
        FlussTable table = db.table(path.tableName());
        AppendWriter writer = table.appendWriter();
        for (int round = 0; round < 20; round++) {
            // Each round stores one batch in each partition.
            writer.writeRows(Flux.range(round * 10, 10).map(i -> GenericRow.of(i, i % 2 == 0 ? "dropped" : "kept")))
                    .then()
                    .block(TIMEOUT);
        }
        writer.close().block(TIMEOUT);
        // Fetching about a batch at a time, and asked for one: most of the partition is still unread at the drop.
        ManualSubscriber<RecordBatch> every = new ManualSubscriber<>(true);
        table.scan()
                .untilLatest()
                .options(ScanOptions.builder().prefetchBytes(1).fetchMaxBytes(1).fetchMaxBytesPerBucket(1).build())
                .batches()
                .subscribe(every);
        every.request(1);
        AtomicLong namedRows = new AtomicLong();
        AtomicReference<Throwable> namedError = new AtomicReference<>();
        Disposable named = table.scan().partitions("dropped").batches().subscribe(
                batch -> {
                    try (RecordBatch b = batch) {
                        namedRows.addAndGet(b.rowCount());
                    }
                },
                namedError::set);
        try {
            await().atMost(TIMEOUT).until(() -> every.received() == 1 && namedRows.get() == 100);

            db.admin().dropPartition(path, PartitionSpec.of("day", "dropped"), false).block(TIMEOUT);
            every.request(Long.MAX_VALUE);

            await().atMost(NOTICED).until(() -> every.isCompleted() || every.error() != null);
            assertThat(every.error()).isNull();
            long keptRows = every.items().stream()
                    .filter(batch -> batch.partition().orElseThrow().equals("kept"))
                    .mapToLong(RecordBatch::rowCount)
                    .sum();
            assertThat(keptRows).isEqualTo(100);
            await().atMost(NOTICED).until(() -> namedError.get() != null);
            assertThat(namedError.get()).isInstanceOf(PartitionNotExistException.class).hasMessageContaining("dropped");
        } finally {
            every.items().forEach(RecordBatch::close);
            every.dispose();
            named.dispose();
        }
    }

    @Test
    void aLookupOfATableThatIsDroppedFailsWithTableNotExistException() {
        FlussTable table = db.table(primaryKeyTable("looked_up").tableName());
        UpsertWriter writer = table.upsertWriter();
        writer.writeRows(Flux.range(0, 10).map(i -> GenericRow.of(i, "row " + i))).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);
        Lookuper lookuper = table.lookuper();
        assertThat(lookuper.lookup(GenericRow.of(3)).block(TIMEOUT)).isNotNull();

        db.admin().dropTable(table.path(), false).block(TIMEOUT);

        // The tablet servers let go of the table a moment after the drop: until then its rows are still found.
        assertThat(firstFailedLookup(lookuper, GenericRow.of(3)))
                .isInstanceOf(TableNotExistException.class)
                .hasMessageContaining(table.path().toString());
    }

    @Test
    void aLookupOfATableDroppedAndCreatedAgainUnderItsNameFailsWithTableNotExistException() {
        TablePath path = primaryKeyTable("looked_up_again");
        FlussTable table = db.table(path.tableName());
        UpsertWriter writer = table.upsertWriter();
        writer.writeRows(Flux.range(0, 10).map(i -> GenericRow.of(i, "row " + i))).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);
        Lookuper lookuper = table.lookuper();
        assertThat(lookuper.lookup(GenericRow.of(3)).block(TIMEOUT)).isNotNull();

        db.admin().dropTable(path, false).block(TIMEOUT);
        primaryKeyTable(path.tableName());

        assertThat(firstFailedLookup(lookuper, GenericRow.of(3)))
                .isInstanceOf(TableNotExistException.class)
                .hasMessageContaining(path.toString());
    }

    /** Looks a key up until a lookup fails, and returns why. */
    private static Throwable firstFailedLookup(Lookuper lookuper, Row key) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        await().atMost(NOTICED).until(() -> {
            lookuper.lookup(key).onErrorResume(e -> {
                failure.set(e);
                return Mono.empty();
            }).block(NOTICED);
            return failure.get() != null;
        });
        return failure.get();
    }

    @Test
    void droppingOnePartitionFailsItsRowsWithPartitionNotExistExceptionWhileTheOtherIsStillWritten() {
        TablePath path = partitionedTable("partitioned");
        FlussTable table = db.table(path.tableName());
        AppendWriter writer = table.appendWriter(WriterOptions.builder()
                .deliveryTimeout(DELIVERY_TIMEOUT)
                .createMissingPartitions(false)
                .build());
        // Even rows go to the partition that is dropped, odd rows to the one that is kept.
        EndlessWrite write = endless.start(writer, i -> GenericRow.of(i, i % 2 == 0 ? "dropped" : "kept"));
        write.awaitResults(20_000);

        db.admin().dropPartition(path, PartitionSpec.of("day", "dropped"), false).block(TIMEOUT);

        await().atMost(NOTICED).until(() -> write.failed.get() > 0 || write.error.get() != null);
        long keptAtFirstFailure = write.succeededOdd.get();
        await().atMost(NOTICED).until(() -> write.succeededOdd.get() >= keptAtFirstFailure + 20_000
                || write.error.get() != null);
        write.subscription.dispose();
        assertThat(write.error.get()).isNull();
        assertThat(write.failureTypes).containsExactly(PartitionNotExistException.class);
        assertThat(write.failedOdd).hasValue(0);
        assertClosesPromptly(writer, PartitionNotExistException.class);
        assertThat(db.client().writeBuffer().reserved()).isZero();
    }

    @Test
    void aWriterOfATableDroppedAndCreatedAgainUnderItsNameStopsWithTableNotExistException() {
        TablePath path = logTable("created_again");
        FlussTable table = db.table(path.tableName());
        AppendWriter writer = table.appendWriter(OPTIONS);
        writer.writeRows(Flux.range(0, 100).map(i -> GenericRow.of(i, "old " + i))).then().block(TIMEOUT);

        db.admin().dropTable(path, false).block(TIMEOUT);
        logTable(path.tableName());
        EndlessWrite write = endless.start(writer, i -> GenericRow.of(i, "row " + i));

        assertEndedBy(write, TableNotExistException.class);
        assertClosesPromptly(writer, TableNotExistException.class);
        assertThat(db.client().writeBuffer().reserved()).isZero();
        // Nothing of the old table's writer went into the new table.
        assertThat(db.table(path.tableName()).scan().untilLatest().records().count().block(TIMEOUT)).isZero();
    }

    /** Closing the writer ends at once: it fails with the failures of the rows its table or partition lost. */
    private static void assertClosesPromptly(FlussWriter writer, Class<? extends Throwable> why) {
        assertThatThrownBy(() -> writer.close().block(NOTICED))
                .isInstanceOf(WriteFailedException.class)
                .hasCauseInstanceOf(why);
    }

    /**
     * The results ended with this error soon after the drop, every failed row failed for the same reason
     * (none by the delivery timeout), upstream stopped and every row is accounted for.
     */
    private static void assertEndedBy(EndlessWrite write, Class<? extends Throwable> why) {
        await().atMost(NOTICED).until(() -> write.error.get() != null || write.completed.get());
        assertThat(write.error.get()).isInstanceOf(why);
        assertThat(write.completed.get()).isFalse();
        assertThat(write.failureTypes).isSubsetOf(List.of(why));
        write.assertUpstreamStopped();
        write.assertEveryRowAccountedFor();
    }

    private static TablePath logTable(String name) {
        return db.createTable(name, TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.INT()).column("name", DataTypes.STRING()).build())
                .distributedBy(2)
                .build());
    }

    /** A table partitioned by its column {@code day}, with the partitions {@code dropped} and {@code kept}. */
    private static TablePath partitionedTable(String name) {
        TablePath path = db.createTable(name, TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.INT()).column("day", DataTypes.STRING()).build())
                .partitionedBy("day")
                .distributedBy(2)
                .build());
        db.admin().createPartition(path, PartitionSpec.of("day", "dropped"), false).block(TIMEOUT);
        db.admin().createPartition(path, PartitionSpec.of("day", "kept"), false).block(TIMEOUT);
        return path;
    }

    private static TablePath primaryKeyTable(String name) {
        return db.createTable(name, TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.INT())
                        .column("name", DataTypes.STRING())
                        .primaryKey("id")
                        .build())
                .distributedBy(2)
                .build());
    }
}
