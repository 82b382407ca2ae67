package io.flussreactive.write;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flussreactive.FlussClientOptions;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.internal.record.ArrowRowValidator;
import io.flussreactive.internal.write.DefaultFlussSink;
import io.flussreactive.internal.write.WriteBuffer;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.ScanRecord;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * {@link FlussSink} answers with Reactor's {@code Sinks.Many} vocabulary: a full write buffer is
 * {@code FAIL_OVERFLOW}, never a wait. A long linger keeps rows unacknowledged until a flush, so
 * "full" and "freed" are states the test controls, not moments it guesses.
 */
@ExtendWith(FlussClusterExtension.class)
class FlussSinkIT {

    private static final long BUFFER_BYTES = 64 * 1024;
    private static final int REQUEST_CHUNK = DemandProbe.writeRequestChunk();
    private static final WriterOptions NOTHING_LEAVES_BEFORE_A_FLUSH = WriterOptions.builder()
            .batchLinger(Duration.ofSeconds(30))
            .lingerOnlyWhenBusy(false)
            .build();

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("sink")
            .withClientOptions(() -> FlussClientOptions.builder().writeBufferBytes(BUFFER_BYTES));

    @AfterEach
    void everyReservationIsGivenBack() {
        await().atMost(TIMEOUT).until(() -> db.client().writeBuffer().reserved() == 0);
        assertThat(db.client().writeBuffer().peakReserved()).isLessThanOrEqualTo(db.client().writeBuffer().capacity());
    }

    @Test
    void tryEmitNextOverflowsWhileTheBufferIsFullAndSucceedsAgainAfterAFlush() {
        FlussTable table = newTable("overflow");
        AppendWriter writer = table.appendWriter(NOTHING_LEAVES_BEFORE_A_FLUSH);
        FlussSink sink = writer.sink();
        ManualSubscriber<WriteResult<Row>> results = subscribe(sink);
        long rowSize = rowSize(table);
        long rowsThatFit = BUFFER_BYTES / rowSize;
        List<Integer> emitted = new ArrayList<>();

        Sinks.EmitResult refused = emitUntilRefused(sink, emitted, 0, rowsThatFit);

        assertThat(refused).isEqualTo(Sinks.EmitResult.FAIL_OVERFLOW);
        assertThat((long) emitted.size()).isBetween(rowsThatFit, rowsThatFit + REQUEST_CHUNK);
        assertThat(db.client().writeBuffer().reserved()).as("bytes taken when the sink overflows")
                .isGreaterThan(BUFFER_BYTES - rowSize)
                .isLessThanOrEqualTo(BUFFER_BYTES);
        // Nothing is acknowledged before the flush: the sink stays full.
        assertThat(sink.tryEmitNext(row(emitted.size()))).isEqualTo(Sinks.EmitResult.FAIL_OVERFLOW);
        assertThat(results.received()).isZero();

        sink.flush().block(TIMEOUT);

        assertThat(db.client().writeBuffer().reserved()).isLessThan(BUFFER_BYTES);
        int next = emitted.size();
        assertThat(sink.tryEmitNext(row(next))).isEqualTo(Sinks.EmitResult.OK);
        emitted.add(next);

        completeAndCheck(table, writer, sink, results, emitted);
    }

    @Test
    void emitCompletesOnceAFlushFreesSpace() {
        FlussTable table = newTable("emit");
        AppendWriter writer = table.appendWriter(NOTHING_LEAVES_BEFORE_A_FLUSH);
        FlussSink sink = writer.sink();
        ManualSubscriber<WriteResult<Row>> results = subscribe(sink);
        long rowsThatFit = BUFFER_BYTES / rowSize(table);
        List<Integer> emitted = new ArrayList<>();
        assertThat(emitUntilRefused(sink, emitted, 0, rowsThatFit)).isEqualTo(Sinks.EmitResult.FAIL_OVERFLOW);

        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int id = emitted.size();
            // Subscribed off the test thread: the test must stay free to flush.
            waiting.add(sink.emit(row(id)).subscribeOn(Schedulers.boundedElastic()).toFuture());
            emitted.add(id);
        }
        settle();
        assertThat(waiting).as("emits into a full buffer").noneMatch(CompletableFuture::isDone);

        sink.flush().block(TIMEOUT);

        // The flush has freed the buffer: the waiting rows are taken without anything else happening.
        await("emits taken after a flush freed the buffer").atMost(Duration.ofSeconds(10))
                .until(() -> waiting.stream().allMatch(CompletableFuture::isDone));
        assertThat(waiting).allMatch(future -> future.isDone() && !future.isCompletedExceptionally());

        completeAndCheck(table, writer, sink, results, emitted);
    }

    @Test
    void aCompletedSinkRefusesRowsAndEveryRowHasOneResultAndIsStoredOnce() {
        FlussTable table = newTable("complete");
        AppendWriter writer = table.appendWriter(NOTHING_LEAVES_BEFORE_A_FLUSH);
        FlussSink sink = writer.sink();
        ManualSubscriber<WriteResult<Row>> results = subscribe(sink);
        List<Integer> emitted = new ArrayList<>();
        // As many rows as the buffer holds (nothing leaves before the flush).
        long rows = BUFFER_BYTES / rowSize(table);
        assertThat(rows).isGreaterThan(100);
        for (int i = 0; i < rows; i++) {
            assertThat(sink.tryEmitNext(row(i))).isEqualTo(Sinks.EmitResult.OK);
            emitted.add(i);
        }

        completeAndCheck(table, writer, sink, results, emitted);

        assertThat(sink.tryEmitNext(row((int) rows))).isEqualTo(Sinks.EmitResult.FAIL_TERMINATED);
        assertThat(sink.tryEmitComplete()).isEqualTo(Sinks.EmitResult.FAIL_TERMINATED);
    }

    @Test
    void whenReadyCompletesOnceAFlushFreesRoom() {
        FlussTable table = newTable("ready");
        AppendWriter writer = table.appendWriter(NOTHING_LEAVES_BEFORE_A_FLUSH);
        FlussSink sink = writer.sink();
        ManualSubscriber<WriteResult<Row>> results = subscribe(sink);
        List<Integer> emitted = new ArrayList<>();
        assertThat(emitUntilRefused(sink, emitted, 0, BUFFER_BYTES / rowSize(table)))
                .isEqualTo(Sinks.EmitResult.FAIL_OVERFLOW);

        CompletableFuture<Void> ready = sink.whenReady().toFuture();
        settle();
        assertThat(ready).as("room in a full buffer").isNotDone();

        sink.flush().block(TIMEOUT);

        await("room after a flush").atMost(Duration.ofSeconds(10)).until(ready::isDone);
        assertThat(ready).isCompleted();
        int next = emitted.size();
        assertThat(sink.tryEmitNext(row(next))).isEqualTo(Sinks.EmitResult.OK);
        emitted.add(next);
        completeAndCheck(table, writer, sink, results, emitted);
    }

    @Test
    void aProducerThatWaitsForRoomWithWhenReadyIsRefusedRarelyAndWritesEveryRow() throws Exception {
        FlussTable table = newTable("producer");
        AppendWriter writer = table.appendWriter();
        FlussSink sink = writer.sink();
        ManualSubscriber<WriteResult<Row>> results = subscribe(sink);
        int rows = 50_000;
        long[] refusals = new long[1];
        // A plain thread, as an imperative producer's would be: it may block.
        Thread producer = new Thread(() -> {
            for (int id = 0; id < rows; id++) {
                while (sink.tryEmitNext(row(id)) == Sinks.EmitResult.FAIL_OVERFLOW) {
                    refusals[0]++;
                    sink.whenReady().block(TIMEOUT);
                }
            }
        });
        producer.start();
        producer.join(TIMEOUT.toMillis());
        assertThat(producer.isAlive()).isFalse();

        // The buffer (64 KiB) holds a few hundred rows: the producer waited often, but never spun.
        assertThat(refusals[0]).isPositive().isLessThan(rows / 10);
        List<Integer> emitted = java.util.stream.IntStream.range(0, rows).boxed().toList();
        completeAndCheck(table, writer, sink, results, emitted);
    }

    @Test
    void aRecordSinkReturnsEachRecordsOwnCorrelationInItsResult() {
        FlussTable table = newTable("records");
        AppendWriter writer = table.appendWriter();
        FlussRecordSink<String> sink = writer.recordSink();
        ManualSubscriber<WriteResult<String>> results = new ManualSubscriber<>(true);
        sink.results().subscribe(results);
        results.request(Long.MAX_VALUE);
        ManualSubscriber<WriteRecord<String>> stored = new ManualSubscriber<>(true);
        sink.asFlux().subscribe(stored);
        stored.request(Long.MAX_VALUE);

        for (int i = 0; i < 100; i++) {
            assertThat(sink.tryEmitNext(WriteRecord.of(row(i), "request-" + i))).isEqualTo(Sinks.EmitResult.OK);
        }
        assertThat(sink.tryEmitComplete()).isEqualTo(Sinks.EmitResult.OK);

        await().atMost(TIMEOUT).until(() -> results.isCompleted() || results.error() != null);
        assertThat(results.error()).isNull();
        assertThat(results.items()).hasSize(100).allMatch(WriteResult::isSuccess);
        assertThat(results.items().stream().map(WriteResult::correlation))
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 100)
                        .mapToObj(i -> "request-" + i).toList());
        await().atMost(TIMEOUT).until(() -> stored.received() == 100);
        assertThat(stored.items()).allSatisfy(record -> assertThat(record.correlation())
                .isEqualTo("request-" + record.row().getInt(0)));
        writer.close().block(TIMEOUT);
    }

    @Test
    void closingTheWriterOfASinkEndsItsResultsAfterTheLastAndRefusesRows() {
        FlussTable table = newTable("closed");
        AppendWriter writer = table.appendWriter(NOTHING_LEAVES_BEFORE_A_FLUSH);
        FlussSink sink = writer.sink();
        ManualSubscriber<WriteResult<Row>> results = subscribe(sink);
        List<Integer> emitted = new ArrayList<>();
        assertThat(emitUntilRefused(sink, emitted, 0, BUFFER_BYTES / rowSize(table)))
                .isEqualTo(Sinks.EmitResult.FAIL_OVERFLOW);
        CompletableFuture<Void> ready = sink.whenReady().toFuture();
        CompletableFuture<Void> waitingEmit = sink.emit(row(emitted.size())).toFuture();

        writer.close().block(TIMEOUT);

        // Every row taken was sent by the close; then the results end with the reason.
        await().atMost(TIMEOUT).until(() -> results.error() != null || results.isCompleted());
        assertThat(results.error()).isInstanceOf(WriterClosedException.class);
        assertThat(results.items()).hasSize(emitted.size()).allMatch(WriteResult::isSuccess);
        assertThat(ready).isCompletedExceptionally();
        assertThat(waitingEmit).isCompletedExceptionally();
        assertThat(sink.tryEmitNext(row(-1))).isEqualTo(Sinks.EmitResult.FAIL_TERMINATED);
        assertThat(sink.whenReady().toFuture()).isCompletedExceptionally();
        List<ScanRecord> stored = table.scan().untilLatest().records().collectList().block(TIMEOUT);
        assertThat(stored).hasSize(emitted.size());
    }

    /**
     * {@code emit} into a full buffer returns at once (it must not hold the caller's thread) and its
     * Mono completes when the writer asks for rows again, even though nothing else is emitted. Here
     * the writer holds two rows of 100 bytes, nothing is acknowledged, and the test frees the space.
     */
    @Test
    void emitIntoAFullBufferReturnsAtOnceAndCompletesWhenTheWriterAsksAgain() {
        WriteBuffer buffer = new WriteBuffer(200);
        UnacknowledgedWriter engine = new UnacknowledgedWriter(buffer, 100);
        FlussSink sink = new DefaultFlussSink(engine, 100);
        assertThat(sink.tryEmitNext(GenericRow.of(0))).isEqualTo(Sinks.EmitResult.OK);
        assertThat(sink.tryEmitNext(GenericRow.of(1))).isEqualTo(Sinks.EmitResult.OK);
        assertThat(sink.tryEmitNext(GenericRow.of(2))).isEqualTo(Sinks.EmitResult.FAIL_OVERFLOW);

        // Called from another thread, so that an emit() that never returns fails this test instead of hanging it.
        CompletableFuture<CompletableFuture<Void>> call = CompletableFuture.supplyAsync(
                () -> sink.emit(GenericRow.of(2)).toFuture());
        CompletableFuture<Void> waiting;
        try {
            await("emit() into a full buffer returns to its caller").atMost(Duration.ofSeconds(10)).until(call::isDone);
            waiting = call.join();
            assertThat(waiting).isNotDone();
            assertThat(engine.taken()).isEqualTo(2);
        } finally {
            // The two rows are acknowledged: the writer asks for more (this also ends an emit() that spins).
            buffer.release(200);
        }

        await("the waiting row is taken").atMost(Duration.ofSeconds(10)).until(waiting::isDone);
        assertThat(waiting).isCompleted();
        assertThat(engine.taken()).isEqualTo(3);
    }

    // ---- helpers ----

    /**
     * Completes the sink, then checks: emitting is refused, each emitted row has exactly one
     * successful result, and the table holds each emitted row exactly once.
     */
    private static void completeAndCheck(FlussTable table, AppendWriter writer, FlussSink sink,
            ManualSubscriber<WriteResult<Row>> results, List<Integer> emitted) {
        assertThat(sink.tryEmitComplete()).isEqualTo(Sinks.EmitResult.OK);
        assertThat(sink.tryEmitNext(row(-1))).isEqualTo(Sinks.EmitResult.FAIL_TERMINATED);
        // Completing sends the open batches at once, without waiting for the linger.
        await().atMost(TIMEOUT).until(() -> results.isCompleted() || results.error() != null);
        writer.close().block(TIMEOUT);

        assertThat(results.error()).isNull();
        assertThat(results.items()).hasSize(emitted.size()).allSatisfy(result -> assertThat(result.isSuccess())
                .as("%s", result).isTrue());
        assertThat(results.items().stream().map(result -> result.correlation().getInt(0)))
                .containsExactlyInAnyOrderElementsOf(emitted);

        List<ScanRecord> stored = table.scan().untilLatest().records().collectList().block(TIMEOUT);
        assertThat(stored.stream().map(record -> record.row().getInt(0))).containsExactlyInAnyOrderElementsOf(emitted);
        await("Arrow memory released").atMost(TIMEOUT).until(() -> db.client().arrowMemoryInUse() == 0);
    }

    /** Emits ids from {@code first} on until the sink refuses one (at most ten buffers' worth). */
    private static Sinks.EmitResult emitUntilRefused(FlussSink sink, List<Integer> emitted, int first, long rowsThatFit) {
        for (int id = first; id < first + 10 * rowsThatFit; id++) {
            Sinks.EmitResult result = sink.tryEmitNext(row(id));
            if (!result.isSuccess()) {
                return result;
            }
            emitted.add(id);
        }
        return Sinks.EmitResult.OK;
    }

    private static ManualSubscriber<WriteResult<Row>> subscribe(FlussSink sink) {
        ManualSubscriber<WriteResult<Row>> results = new ManualSubscriber<>(true);
        sink.results().subscribe(results);
        results.request(Long.MAX_VALUE);
        return results;
    }

    /** Rows of 32 bytes each, a size that divides the buffer (see BackpressureIT for why). */
    private static GenericRow row(int id) {
        return GenericRow.of(id, "p" + (1_000_000 + Math.abs(id) % 1_000_000) + "_fixed_width___");
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
                        .distributedBy(3)
                        .build());
        return db.client().table(path).block(TIMEOUT);
    }

    /** Lets anything that would happen unasked happen; the assertions after it are on state, not time. */
    private static void settle() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
