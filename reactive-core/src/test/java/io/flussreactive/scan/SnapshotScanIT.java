package io.flussreactive.scan;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.interop.OfficialClient;
import io.flussreactive.interop.OfficialValues;
import io.flussreactive.internal.rpc.ApiKey;
import io.flussreactive.internal.storage.LocalFileSystem;
import io.flussreactive.lookup.Lookuper;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterConfig;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.storage.RemoteFileSystem;
import io.flussreactive.storage.RemoteStorageException;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.ManualSubscriber;
import io.flussreactive.write.UpsertWriter;
import io.flussreactive.write.WriteRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.fluss.client.metadata.KvSnapshots;
import org.apache.fluss.client.table.Table;
import org.apache.fluss.client.table.scanner.batch.BatchScanner;
import org.apache.fluss.metadata.TableBucket;
import org.apache.fluss.row.InternalRow;
import org.apache.fluss.utils.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Reading a primary-key table from its KV snapshots: the snapshot alone is the table's state, the
 * snapshot then the changelog gives every change after it exactly once, a cancelled read gives back
 * its lease, files and memory, and the official client's snapshot reader reads the same rows.
 */
@ExtendWith(FlussClusterExtension.class)
@FlussClusterConfig(properties = {"kv.snapshot.interval=1s"})
class SnapshotScanIT {

    private static final int BUCKETS = 3;

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("snapshots");

    private static OfficialClient official;

    @BeforeAll
    static void connect(EmbeddedFlussCluster cluster) {
        official = OfficialClient.connect(cluster);
    }

    @AfterAll
    static void close() throws Exception {
        official.close();
    }

    private static FlussTable accountsTable(String name, int buckets) {
        TablePath path = db.createTable(name, TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.BIGINT())
                        .column("owner", DataTypes.STRING())
                        .column("balance", DataTypes.BIGINT())
                        .primaryKey("id")
                        .build())
                .distributedBy(buckets)
                .build());
        return db.client().table(path).block(TIMEOUT);
    }

    private static GenericRow account(long id, long balance) {
        return GenericRow.of(id, "owner-" + id, balance);
    }

    @Test
    void theSnapshotIsTheTablesStateAndTheOfficialReaderReadsTheSameRows() throws Exception {
        FlussTable table = accountsTable("state", BUCKETS);
        Set<Path> directoriesBefore = snapshotDirectories();
        UpsertWriter writer = table.upsertWriter();
        try {
            writer.writeRows(Flux.range(0, 3000).map(i -> account(i, i))).then().block(TIMEOUT);
            writer.write(Flux.range(0, 3000).filter(i -> i % 3 == 0)
                            .map(i -> i % 2 == 0 ? WriteRecord.delete(account(i, 0), null) : WriteRecord.of(account(i, -i), null)))
                    .then().block(TIMEOUT);
            writer.flush().block(TIMEOUT);
        } finally {
            writer.close().block(TIMEOUT);
        }
        KvSnapshots snapshots = awaitSnapshotsUpToTheEnd(table);

        List<RecordBatch> seen = new ArrayList<>();
        Map<Long, Row> state = new HashMap<>();
        table.scan().snapshotOnly().batches()
                .doOnNext(batch -> {
                    try (batch) {
                        seen.add(batch);
                        for (int i = 0; i < batch.rowCount(); i++) {
                            assertThat(batch.changeType(i)).isEqualTo(ChangeType.INSERT);
                            assertThat(batch.offset(i)).isEqualTo(-1L);
                            Row row = GenericRow.copyOf(batch.row(i));
                            assertThat(state.put(row.getLong(0), row)).as("a key read twice").isNull();
                        }
                    }
                })
                .then().block(TIMEOUT);

        assertThat(state).hasSize(3000 - 500);
        assertThat(state).isEqualTo(lookUp(table, 3000));
        // The last batch of each bucket says where its changelog goes on: where the snapshot was taken.
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            int b = bucket;
            List<RecordBatch> ofBucket = seen.stream().filter(batch -> batch.bucket() == b).toList();
            assertThat(ofBucket.get(ofBucket.size() - 1).nextOffset())
                    .isEqualTo(snapshots.getLogOffset(bucket).getAsLong());
            assertThat(ofBucket.subList(0, ofBucket.size() - 1)).allMatch(batch -> batch.nextOffset() == -1);
        }
        assertThat(seen.stream().mapToInt(RecordBatch::rowCount).max().getAsInt()).isLessThanOrEqualTo(2048);
        assertThat(officialSnapshotRows(table, snapshots)).isEqualTo(state);
        assertThat(db.client().arrowMemoryInUse()).isZero();
        await("snapshot directories deleted").atMost(TIMEOUT)
                .until(() -> directoriesBefore.containsAll(snapshotDirectories()));
    }

    @Test
    void theSnapshotThenTheChangelogGiveEveryChangeOnceUpToTheFinalState() throws Exception {
        FlussTable table = accountsTable("then_changelog", BUCKETS);
        UpsertWriter writer = table.upsertWriter();
        writer.writeRows(Flux.range(0, 4000).map(i -> account(i, 0))).then().block(TIMEOUT);
        writer.flush().block(TIMEOUT);
        awaitSnapshotsUpToTheEnd(table);
        // More changes after the snapshot, before the read starts.
        writer.write(Flux.range(0, 4000).filter(i -> i % 5 == 0)
                        .map(i -> i % 2 == 0 ? WriteRecord.delete(account(i, 0), null) : WriteRecord.of(account(i, 1), null)))
                .then().block(TIMEOUT);
        writer.flush().block(TIMEOUT);

        FoldedRead read = new FoldedRead(table);
        try {
            // Changes while the snapshot or the changelog is being read: updates, deletes, keys new and
            // deleted ones inserted again.
            for (int round = 2; round < 6; round++) {
                long balance = round;
                writer.write(Flux.range(0, 4200).filter(i -> i % 7 == balance % 7)
                                .map(i -> i % 3 == 0 ? WriteRecord.delete(account(i, 0), null) : WriteRecord.of(account(i, balance), null)))
                        .then().block(TIMEOUT);
            }
            writer.flush().block(TIMEOUT);
            read.awaitEndOf(table);
        } finally {
            read.close();
            writer.close().block(TIMEOUT);
        }
        assertThat(read.broken.get()).isNull();
        assertThat(read.snapshotEnds).hasSize(BUCKETS);
        assertThat(new TreeMap<>(read.state)).isEqualTo(new TreeMap<>(lookUp(table, 4200)));
        await("Arrow memory released").atMost(TIMEOUT).until(() -> db.client().arrowMemoryInUse() == 0);
    }

    /**
     * A tailing {@code fromSnapshot()} scan of a table folded into its state by {@link #fold}: the first
     * gap or duplicate it meets is kept in {@link #broken}.
     */
    private static final class FoldedRead implements AutoCloseable {
        final Map<Long, Row> state = new ConcurrentHashMap<>();
        final Map<Integer, Long> snapshotEnds = new ConcurrentHashMap<>();
        final Map<Integer, Long> nextOffsets = new ConcurrentHashMap<>();
        final AtomicReference<Throwable> broken = new AtomicReference<>();
        private final Disposable reading;

        FoldedRead(FlussTable table) {
            reading = table.scan().fromSnapshot().batches()
                    .subscribe(batch -> {
                        try (batch) {
                            fold(batch, state, snapshotEnds, nextOffsets);
                        } catch (Throwable e) {
                            broken.compareAndSet(null, e);
                        }
                    }, error -> broken.compareAndSet(null, error));
        }

        /** Waits until every bucket was read up to the table's latest offsets, with nothing broken on the way. */
        void awaitEndOf(FlussTable table) {
            ScanPosition end = table.scan().latestPosition().block(TIMEOUT);
            await("the scan reaches the end of every bucket").atMost(TIMEOUT).untilAsserted(() -> {
                assertThat(broken.get()).isNull();
                for (int bucket = 0; bucket < BUCKETS; bucket++) {
                    assertThat(nextOffsets.get(bucket)).as("bucket %d", bucket)
                            .isEqualTo(end.nextOffset(null, bucket).getAsLong());
                }
            });
        }

        @Override
        public void close() {
            reading.dispose();
        }
    }

    /**
     * Applies one batch to the state by key, failing on anything that would mean a gap or a duplicate:
     * snapshot rows of a key already there, a changelog batch that starts before the bucket's snapshot
     * (or its previous batch) ended, an insert of a key present, an update or delete of a key absent or
     * of another value.
     */
    private static void fold(RecordBatch batch, Map<Long, Row> state, Map<Integer, Long> snapshotEnds,
            Map<Integer, Long> nextOffsets) {
        int bucket = batch.bucket();
        if (batch.baseOffset() < 0) {
            assertThat(snapshotEnds).as("snapshot rows after the bucket's snapshot ended").doesNotContainKey(bucket);
            for (int i = 0; i < batch.rowCount(); i++) {
                Row row = GenericRow.copyOf(batch.row(i));
                assertThat(state.put(row.getLong(0), row)).as("a key of the snapshot read twice").isNull();
            }
            if (batch.nextOffset() >= 0) {
                snapshotEnds.put(bucket, batch.nextOffset());
                nextOffsets.put(bucket, batch.nextOffset());
            }
            return;
        }
        Long expectedStart = nextOffsets.get(bucket);
        // At least where the snapshot or the previous batch ended: a put that changed nothing (a delete of an
        // absent key) leaves a changelog batch without records that still takes an offset, and no batch is
        // delivered for it. Records missed would show in the before images and the final state.
        assertThat(batch.baseOffset()).as("where the changelog of bucket %d goes on", bucket)
                .isGreaterThanOrEqualTo(expectedStart == null ? 0L : expectedStart);
        for (int i = 0; i < batch.rowCount(); i++) {
            Row row = GenericRow.copyOf(batch.row(i));
            long key = row.getLong(0);
            switch (batch.changeType(i)) {
                case INSERT -> assertThat(state.put(key, row)).as("insert of present key %d", key).isNull();
                case UPDATE_BEFORE, DELETE -> assertThat(state.remove(key)).as("before image of key %d", key)
                        .isEqualTo(row);
                case UPDATE_AFTER -> assertThat(state.put(key, row)).as("update of key %d without before image", key)
                        .isNull();
                default -> throw new AssertionError("unexpected " + batch.changeType(i));
            }
        }
        nextOffsets.put(bucket, batch.nextOffset());
    }

    @Test
    void aCancelledSnapshotReadReleasesItsLeaseFilesAndMemory() throws Exception {
        FlussTable table = accountsTable("cancelled", 1);
        UpsertWriter writer = table.upsertWriter();
        writer.writeRows(Flux.range(0, 10_000).map(i -> account(i, i))).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);
        awaitSnapshotsUpToTheEnd(table);
        Set<Path> directoriesBefore = snapshotDirectories();
        long dropsBefore = TestClients.requestsSent(db.client(), ApiKey.DROP_KV_SNAPSHOT_LEASE);
        long acquiresBefore = TestClients.requestsSent(db.client(), ApiKey.ACQUIRE_KV_SNAPSHOT_LEASE);

        List<RecordBatch> first = table.scan().snapshotOnly().batches().take(1).collectList().block(TIMEOUT);

        assertThat(first).hasSize(1);
        assertThat(first.get(0).rowCount()).isEqualTo(2048);
        assertThat(first.get(0).nextOffset()).isEqualTo(-1L);
        first.get(0).close();
        assertThat(TestClients.requestsSent(db.client(), ApiKey.ACQUIRE_KV_SNAPSHOT_LEASE)).isEqualTo(acquiresBefore + 1);
        awaitReleased(db.client(), dropsBefore + 1, directoriesBefore);
    }

    /**
     * A snapshot whose files cannot be read fails the scan with the storage's error, and the read
     * gives back its lease, files and memory as a cancelled one does.
     */
    @Test
    void aSnapshotThatCannotBeReadFailsTheScanAndReleasesItsLeaseFilesAndMemory(EmbeddedFlussCluster cluster)
            throws Exception {
        FlussTable written = accountsTable("unreadable", 1);
        UpsertWriter writer = written.upsertWriter();
        writer.writeRows(Flux.range(0, 5000).map(i -> account(i, i))).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);
        awaitSnapshotsUpToTheEnd(written);
        Set<Path> directoriesBefore = snapshotDirectories();
        // The cluster's remote storage is local files; this file system breaks off every file after
        // its first bytes.
        LocalFileSystem local = new LocalFileSystem();
        RemoteFileSystem breaksOffFiles = (file, position) -> local.read(file, position).take(1)
                .concatWith(Flux.error(new RemoteStorageException(file, "Connection reset", null)));
        FlussClient client = TestClients.client(cluster, FlussClientOptions.builder()
                .remoteFileSystem("file", tokens -> breaksOffFiles));
        try {
            FlussTable table = client.table(written.info().tablePath()).block(TIMEOUT);

            assertThatThrownBy(() -> table.scan().snapshotOnly().batches().doOnNext(RecordBatch::close)
                            .blockLast(TIMEOUT))
                    .isInstanceOf(RemoteStorageException.class)
                    .hasMessageContaining("Connection reset");

            assertThat(TestClients.requestsSent(client, ApiKey.ACQUIRE_KV_SNAPSHOT_LEASE)).isEqualTo(1);
            awaitReleased(client, 1, directoriesBefore);
        } finally {
            client.close().block(TIMEOUT);
        }
    }

    /**
     * A snapshot whose files come down cut short (storage that ends a file early without an error)
     * fails the scan in RocksDB, which then releases its database, files, lease and memory.
     */
    @Test
    void aSnapshotRocksDbCannotReadFailsTheScanAndReleasesItsDatabaseFilesAndMemory(EmbeddedFlussCluster cluster)
            throws Exception {
        FlussTable written = accountsTable("cut_short", 1);
        UpsertWriter writer = written.upsertWriter();
        writer.writeRows(Flux.range(0, 5000).map(i -> account(i, i))).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);
        awaitSnapshotsUpToTheEnd(written);
        Set<Path> directoriesBefore = snapshotDirectories();
        LocalFileSystem local = new LocalFileSystem();
        RemoteFileSystem cutsFilesShort = (file, position) -> local.read(file, position).take(1)
                .map(buffer -> buffer.limit(Math.max(0, buffer.limit() - 64)));
        FlussClient client = TestClients.client(cluster, FlussClientOptions.builder()
                .remoteFileSystem("file", tokens -> cutsFilesShort));
        try {
            FlussTable table = client.table(written.info().tablePath()).block(TIMEOUT);

            assertThatThrownBy(() -> table.scan().snapshotOnly().batches().doOnNext(RecordBatch::close)
                            .blockLast(TIMEOUT))
                    .hasStackTraceContaining("org.rocksdb");

            awaitReleased(client, 1, directoriesBefore);
        } finally {
            client.close().block(TIMEOUT);
        }
    }

    /**
     * The cluster keeps {@code kv.snapshot.num-retained} (2) snapshots per bucket and deletes older ones,
     * but not one a reader holds a lease on: while the read runs its snapshot outlives three newer
     * ones, and once the read is cancelled the next snapshot deletes it.
     */
    @Test
    void theSnapshotBeingReadIsKeptUntilTheReadIsCancelled() throws Exception {
        FlussTable table = accountsTable("leased", 1);
        UpsertWriter writer = table.upsertWriter();
        writer.writeRows(Flux.range(0, 10_000).map(i -> account(i, i))).then().block(TIMEOUT);
        writer.flush().block(TIMEOUT);
        long leased = awaitSnapshotsUpToTheEnd(table).getSnapshotId(0).getAsLong();
        TableBucket bucket = new TableBucket(table.info().tableId(), 0);
        ManualSubscriber<RecordBatch> reader = new ManualSubscriber<>(true);
        table.scan().snapshotOnly().batches().subscribe(reader);
        try {
            reader.request(1);
            await("the first batch").atMost(TIMEOUT).until(() -> reader.received() == 1);

            long latest = leased;
            for (int round = 1; round <= 3; round++) {
                writer.upsert(account(round, -round)).block(TIMEOUT);
                writer.flush().block(TIMEOUT);
                latest = awaitSnapshotAfter(table, latest);
            }
            assertThat(official.admin().getKvSnapshotMetadata(bucket, leased).get().getLogOffset())
                    .as("the leased snapshot, three snapshots later").isPositive();
        } finally {
            reader.cancel();
            reader.items().forEach(RecordBatch::close);
        }
        long afterCancel = awaitSnapshotAfter(table, -1);
        writer.upsert(account(4, -4)).block(TIMEOUT);
        writer.close().block(TIMEOUT);
        awaitSnapshotAfter(table, afterCancel);
        await("the released snapshot deleted").atMost(TIMEOUT).untilAsserted(() ->
                assertThatThrownBy(() -> official.admin().getKvSnapshotMetadata(bucket, leased).get())
                        .hasRootCauseInstanceOf(org.apache.fluss.exception.KvSnapshotNotExistException.class));
    }

    /** Waits for a snapshot of bucket 0 newer than {@code snapshotId}, and returns its id. */
    private static long awaitSnapshotAfter(FlussTable table, long snapshotId) {
        AtomicReference<Long> found = new AtomicReference<>();
        await("a snapshot after " + snapshotId).atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            KvSnapshots snapshots = official.admin()
                    .getLatestKvSnapshots(OfficialClient.toOfficial(table.info().tablePath())).get();
            if (snapshots.getSnapshotId(0).isPresent() && snapshots.getSnapshotId(0).getAsLong() > snapshotId) {
                found.set(snapshots.getSnapshotId(0).getAsLong());
                return true;
            }
            return false;
        });
        return found.get();
    }

    /**
     * Buckets that have no snapshot when the scan starts (nothing was ever written to them) are read
     * from the start of their changelog, so the rows written to them afterwards are not missed.
     */
    @Test
    void bucketsWithoutASnapshotAreReadFromTheStartOfTheirChangelog() {
        FlussTable table = accountsTable("no_snapshot_yet", BUCKETS);
        UpsertWriter writer = table.upsertWriter();
        writer.upsert(account(0, 0)).block(TIMEOUT);
        writer.flush().block(TIMEOUT);
        ScanPosition written = table.scan().latestPosition().block(TIMEOUT);
        int snapshotted = IntStream.range(0, BUCKETS).filter(b -> written.nextOffset(null, b).getAsLong() > 0)
                .findFirst().getAsInt();
        await("the written bucket's snapshot").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() ->
                official.admin().getLatestKvSnapshots(OfficialClient.toOfficial(table.info().tablePath())).get()
                        .getSnapshotId(snapshotted).isPresent());

        FoldedRead read = new FoldedRead(table);
        try {
            await("the snapshot read").atMost(TIMEOUT).until(() -> read.snapshotEnds.containsKey(snapshotted));
            writer.writeRows(Flux.range(1, 300).map(i -> account(i, i))).then().block(TIMEOUT);
            writer.flush().block(TIMEOUT);
            read.awaitEndOf(table);
        } finally {
            read.close();
            writer.close().block(TIMEOUT);
        }
        assertThat(read.snapshotEnds).containsOnlyKeys(snapshotted);
        assertThat(new TreeMap<>(read.state)).hasSize(301).isEqualTo(new TreeMap<>(lookUp(table, 301)));
    }

    /**
     * A new subscription after one that was cancelled goes on from what that one delivered: a snapshot
     * cut off in the middle is read again from its start, one delivered whole is not read again.
     */
    @Test
    void aResubscriptionReadsAgainOnlyTheSnapshotsNotDeliveredWhole() {
        FlussTable table = accountsTable("resubscribed", 1);
        UpsertWriter writer = table.upsertWriter();
        writer.writeRows(Flux.range(0, 3000).map(i -> account(i, i))).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);
        awaitSnapshotsUpToTheEnd(table);
        Flux<RecordBatch> batches = table.scan().snapshotOnly().batches();

        List<Integer> cutOff = rowCounts(batches.take(1));
        List<Integer> again = rowCounts(batches);
        List<Integer> afterTheWhole = rowCounts(batches);

        assertThat(cutOff).containsExactly(2048);
        assertThat(again).containsExactly(2048, 952);
        assertThat(afterTheWhole).isEmpty();
    }

    private static List<Integer> rowCounts(Flux<RecordBatch> batches) {
        return batches.map(batch -> {
            try (batch) {
                return batch.rowCount();
            }
        }).collectList().block(TIMEOUT);
    }

    @Test
    void thePartitionsOfAPartitionedTableAreReadFromTheirSnapshotsThenTheirChangelogs() {
        TablePath path = db.createTable("partitioned", TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.BIGINT())
                        .column("region", DataTypes.STRING())
                        .column("balance", DataTypes.BIGINT())
                        .primaryKey("id", "region")
                        .build())
                .partitionedBy("region")
                .distributedBy(2, "id")
                .build());
        FlussTable table = db.client().table(path).block(TIMEOUT);
        List<String> regions = List.of("eu", "us");
        UpsertWriter writer = table.upsertWriter();
        writer.writeRows(Flux.range(0, 600).map(i -> GenericRow.of((long) i, regions.get(i % 2), (long) i)))
                .then().block(TIMEOUT);
        writer.flush().block(TIMEOUT);
        ScanPosition written = table.scan().latestPosition().block(TIMEOUT);
        await("snapshots of both partitions at their latest offsets").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    for (String region : regions) {
                        KvSnapshots snapshots = official.admin()
                                .getLatestKvSnapshots(OfficialClient.toOfficial(path), region).get();
                        for (int bucket = 0; bucket < 2; bucket++) {
                            if (snapshots.getLogOffset(bucket).orElse(-1)
                                    != written.nextOffset(region, bucket).getAsLong()) {
                                return false;
                            }
                        }
                    }
                    return true;
                });
        // Changes after the snapshots, read from the changelogs.
        writer.write(Flux.range(0, 600).filter(i -> i % 4 < 2)
                        .map(i -> i % 4 == 0 ? WriteRecord.delete(GenericRow.of((long) i, regions.get(i % 2), null), null)
                                : WriteRecord.of(GenericRow.of((long) i, regions.get(i % 2), -1L), null)))
                .then().block(TIMEOUT);
        writer.close().block(TIMEOUT);

        List<ScanRecord> records = table.scan().fromSnapshot().untilLatest().records().collectList().block(TIMEOUT);

        Map<String, Row> state = new TreeMap<>();
        for (ScanRecord record : records) {
            assertThat(record.partition()).contains(record.row().getString(1));
            String key = record.row().getLong(0) + "/" + record.row().getString(1);
            switch (record.changeType()) {
                case INSERT, UPDATE_AFTER -> assertThat(state.put(key, record.row())).as("%s present", key).isNull();
                case UPDATE_BEFORE, DELETE -> assertThat(state.remove(key)).as("%s before", key).isEqualTo(record.row());
                default -> throw new AssertionError("unexpected " + record.changeType());
            }
        }
        // The latest snapshots may have been taken before the later changes or during them (one a second).
        assertThat(records.stream().filter(r -> r.offset() < 0).count()).as("snapshot rows").isBetween(450L, 600L);
        Lookuper lookuper = table.lookuper();
        Map<String, Row> expected = new TreeMap<>();
        for (int i = 0; i < 600; i++) {
            Row row = lookuper.lookup(GenericRow.of((long) i, regions.get(i % 2))).block(TIMEOUT);
            if (row != null) {
                expected.put(i + "/" + regions.get(i % 2), GenericRow.copyOf(row));
            }
        }
        assertThat(state).hasSize(450).isEqualTo(expected);
    }

    @Test
    void aLogTableHasNoSnapshot() {
        TablePath path = db.createTable("log", TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.BIGINT()).build())
                .build());
        FlussTable table = db.client().table(path).block(TIMEOUT);

        assertThatThrownBy(() -> table.scan().fromSnapshot())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no primary key");
    }

    // ---- helpers ----

    /** Waits until every bucket has a snapshot taken at its latest offset, and returns them. */
    private static KvSnapshots awaitSnapshotsUpToTheEnd(FlussTable table) {
        ScanPosition end = table.scan().latestPosition().block(TIMEOUT);
        AtomicReference<KvSnapshots> found = new AtomicReference<>();
        await("snapshots at the latest offsets").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            KvSnapshots snapshots = official.admin()
                    .getLatestKvSnapshots(OfficialClient.toOfficial(table.info().tablePath())).get();
            for (int bucket = 0; bucket < table.info().numBuckets(); bucket++) {
                if (snapshots.getLogOffset(bucket).isEmpty()
                        || snapshots.getLogOffset(bucket).getAsLong() != end.nextOffset(null, bucket).getAsLong()) {
                    return false;
                }
            }
            found.set(snapshots);
            return true;
        });
        return found.get();
    }

    /** The current rows of keys 0 until {@code keys}, by key, as lookups find them. */
    private static Map<Long, Row> lookUp(FlussTable table, int keys) {
        Lookuper lookuper = table.lookuper();
        Map<Long, Row> rows = new HashMap<>();
        for (long key = 0; key < keys; key++) {
            Row row = lookuper.lookup(GenericRow.of(key)).block(TIMEOUT);
            if (row != null) {
                rows.put(key, GenericRow.copyOf(row));
            }
        }
        return rows;
    }

    /** The rows of the given snapshots as the official client's snapshot reader reads them. */
    private static Map<Long, Row> officialSnapshotRows(FlussTable table, KvSnapshots snapshots) throws Exception {
        Map<Long, Row> rows = new HashMap<>();
        org.apache.fluss.types.RowType rowType;
        try (Table officialTable = official.table(table.info().tablePath())) {
            rowType = officialTable.getTableInfo().getRowType();
            for (int bucket = 0; bucket < table.info().numBuckets(); bucket++) {
                TableBucket tableBucket = new TableBucket(snapshots.getTableId(), bucket);
                try (BatchScanner scanner = officialTable.newScan()
                        .createBatchScanner(tableBucket, snapshots.getSnapshotId(bucket).getAsLong())) {
                    CloseableIterator<InternalRow> batch;
                    // An empty batch while the files download, null once every row was read.
                    while ((batch = scanner.pollBatch(Duration.ofSeconds(10))) != null) {
                        while (batch.hasNext()) {
                            GenericRow row = OfficialValues.fromOfficialRow(batch.next(), rowType);
                            rows.put(row.getLong(0), row);
                        }
                    }
                }
            }
        }
        return rows;
    }

    /**
     * Waits until a read's lease was dropped (the client's drops reached {@code drops}), its snapshot
     * directories were deleted and its Arrow memory was released.
     */
    private static void awaitReleased(FlussClient client, long drops, Set<Path> directoriesBefore) {
        await("lease dropped").atMost(TIMEOUT)
                .until(() -> TestClients.requestsSent(client, ApiKey.DROP_KV_SNAPSHOT_LEASE) == drops);
        await("snapshot directory deleted").atMost(TIMEOUT)
                .until(() -> directoriesBefore.containsAll(snapshotDirectories()));
        await("Arrow memory released").atMost(TIMEOUT).until(() -> client.arrowMemoryInUse() == 0);
    }

    private static Set<Path> snapshotDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(path -> path.getFileName().toString().startsWith("fluss-kv-snapshot-"))
                    .collect(Collectors.toSet());
        }
    }
}
