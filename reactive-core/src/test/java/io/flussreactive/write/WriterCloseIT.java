package io.flussreactive.write;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flussreactive.EndlessWrites;
import io.flussreactive.EndlessWrites.EndlessWrite;
import io.flussreactive.FlussClient;
import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;

/**
 * Closing a writer, or the client it came from, while {@code write(...)} streams run: demand stops at
 * once, every row taken is acknowledged or failed, every row handed over and not taken is discarded,
 * and the results end with {@link WriterClosedException} after the last result. Cancelling a write
 * stream likewise takes nothing more and writes what it took.
 */
@ExtendWith(FlussClusterExtension.class)
class WriterCloseIT {

    /**
     * The most rows handed over and not taken when a write stream stops: the writer's request chunk, plus
     * what a {@code publishOn} producer had queued (discarded when cancelled).
     */
    private static final int MOST_DISCARDED = DemandProbe.writeRequestChunk() + Queues.SMALL_BUFFER_SIZE;

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("writer_close");

    @RegisterExtension
    final EndlessWrites endless = new EndlessWrites();

    @Test
    void closingAWriterWhileAnEndlessWriteRunsStopsTakingRowsAndEndsItsResults() {
        FlussTable table = db.table(newTable("writer").tableName());
        AppendWriter writer = table.appendWriter();

        // A synchronous producer, subscribed on a thread of its own: it emits inside subscribe() for as long
        // as the buffer has room, which, with a server that keeps up, is for ever.
        EndlessWrite write =
                endless.start(writer, WriterCloseIT::row, rows -> rows.subscribeOn(Schedulers.boundedElastic()));
        write.awaitResults(20_000);

        writer.close().block(TIMEOUT);

        assertEndedByTheClose(write);
        assertThat(storedRows(table)).isEqualTo(write.succeeded.get());
        assertThat(db.client().writeBuffer().reserved()).isZero();
    }

    @Test
    void closingTheClientWhileAnEndlessWriteRunsStopsTakingRowsAndEndsItsResults() {
        TablePath path = newTable("client");
        FlussClient client = TestClients.client(db.cluster());
        try {
            AppendWriter writer = client.table(path).block(TIMEOUT).appendWriter();
            // The producer on a thread of its own, as a real source would be.
            EndlessWrite write =
                    endless.start(writer, WriterCloseIT::row, rows -> rows.publishOn(Schedulers.parallel()));
            write.awaitResults(20_000);

            client.close().block(TIMEOUT);

            assertEndedByTheClose(write);
            assertThat(client.writeBuffer().reserved()).isZero();
            assertThat(client.arrowMemoryInUse()).isZero();
            assertThat(storedRows(db.table(path.tableName()))).isEqualTo(write.succeeded.get());
        } finally {
            client.close().block(TIMEOUT);
        }
    }

    @Test
    void aWriteToAClosedWriterFailsAtOnceWithoutAskingItsUpstreamForAnything() {
        FlussTable table = db.table(newTable("closed").tableName());
        AppendWriter writer = table.appendWriter();
        writer.close().block(TIMEOUT);
        AtomicLong emitted = new AtomicLong();
        AtomicLong subscribed = new AtomicLong();

        Flux<WriteResult<Integer>> results = writer.write(Flux.range(0, 3_000_000)
                .doOnSubscribe(s -> subscribed.incrementAndGet())
                .doOnNext(i -> emitted.incrementAndGet())
                .map(i -> WriteRecord.of(GenericRow.of(i, "row " + i), i)));

        AtomicReference<Throwable> error = new AtomicReference<>();
        Long count = results.doOnError(error::set).onErrorResume(e -> Mono.empty()).count().block(TIMEOUT);
        assertThat(count).isZero();
        assertThat(error.get()).isInstanceOf(WriterClosedException.class).hasMessageContaining(table.path().toString());
        assertThat(emitted).hasValue(0);
        assertThat(subscribed).hasValue(0);
        // A sink of a closed writer refuses rows as terminated.
        assertThat(writer.sink().tryEmitNext(GenericRow.of(1, "x")).isFailure()).isTrue();
    }

    @Test
    void aWriteWhoseUpstreamCompletedEndsNormallyWhenTheWriterClosesAfterTakingEverything() {
        FlussTable table = db.table(newTable("completed").tableName());
        AppendWriter writer = table.appendWriter();
        AtomicLong emitted = new AtomicLong();
        // No results are asked for until the close: the rows are all taken before it, their results wait.
        ManualSubscriber<WriteResult<Integer>> reader = new ManualSubscriber<>(false);
        writer.write(Flux.range(0, 1_000)
                        .doOnNext(i -> emitted.incrementAndGet())
                        .map(i -> WriteRecord.of(GenericRow.of(i, "row " + i), i)))
                .subscribe(reader);
        await().atMost(TIMEOUT).until(() -> emitted.get() == 1_000);

        writer.close().block(TIMEOUT);
        reader.request(Long.MAX_VALUE);

        await().atMost(TIMEOUT).until(() -> reader.isCompleted() || reader.error() != null);
        assertThat(reader.error()).isNull();
        assertThat(reader.received()).isEqualTo(1_000);
        assertThat(storedRows(table)).isEqualTo(1_000);
    }

    @Test
    void disposingARunningWriteTakesNoRowAfterwardsAndWritesEveryRowTakenBefore() {
        FlussTable table = db.table(newTable("disposed").tableName());
        AppendWriter writer = table.appendWriter();
        EndlessWrite write = endless.start(writer, WriterCloseIT::row);
        write.awaitResults(20_000);

        write.subscription.dispose();
        await().atMost(TIMEOUT).until(() -> write.emittedAtCancel.get() >= 0);

        // Rows handed over after the cancel were discarded, not taken: the table holds exactly the others.
        // (A row being taken as the cancel came may reach its batch after a flush started: flush again.)
        await().atMost(TIMEOUT).untilAsserted(() -> {
            writer.flush().block(TIMEOUT);
            long stored = storedRows(table);
            assertThat(stored + write.discardedByTheWriter())
                    .as("stored %d + discarded by the writer %d against handed over %d", stored,
                            write.discardedByTheWriter(), write.handedOver.get())
                    .isEqualTo(write.handedOver.get());
        });
        write.assertUpstreamStopped();
        assertThat(write.discarded.get()).isLessThanOrEqualTo(MOST_DISCARDED);
        assertThat(write.failed).hasValue(0);
        assertThat(write.error.get()).isNull();
        writer.close().block(TIMEOUT);
        assertThat(db.client().writeBuffer().reserved()).isZero();
    }

    /**
     * The results end soon after the close, with the reason; upstream stopped; every row handed over was
     * acknowledged or discarded untaken, and what was discarded is at most what the writer had asked for
     * and what a publishOn upstream had queued: the close drained nothing more.
     */
    private static void assertEndedByTheClose(EndlessWrite write) {
        await().atMost(TIMEOUT).until(() -> write.error.get() != null || write.completed.get());
        assertThat(write.error.get()).isInstanceOf(WriterClosedException.class);
        assertThat(write.completed.get()).isFalse();
        assertThat(write.subscription.isDisposed()).isTrue();
        write.assertUpstreamStopped();
        assertThat(write.failed).hasValue(0);
        write.assertEveryRowAccountedFor();
        assertThat(write.discarded.get()).isLessThanOrEqualTo(MOST_DISCARDED);
    }

    private static Row row(int i) {
        return GenericRow.of(i, "row " + i);
    }

    private static TablePath newTable(String name) {
        return db.createTable(name, TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.INT()).column("name", DataTypes.STRING()).build())
                .distributedBy(2)
                .build());
    }

    private static long storedRows(FlussTable table) {
        return table.scan().untilLatest().batches()
                .map(batch -> {
                    try (batch) {
                        return (long) batch.rowCount();
                    }
                })
                .reduce(0L, Long::sum)
                .block(TIMEOUT);
    }
}
