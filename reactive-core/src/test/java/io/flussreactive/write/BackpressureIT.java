package io.flussreactive.write;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flussreactive.FlussClientOptions;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.internal.record.ArrowRowValidator;
import io.flussreactive.internal.write.WriteBuffer;
import io.flussreactive.internal.write.WriteOperator;
import io.flussreactive.row.GenericRow;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The write path turns a bounded byte budget and the results subscriber's demand into demand on the
 * producer. Every assertion is on counters (requests, emissions, reserved bytes), never on time.
 */
@ExtendWith(FlussClusterExtension.class)
class BackpressureIT {

    private static final long BUFFER_BYTES = 1 << 20;
    private static final int REQUEST_CHUNK = DemandProbe.writeRequestChunk();
    private static final int BUCKETS = 3;
    /**
     * Batches larger than the buffer and a long linger, waited also by a batch whose bucket has nothing in
     * flight: nothing leaves before a flush.
     */
    private static final WriterOptions NOTHING_LEAVES_BEFORE_A_FLUSH = WriterOptions.builder()
            .batchSizeBytes((int) BUFFER_BYTES * 2)
            .maxRequestSizeBytes((int) BUFFER_BYTES * 2)
            .batchLinger(Duration.ofSeconds(30))
            .lingerOnlyWhenBusy(false)
            .build();

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("backpressure")
            .withClientOptions(() -> FlussClientOptions.builder().writeBufferBytes(BUFFER_BYTES));

    @AfterEach
    void everyReservationIsGivenBack() {
        // Each test closes its writer; what it took must all be released, whatever happened.
        await().atMost(TIMEOUT).until(() -> db.client().writeBuffer().reserved() == 0);
        assertThat(db.client().writeBuffer().peakReserved()).isLessThanOrEqualTo(db.client().writeBuffer().capacity());
    }

    @Test
    void aMillionRowsPassThroughAOneMebibyteBufferWithoutEverOverfillingIt() {
        FlussTable table = newTable("million");
        AppendWriter writer = table.appendWriter();
        WriteBufferUsage buffer = db.client().writeBuffer();
        long rowSize = rowSize(table);
        int rows = 1_000_000;
        DemandProbe upstream = new DemandProbe();
        Flux<WriteRecord<Integer>> records = upstream.watch(
                Flux.range(0, rows)
                        .map(i -> WriteRecord.of(row(i), i))
                        // A producer on its own thread, so requests and emissions interleave.
                        .publishOn(Schedulers.parallel())
                        .doOnNext(record -> checkWithinCapacity(buffer, upstream, "source")),
                n -> {
                    // Requests follow the free space: what is asked and not yet delivered fits in it.
                    long reserved = buffer.reserved();
                    long outstanding = upstream.outstanding();
                    if (reserved + outstanding * rowSize > buffer.capacity()) {
                        upstream.violation("request(" + n + ") with " + reserved + " bytes reserved and "
                                + outstanding + " rows of " + rowSize + " bytes outstanding");
                    }
                });
        AtomicLong succeeded = new AtomicLong();
        List<WriteResult<Integer>> failures = new CopyOnWriteArrayList<>();

        Long results = writer.write(records)
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
        assertThat(results).isEqualTo(rows);
        assertThat(succeeded).hasValue(rows);
        assertThat(upstream.emitted()).isEqualTo(rows);
        assertThat(upstream.violations()).isEmpty();
        assertThat(buffer.peakReserved()).isPositive().isLessThanOrEqualTo(buffer.capacity());
        // Demand went out in chunks, never as one unbounded request.
        assertThat(upstream.largestRequest()).isLessThanOrEqualTo(REQUEST_CHUNK);
        assertThat(upstream.requestCalls()).isGreaterThanOrEqualTo(rows / REQUEST_CHUNK);
        assertThat(upstream.largestOutstanding()).isLessThanOrEqualTo(buffer.capacity() / rowSize + REQUEST_CHUNK);
        assertThat(storedRows(table)).isEqualTo(rows);
    }

    @Test
    void aFullBufferStopsRequestsUntilAcknowledgementsFreeIt() {
        FlussTable table = newTable("full");
        AppendWriter writer = table.appendWriter(NOTHING_LEAVES_BEFORE_A_FLUSH);
        WriteBufferUsage buffer = db.client().writeBuffer();
        long rowSize = rowSize(table);
        long rowsThatFit = buffer.capacity() / rowSize;
        int rows = (int) (rowsThatFit * 5 / 2);
        DemandProbe upstream = new DemandProbe();
        ManualSubscriber<WriteResult<Integer>> results = new ManualSubscriber<>(false);
        // The producer emits on its own thread, as a real source would (an immediate producer is
        // covered by spaceRefilledWithinTheReleaseCallbackWaitsForTheNextRelease).
        Flux<WriteRecord<Integer>> records = Flux.range(0, rows)
                .map(i -> WriteRecord.of(row(i), i))
                .publishOn(Schedulers.parallel());
        writer.write(upstream.watch(records)).subscribe(results);
        results.request(Long.MAX_VALUE);

        await().atMost(TIMEOUT).until(() -> buffer.reserved() + rowSize > buffer.capacity());
        settle();
        long requestedWhenFull = upstream.requested();
        long emittedWhenFull = upstream.emitted();
        long rowsTakenWhenFull = buffer.reserved() / rowSize;
        settle();

        assertThat(upstream.requested()).as("requests while the buffer is full").isEqualTo(requestedWhenFull);
        assertThat(upstream.emitted()).isEqualTo(emittedWhenFull);
        assertThat(emittedWhenFull).isLessThanOrEqualTo(rowsThatFit + REQUEST_CHUNK);
        assertThat(requestedWhenFull).isLessThanOrEqualTo(rowsThatFit + REQUEST_CHUNK);
        assertThat(results.received()).isZero();

        writer.flush().block(TIMEOUT);

        await().atMost(TIMEOUT).until(() -> upstream.requested() > requestedWhenFull);
        await().atMost(TIMEOUT).until(() -> results.received() >= rowsTakenWhenFull);
        flushUntilAllStored(table, writer, results, rows);
    }

    /**
     * A record without correlation metadata keeps no object alive once it is in its batch, so it
     * gives back all of its reservation but its batch room: a full buffer then holds about twice as
     * many such rows as rows with correlation (and never more than the budget).
     */
    @Test
    void rowsWithoutCorrelationGiveBackTheirHeapAllowanceOnceInTheirBatch() {
        FlussTable table = newTable("uncorrelated");
        AppendWriter writer = table.appendWriter(NOTHING_LEAVES_BEFORE_A_FLUSH);
        WriteBufferUsage buffer = db.client().writeBuffer();
        long offered = rowSize(table);
        long batched = WriteBuffer.reservationFor(
                new ArrowRowValidator(table.info().rowType()).estimatedSizeInBytes(row(0)), false);
        assertThat(batched).isLessThan(offered / 2);
        int rows = (int) (buffer.capacity() / batched * 2);
        DemandProbe upstream = new DemandProbe();
        ManualSubscriber<WriteResult<Void>> results = new ManualSubscriber<>(false);
        writer.write(upstream.watch(Flux.range(0, rows).map(i -> WriteRecord.of(row(i)))
                        .publishOn(Schedulers.parallel())))
                .subscribe(results);
        results.request(Long.MAX_VALUE);

        await().atMost(TIMEOUT).until(() -> buffer.reserved() + offered > buffer.capacity());
        settle();
        long emittedWhenFull = upstream.emitted();

        assertThat(buffer.reserved()).isLessThanOrEqualTo(buffer.capacity());
        assertThat(emittedWhenFull).as("rows taken by a full buffer")
                .isGreaterThan(2 * (buffer.capacity() / offered))
                .isLessThanOrEqualTo(buffer.capacity() / batched + REQUEST_CHUNK);
        assertThat(results.received()).isZero();

        flushUntilAllStored(table, writer, results, rows);
    }

    @Test
    void aSlowResultsSubscriberBoundsWhatIsRequestedUpstream() {
        FlussTable table = newTable("slow_results");
        int maxPending = 100;
        AppendWriter writer = table.appendWriter(WriterOptions.builder()
                .maxPendingResults(maxPending)
                .batchLinger(Duration.ofMillis(10))
                .build());
        DemandProbe upstream = new DemandProbe();
        ManualSubscriber<WriteResult<Integer>> results = new ManualSubscriber<>(false);
        writer.write(upstream.watch(Flux.range(0, 1_000_000).map(i -> WriteRecord.of(row(i), i)))).subscribe(results);

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
    void cancellingTheResultsStopsRequestingUpstream() {
        FlussTable table = newTable("cancel");
        AppendWriter writer = table.appendWriter(WriterOptions.builder()
                .maxPendingResults(100)
                .batchLinger(Duration.ofMillis(10))
                .build());
        DemandProbe upstream = new DemandProbe();
        ManualSubscriber<WriteResult<Integer>> results = new ManualSubscriber<>(false);
        writer.write(upstream.watch(Flux.range(0, 1_000_000).map(i -> WriteRecord.of(row(i), i)))).subscribe(results);
        results.request(500);
        await().atMost(TIMEOUT).until(() -> results.received() >= 500);

        results.cancel();
        // A request already under way when cancel() ran may still land; none may follow it.
        settle();
        long requestedAtCancel = upstream.requested();
        // Acknowledgements of the rows already taken free the buffer: that must not wake requests.
        writer.flush().block(TIMEOUT);
        settle();
        results.request(10_000);
        settle();

        assertThat(upstream.cancelled()).isTrue();
        assertThat(upstream.requested()).isEqualTo(requestedAtCancel);
        assertThat(upstream.emitted()).isLessThanOrEqualTo(requestedAtCancel);
        assertThat(results.received()).isEqualTo(500);
        writer.close().block(TIMEOUT);
    }

    /**
     * Rows a producer has at hand (emitted inside the operator's request) reach the writer while it
     * counts that producer as emitting, so that a pause in the middle of them is not taken for the
     * producer going quiet; rows that arrive one by one from elsewhere do not.
     */
    @Test
    void theWriterKnowsWhichRowsAProducerHadAtHand() {
        UnacknowledgedWriter atHand = new UnacknowledgedWriter(new WriteBuffer(10_000), 100);
        ManualSubscriber<WriteResult<Integer>> atHandResults = new ManualSubscriber<>(false);
        new WriteOperator<>(Flux.range(0, 10).map(i -> WriteRecord.of(GenericRow.of(i), i)), atHand, 100)
                .subscribe(atHandResults);
        atHandResults.request(Long.MAX_VALUE);

        Sinks.Many<WriteRecord<Integer>> source = Sinks.many().unicast().onBackpressureBuffer();
        UnacknowledgedWriter oneByOne = new UnacknowledgedWriter(new WriteBuffer(10_000), 100);
        ManualSubscriber<WriteResult<Integer>> oneByOneResults = new ManualSubscriber<>(false);
        new WriteOperator<>(source.asFlux(), oneByOne, 100).subscribe(oneByOneResults);
        oneByOneResults.request(Long.MAX_VALUE);
        for (int i = 0; i < 3; i++) {
            source.tryEmitNext(WriteRecord.of(GenericRow.of(i), i));
        }

        assertThat(atHand.taken()).isEqualTo(10);
        assertThat(atHand.takenWhileEmitting()).isEqualTo(10);
        assertThat(atHand.emitting()).isZero();
        assertThat(oneByOne.taken()).isEqualTo(3);
        assertThat(oneByOne.takenWhileEmitting()).isZero();
        assertThat(oneByOne.emitting()).isZero();
    }

    /**
     * A buffer with room left, but not enough for the next row, must make the writer wait for a
     * release. Here the writer's rows are 100 bytes, the buffer holds 250 and nothing is ever
     * acknowledged: after two rows the operator must go idle. It must not re-run its loop over and
     * over (each pass asks the buffer for space, which calls back at once because some space is
     * free), which would hold its thread until an acknowledgement, and forever when the
     * acknowledgement needs that very thread.
     */
    @Test
    void aNearlyFullBufferWaitsForSpaceWithoutSpinning() {
        UnacknowledgedWriter writer = new UnacknowledgedWriter(new WriteBuffer(250), 100);
        ManualSubscriber<WriteResult<Integer>> results = new ManualSubscriber<>(false);

        try {
            new WriteOperator<>(Flux.range(0, 10).map(i -> WriteRecord.of(GenericRow.of(i), i)), writer, 100)
                    .subscribe(results);
            results.request(Long.MAX_VALUE);
        } catch (RuntimeException spinning) {
            // Thrown by the writer to end the endless loop; the counters below tell the story.
        }

        assertThat(writer.taken()).isEqualTo(2);
        assertThat(writer.bufferLookups()).as("buffer lookups by an operator that should be idle")
                .isLessThan(1_000);
    }

    /**
     * An acknowledgement frees space and calls the waiting operator back; with a producer that
     * emits at once, the operator fills the space again within that callback and must wait again.
     * Its new wait must be for the next release, not for the release being run: the releasing thread
     * (in a real client the event loop that read the acknowledgement) must come back.
     */
    @Test
    void spaceRefilledWithinTheReleaseCallbackWaitsForTheNextRelease() {
        WriteBuffer buffer = new WriteBuffer(200);
        UnacknowledgedWriter writer = new UnacknowledgedWriter(buffer, 100);
        ManualSubscriber<WriteResult<Integer>> results = new ManualSubscriber<>(false);
        new WriteOperator<>(Flux.range(0, 10).map(i -> WriteRecord.of(GenericRow.of(i), i)), writer, 100)
                .subscribe(results);
        results.request(Long.MAX_VALUE);
        assertThat(writer.taken()).as("rows taken by an exactly full buffer").isEqualTo(2);
        long lookupsWhenFull = writer.bufferLookups();

        try {
            // The two rows are acknowledged.
            buffer.release(200);
        } catch (RuntimeException spinning) {
            // Thrown by the writer to end the endless loop; the counters below tell the story.
        }

        assertThat(writer.taken()).isEqualTo(4);
        assertThat(writer.bufferLookups() - lookupsWhenFull).as("buffer lookups after one release")
                .isLessThan(1_000);
    }

    // ---- helpers ----

    /**
     * Flushes until the results complete (each flush frees the buffer for the next rows, until the
     * producer is done), closes the writer, and checks that every row was acknowledged and stored.
     */
    private static void flushUntilAllStored(FlussTable table, AppendWriter writer, ManualSubscriber<?> results,
            int rows) {
        await().atMost(TIMEOUT).until(() -> {
            writer.flush().block(TIMEOUT);
            return results.isCompleted() || results.error() != null;
        });
        writer.close().block(TIMEOUT);
        assertThat(results.error()).isNull();
        assertThat(results.received()).isEqualTo(rows);
        assertThat(storedRows(table)).isEqualTo(rows);
    }

    private static void checkWithinCapacity(WriteBufferUsage buffer, DemandProbe probe, String where) {
        long reserved = buffer.reserved();
        if (reserved > buffer.capacity()) {
            probe.violation(where + ": " + reserved + " bytes reserved of " + buffer.capacity());
        }
    }

    /**
     * Every row has the same size, so "the smallest row" is any row: 32 bytes, which divides the
     * buffer, so a full buffer is exactly full (see {@link #aNearlyFullBufferWaitsForSpaceWithoutSpinning}
     * for what happens otherwise).
     */
    private static GenericRow row(int i) {
        return GenericRow.of(i, "p" + (1_000_000 + i % 1_000_000) + "_fixed_width___");
    }

    private static long rowSize(FlussTable table) {
        // What one row reserves in the write buffer: its encoded size and its heap allowance.
        return WriteBuffer.reservationFor(new ArrowRowValidator(table.info().rowType()).estimatedSizeInBytes(row(0)), true);
    }

    private static FlussTable newTable(String name) {
        TablePath path = db.createTable(name, TableDescriptor.builder()
                        .schema(Schema.newBuilder()
                                .column("id", DataTypes.INT())
                                .column("payload", DataTypes.STRING())
                                .build())
                        .distributedBy(BUCKETS)
                        .build());
        return db.client().table(path).block(TIMEOUT);
    }

    private static long storedRows(FlussTable table) {
        List<Integer> buckets = List.of(0, 1, 2);
        Map<Integer, Long> latest = db.admin().listOffsets(table.path(), buckets, OffsetSpec.latest()).block(TIMEOUT);
        return latest.values().stream().mapToLong(Long::longValue).sum();
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
