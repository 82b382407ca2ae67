package io.flussreactive.write;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flussreactive.FlussClientOptions;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.KvFormat;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.record.CompactedRowWriter;
import io.flussreactive.internal.record.KeyEncoders;
import io.flussreactive.internal.record.KvBatchEncoder;
import io.flussreactive.internal.write.WriteBuffer;
import io.flussreactive.lookup.LookupResult;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Upserts and deletes into a primary-key table get the same backpressure as appends: a bounded write
 * buffer and the results subscriber's demand become demand on the producer. Every assertion is on
 * counters (requests, emissions, reserved bytes), never on time.
 */
@ExtendWith(FlussClusterExtension.class)
class UpsertBackpressureIT {

    private static final long BUFFER_BYTES = 1 << 20;
    private static final int REQUEST_CHUNK = DemandProbe.writeRequestChunk();
    private static final int BUCKETS = 3;
    private static final WriterOptions NOTHING_LEAVES_BEFORE_A_FLUSH = WriterOptions.builder()
            // Batches larger than the buffer and a long linger, even with nothing in flight: a full buffer
            // stays full until a flush.
            .batchSizeBytes((int) BUFFER_BYTES * 2)
            .maxRequestSizeBytes((int) BUFFER_BYTES * 2)
            .batchLinger(Duration.ofSeconds(30))
            .lingerOnlyWhenBusy(false)
            .build();

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("upsert_backpressure")
            .withClientOptions(() -> FlussClientOptions.builder().writeBufferBytes(BUFFER_BYTES));

    @AfterEach
    void everyReservationIsGivenBack() {
        await().atMost(TIMEOUT).until(() -> db.client().writeBuffer().reserved() == 0);
        assertThat(db.client().writeBuffer().peakReserved()).isLessThanOrEqualTo(db.client().writeBuffer().capacity());
    }

    @Test
    void manyUpsertsPassThroughAOneMebibyteBufferWithoutEverOverfillingIt() {
        FlussTable table = newTable("many");
        UpsertWriter writer = table.upsertWriter();
        WriteBufferUsage buffer = db.client().writeBuffer();
        long rowSize = upsertSize(table);
        int records = 300_000;
        int keys = 100_000;
        DemandProbe upstream = new DemandProbe();
        Flux<WriteRecord<Integer>> upserts = upstream.watch(
                // Each key is written three times: the last value (the highest i) must win.
                Flux.range(0, records)
                        .map(i -> WriteRecord.of(row(i % keys, i), i))
                        // A producer on its own thread, so requests and emissions interleave.
                        .publishOn(Schedulers.parallel())
                        .doOnNext(record -> checkWithinCapacity(buffer, upstream, "source")),
                n -> {
                    // Requests follow the free space: what is asked and not yet delivered fits in it.
                    long reserved = buffer.reserved();
                    long outstanding = upstream.outstanding();
                    if (reserved + outstanding * rowSize > buffer.capacity()) {
                        upstream.violation("request(" + n + ") with " + reserved + " bytes reserved and "
                                + outstanding + " upserts of " + rowSize + " bytes outstanding");
                    }
                });
        AtomicLong succeeded = new AtomicLong();
        List<WriteResult<Integer>> failures = new CopyOnWriteArrayList<>();

        Long results = writer.write(upserts)
                .doOnNext(result -> {
                    checkWithinCapacity(buffer, upstream, "results");
                    if (result.isSuccess()) {
                        succeeded.incrementAndGet();
                    } else if (failures.size() < 10) {
                        failures.add(result);
                    }
                })
                .count()
                .block(Duration.ofMinutes(2));
        writer.close().block(TIMEOUT);

        assertThat(failures).isEmpty();
        assertThat(results).isEqualTo(records);
        assertThat(succeeded).hasValue(records);
        assertThat(upstream.emitted()).isEqualTo(records);
        assertThat(upstream.violations()).isEmpty();
        // The buffer, not anything else, was what held the producer back.
        assertThat(buffer.peakReserved()).isGreaterThan(BUFFER_BYTES / 2).isLessThanOrEqualTo(buffer.capacity());
        assertThat(upstream.largestRequest()).isLessThanOrEqualTo(REQUEST_CHUNK);
        assertThat(upstream.requestCalls()).isGreaterThanOrEqualTo(records / REQUEST_CHUNK);
        assertThat(upstream.largestOutstanding()).isLessThanOrEqualTo(buffer.capacity() / rowSize + REQUEST_CHUNK);

        // Every 997th key: its last write (i = key + 2 * keys) is what a lookup finds.
        List<Integer> sample = IntStream.range(0, keys).filter(k -> k % 997 == 0).boxed().toList();
        List<LookupResult> found = table.lookuper()
                .lookupAll(Flux.fromIterable(sample).map(k -> GenericRow.of(key(k))))
                .collectList()
                .block(TIMEOUT);
        assertThat(found).hasSize(sample.size());
        for (int j = 0; j < sample.size(); j++) {
            int k = sample.get(j);
            assertThat(found.get(j).row()).as("key %d", k).isEqualTo(row(k, k + 2 * keys));
        }
    }

    @Test
    void aSlowResultsSubscriberBoundsWhatIsRequestedUpstreamDeletesIncluded() {
        FlussTable table = newTable("slow_results");
        int maxPending = 100;
        UpsertWriter writer = table.upsertWriter(WriterOptions.builder()
                .maxPendingResults(maxPending)
                .batchLinger(Duration.ofMillis(10))
                .build());
        DemandProbe upstream = new DemandProbe();
        ManualSubscriber<WriteResult<Integer>> results = new ManualSubscriber<>(false);
        // Every third record deletes the key written just before it: deletes are records like any other.
        writer.write(upstream.watch(Flux.range(0, 1_000_000).map(UpsertBackpressureIT::upsertOrDelete)))
                .subscribe(results);

        settle();
        assertThat(upstream.requested()).as("requested with no results asked for")
                .isPositive()
                .isLessThanOrEqualTo(maxPending + REQUEST_CHUNK);
        assertThat(results.received()).isZero();

        long asked = 0;
        for (long step : new long[] {1, 1_000, 5_000, 20_000}) {
            asked += step;
            results.request(step);
            long expected = asked;
            await().atMost(TIMEOUT).until(() -> results.received() >= expected);
            settle();

            assertThat(results.received()).isEqualTo(asked);
            assertThat(upstream.requested()).as("requested upstream after %d results were asked for", asked)
                    .isLessThanOrEqualTo(asked + maxPending + REQUEST_CHUNK);
        }
        assertThat(results.error()).isNull();
        assertThat(upstream.cancelled()).isFalse();

        results.cancel();
        writer.close().block(TIMEOUT);
    }

    @Test
    void aFullBufferOfDeletesStopsRequestsUntilAFlushFreesIt() {
        FlussTable table = newTable("full_of_deletes");
        int sampleKeys = 1_000;
        UpsertWriter loader = table.upsertWriter();
        loader.write(Flux.range(0, sampleKeys).map(k -> WriteRecord.of(row(k, k), k))).then().block(TIMEOUT);
        loader.close().block(TIMEOUT);

        UpsertWriter writer = table.upsertWriter(NOTHING_LEAVES_BEFORE_A_FLUSH);
        WriteBufferUsage buffer = db.client().writeBuffer();
        long deleteSize = deleteSize(table);
        long deletesThatFit = buffer.capacity() / deleteSize;
        int deletes = (int) (deletesThatFit * 5 / 2);
        DemandProbe upstream = new DemandProbe();
        ManualSubscriber<WriteResult<Integer>> results = new ManualSubscriber<>(true);
        // Deletes of every sample key, then of keys that never existed (still a delete each).
        Flux<WriteRecord<Integer>> records = Flux.range(0, deletes)
                .map(k -> WriteRecord.delete(GenericRow.of(key(k), null), k))
                .publishOn(Schedulers.parallel());
        writer.write(upstream.watch(records)).subscribe(results);
        results.request(Long.MAX_VALUE);

        await().atMost(TIMEOUT).until(() -> buffer.reserved() + deleteSize > buffer.capacity());
        settle();
        long requestedWhenFull = upstream.requested();
        long emittedWhenFull = upstream.emitted();
        settle();

        assertThat(upstream.requested()).as("requests while the buffer is full of deletes").isEqualTo(requestedWhenFull);
        assertThat(upstream.emitted()).isEqualTo(emittedWhenFull);
        assertThat(buffer.reserved()).as("bytes the deletes hold").isGreaterThan(buffer.capacity() - deleteSize);
        assertThat(emittedWhenFull).isLessThanOrEqualTo(deletesThatFit + REQUEST_CHUNK);
        assertThat(requestedWhenFull).isLessThanOrEqualTo(deletesThatFit + REQUEST_CHUNK);
        assertThat(results.received()).isZero();

        writer.flush().block(TIMEOUT);

        await().atMost(TIMEOUT).until(() -> upstream.requested() > requestedWhenFull);
        // Each flush frees the buffer for the next round, until the producer is done.
        await().atMost(TIMEOUT).until(() -> {
            writer.flush().block(TIMEOUT);
            return results.isCompleted() || results.error() != null;
        });
        writer.close().block(TIMEOUT);
        assertThat(results.error()).isNull();
        assertThat(results.received()).isEqualTo(deletes);
        assertThat(results.items()).allSatisfy(result -> assertThat(result.isSuccess()).as("%s", result).isTrue());
        assertThat(table.lookuper()
                        .lookupAll(Flux.range(0, sampleKeys).map(k -> GenericRow.of(key(k))))
                        .filter(LookupResult::found)
                        .count()
                        .block(TIMEOUT))
                .as("sample keys still found after their deletes")
                .isZero();
    }

    @Test
    void theUpsertSinkOverflowsWhileTheBufferIsFullAndTakesRowsAgainAfterAFlush() {
        FlussTable table = newTable("sink");
        UpsertWriter writer = table.upsertWriter(NOTHING_LEAVES_BEFORE_A_FLUSH);
        FlussSink sink = writer.sink();
        ManualSubscriber<WriteResult<Row>> results = new ManualSubscriber<>(true);
        sink.results().subscribe(results);
        results.request(Long.MAX_VALUE);
        long rowSize = upsertSize(table);
        long rowsThatFit = BUFFER_BYTES / rowSize;
        List<Integer> emitted = new ArrayList<>();

        Sinks.EmitResult refused = Sinks.EmitResult.OK;
        for (int k = 0; k < 10 * rowsThatFit && refused.isSuccess(); k++) {
            refused = sink.tryEmitNext(row(k, k));
            if (refused.isSuccess()) {
                emitted.add(k);
            }
        }

        assertThat(refused).isEqualTo(Sinks.EmitResult.FAIL_OVERFLOW);
        assertThat((long) emitted.size()).isBetween(rowsThatFit, rowsThatFit + REQUEST_CHUNK);
        assertThat(db.client().writeBuffer().reserved()).as("bytes taken when the sink overflows")
                .isGreaterThan(BUFFER_BYTES - rowSize)
                .isLessThanOrEqualTo(BUFFER_BYTES);
        // Nothing is acknowledged before the flush: the sink stays full.
        assertThat(sink.tryEmitNext(row(emitted.size(), 0))).isEqualTo(Sinks.EmitResult.FAIL_OVERFLOW);
        assertThat(results.received()).isZero();

        sink.flush().block(TIMEOUT);

        assertThat(db.client().writeBuffer().reserved()).isLessThan(BUFFER_BYTES);
        // The first key again, with a new value: an upsert replaces it.
        assertThat(sink.tryEmitNext(row(0, -1))).isEqualTo(Sinks.EmitResult.OK);
        assertThat(sink.tryEmitComplete()).isEqualTo(Sinks.EmitResult.OK);
        await().atMost(TIMEOUT).until(() -> results.isCompleted() || results.error() != null);
        writer.close().block(TIMEOUT);

        assertThat(results.error()).isNull();
        assertThat(results.items()).hasSize(emitted.size() + 1)
                .allSatisfy(result -> assertThat(result.isSuccess()).as("%s", result).isTrue());
        Flux<Row> keys = Flux.just(0, 1, emitted.size() / 2, emitted.size() - 1).map(k -> GenericRow.of(key(k)));
        assertThat(table.lookuper().lookupAll(keys).map(LookupResult::row).collectList().block(TIMEOUT))
                .containsExactly(row(0, -1), row(1, 1), row(emitted.size() / 2, emitted.size() / 2),
                        row(emitted.size() - 1, emitted.size() - 1));
    }

    // ---- helpers ----

    private static void checkWithinCapacity(WriteBufferUsage buffer, DemandProbe probe, String where) {
        long reserved = buffer.reserved();
        if (reserved > buffer.capacity()) {
            probe.violation(where + ": " + reserved + " bytes reserved of " + buffer.capacity());
        }
    }

    /** Keys of one width, so every record of the table has the same size. */
    private static String key(int k) {
        return "k" + (1_000_000 + k);
    }

    /**
     * A row whose payload holds {@code version}, of a width that makes each upsert 64 bytes, which
     * divides the buffer: a full buffer is exactly full.
     */
    private static GenericRow row(int k, int version) {
        String digits = String.valueOf(1_000_000 + version);
        return GenericRow.of(key(k), "v" + digits + "_".repeat(38 - digits.length()));
    }

    /** Record {@code i}: an upsert of key {@code i}, or every third one a delete of the key before it. */
    private static WriteRecord<Integer> upsertOrDelete(int i) {
        return i % 3 == 2 ? WriteRecord.delete(GenericRow.of(key(i - 1), null), i) : WriteRecord.of(row(i, i), i);
    }

    /** The bytes an upsert of {@link #row} takes in a KV batch and so in the write buffer. */
    private static long upsertSize(FlussTable table) {
        TableInfo info = table.info();
        assertThat(info.kvFormat()).isEqualTo(KvFormat.COMPACTED);
        GenericRow row = row(0, 0);
        // What one upsert reserves in the write buffer: its encoded size and its heap allowance.
        return WriteBuffer.reservationFor(KvBatchEncoder.recordSize(KeyEncoders.primaryKey(info).encode(row).length,
                new CompactedRowWriter(info.rowType()).encode(row).length), true);
    }

    /** The bytes a delete takes: its key alone. */
    private static long deleteSize(FlussTable table) {
        return WriteBuffer.reservationFor(
                KvBatchEncoder.recordSize(KeyEncoders.primaryKey(table.info()).encode(GenericRow.of(key(0), null)).length, 0), true);
    }

    private static FlussTable newTable(String name) {
        TablePath path = db.createTable(name, TableDescriptor.builder()
                        .schema(Schema.newBuilder()
                                .column("id", DataTypes.STRING())
                                .column("payload", DataTypes.STRING())
                                .primaryKey("id")
                                .build())
                        .distributedBy(BUCKETS)
                        .build());
        return db.client().table(path).block(TIMEOUT);
    }

    /**
     * Gives the streams time to do anything they would do unasked (a stray request, a late result).
     * Nothing is asserted about time: the assertions after it are on counters.
     */
    private static void settle() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
