package io.flussreactive.write;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flussreactive.FlussClientOptions;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.row.GenericRow;
import io.flussreactive.table.FlussTable;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

/**
 * The signals between {@code write(publisher)}, an upstream the test controls ({@link TestPublisher}, which
 * fails a test when it is asked for less than it emits) and the results' subscriber: demand that follows
 * the write buffer, cancellation passed upstream, an upstream error after the results of what was taken,
 * a closed writer that never subscribes.
 */
@ExtendWith(FlussClusterExtension.class)
class WriteSignalsIT {

    private static final long BUFFER_BYTES = 256 * 1024;
    /**
     * Batches larger than the buffer and a long linger, waited also by a batch whose bucket has nothing in
     * flight: nothing is sent before a flush.
     */
    private static final WriterOptions NOTHING_LEAVES_BEFORE_A_FLUSH = WriterOptions.builder()
            .batchSizeBytes((int) BUFFER_BYTES * 2)
            .maxRequestSizeBytes((int) BUFFER_BYTES * 2)
            .batchLinger(Duration.ofSeconds(30))
            .lingerOnlyWhenBusy(false)
            .build();
    /** How long nothing may happen for a test to conclude that nothing will. */
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("write_signals")
            .withClientOptions(() -> FlussClientOptions.builder().writeBufferBytes(BUFFER_BYTES));

    private static final AtomicInteger NEXT_TABLE = new AtomicInteger();

    @AfterEach
    void everyReservationIsGivenBack() {
        await().atMost(TIMEOUT).until(() -> db.client().writeBuffer().reserved() == 0);
    }

    @Test
    void aFullBufferAsksUpstreamForNothingMoreUntilAcknowledgementsFreeIt() {
        AppendWriter writer = newTable().appendWriter(NOTHING_LEAVES_BEFORE_A_FLUSH);
        TestPublisher<WriteRecord<Integer>> upstream = TestPublisher.create();
        Emitter emitter = new Emitter(upstream);

        StepVerifier.create(writer.write(emitter.records()))
                .expectSubscription()
                .then(emitter::emitWhileAsked)
                // Full: whatever was asked for arrived, nothing more is asked, nothing is sent.
                .then(() -> assertThat(db.client().writeBuffer().reserved())
                        .isGreaterThan(BUFFER_BYTES * 9 / 10))
                .then(() -> upstream.assertMaxRequested(0))
                .expectNoEvent(QUIET)
                .then(() -> upstream.assertMaxRequested(0))
                // Acknowledgements free the buffer: the writer asks again, by the time the flush completes.
                .then(() -> writer.flush().block(TIMEOUT))
                .then(() -> upstream.assertMinRequested(1))
                .then(upstream::complete)
                .recordWith(ArrayList::new)
                .thenConsumeWhile(WriteResult::isSuccess)
                .consumeRecordedWith(results -> assertThat(results).hasSize(emitter.emitted()))
                .expectComplete()
                .verify(TIMEOUT);
        writer.close().block(TIMEOUT);
    }

    @Test
    void resultsAskedForOneAtATimeArriveOneAtATime() {
        AppendWriter writer = newTable().appendWriter(WriterOptions.builder().batchLinger(Duration.ofMillis(5)).build());
        TestPublisher<WriteRecord<Integer>> upstream = TestPublisher.create();

        StepVerifier.create(writer.write(upstream), 0)
                .then(() -> upstream.next(record(0), record(1), record(2)))
                // Three rows taken and written, but no result asked for.
                .expectNoEvent(QUIET)
                .thenRequest(1)
                .assertNext(result -> assertThat(result.isSuccess()).isTrue())
                .expectNoEvent(QUIET)
                .thenRequest(2)
                .expectNextCount(2)
                .then(upstream::complete)
                .expectComplete()
                .verify(TIMEOUT);
        writer.close().block(TIMEOUT);
    }

    @Test
    void cancellingTheResultsCancelsUpstream() {
        AppendWriter writer = newTable().appendWriter(WriterOptions.builder().batchLinger(Duration.ofMillis(5)).build());
        TestPublisher<WriteRecord<Integer>> upstream = TestPublisher.create();

        StepVerifier.create(writer.write(upstream))
                .then(() -> upstream.next(record(0)))
                .assertNext(result -> assertThat(result.correlation()).isZero())
                .thenCancel()
                .verify(TIMEOUT);

        upstream.assertWasCancelled();
        upstream.assertNoSubscribers();
        writer.close().block(TIMEOUT);
    }

    @Test
    void anUpstreamErrorFailsTheWriteAfterTheResultsOfTheRowsTakenBeforeIt() {
        AppendWriter writer = newTable().appendWriter(WriterOptions.builder().batchLinger(Duration.ofMillis(200)).build());
        TestPublisher<WriteRecord<Integer>> upstream = TestPublisher.create();
        IllegalStateException sourceBroke = new IllegalStateException("the source broke");

        StepVerifier.create(writer.write(upstream))
                .then(() -> upstream.next(record(0), record(1), record(2)))
                // Taken, not yet sent: the error must not overtake their results.
                .then(() -> upstream.error(sourceBroke))
                .expectNextMatches(result -> result.isSuccess())
                .expectNextMatches(result -> result.isSuccess())
                .expectNextMatches(result -> result.isSuccess())
                .expectErrorSatisfies(error -> assertThat(error).isSameAs(sourceBroke))
                .verify(TIMEOUT);
        writer.close().block(TIMEOUT);
    }

    @Test
    void closingTheWriterDuringAWriteCancelsUpstreamAndEndsTheResultsWithWriterClosedException() {
        FlussTable table = newTable();
        AppendWriter writer = table.appendWriter(NOTHING_LEAVES_BEFORE_A_FLUSH);
        TestPublisher<WriteRecord<Integer>> upstream = TestPublisher.create();

        StepVerifier.create(writer.write(upstream))
                .then(() -> upstream.next(record(0), record(1)))
                .then(() -> writer.close().subscribe())
                // The rows taken are still sent on the close, and their results come first.
                .expectNextCount(2)
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WriterClosedException.class)
                        .hasMessageContaining(table.path().toString()))
                .verify(TIMEOUT);
        upstream.assertWasCancelled();
    }

    @Test
    void aWriteToAClosedWriterFailsWithoutSubscribingToUpstream() {
        FlussTable table = newTable();
        AppendWriter writer = table.appendWriter();
        writer.close().block(TIMEOUT);
        TestPublisher<WriteRecord<Integer>> upstream = TestPublisher.create();

        StepVerifier.create(writer.write(upstream))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WriterClosedException.class)
                        .hasMessageContaining(table.path().toString()))
                .verify(TIMEOUT);
        assertThat(upstream.wasSubscribed()).isFalse();
    }

    @Test
    void aRowOfTheWrongWidthFailsOnlyItsOwnResult() {
        AppendWriter writer = newTable().appendWriter(WriterOptions.builder().batchLinger(Duration.ofMillis(5)).build());

        StepVerifier.create(writer.write(Flux.just(
                        record(0), WriteRecord.of(GenericRow.of(1), 1), record(2))))
                .recordWith(ArrayList::new)
                .expectNextCount(3)
                .consumeRecordedWith(results -> assertThat(results)
                        .anySatisfy(result -> {
                            assertThat(result.correlation()).isEqualTo(1);
                            assertThat(result.error()).isInstanceOf(IllegalArgumentException.class);
                        })
                        .filteredOn(WriteResult::isSuccess)
                        .extracting(WriteResult::correlation)
                        .containsExactlyInAnyOrder(0, 2))
                .expectComplete()
                .verify(TIMEOUT);
        // The writer goes on, but its close reports that a row failed since the last flush.
        StepVerifier.create(writer.close())
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WriteFailedException.class)
                        .hasMessageContaining("The row has 1 values but the table has 2 columns"))
                .verify(TIMEOUT);
    }

    private static WriteRecord<Integer> record(int i) {
        return WriteRecord.of(GenericRow.of(i, "row-" + i + "_with_a_payload_of_some_length"), i);
    }

    private static FlussTable newTable() {
        return db.client().table(db.createTable("t" + NEXT_TABLE.incrementAndGet(), TableDescriptor.builder()
                        .schema(Schema.newBuilder()
                                .column("id", DataTypes.INT())
                                .column("payload", DataTypes.STRING())
                                .build())
                        .distributedBy(2)
                        .build()))
                .block(TIMEOUT);
    }

    /**
     * Emits rows exactly as far as they are asked for ({@link TestPublisher#create()} fails the test on
     * anything more) until the writer stops asking.
     */
    private static final class Emitter {

        private final TestPublisher<WriteRecord<Integer>> upstream;
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger emitted = new AtomicInteger();

        Emitter(TestPublisher<WriteRecord<Integer>> upstream) {
            this.upstream = upstream;
        }

        /** What the writer subscribes to: the test publisher, its demand counted. */
        Flux<WriteRecord<Integer>> records() {
            return upstream.flux().doOnRequest(requested::addAndGet);
        }

        /** Emits what was asked for, until nothing more is asked for a while. */
        void emitWhileAsked() {
            long requestedBefore;
            do {
                requestedBefore = requested.get();
                while (emitted.get() < requested.get()) {
                    // Records are taken on the emitting thread, which also asks for the next ones.
                    upstream.next(record(emitted.getAndIncrement()));
                }
                await().pollDelay(QUIET).atMost(TIMEOUT).until(() -> true);
            } while (requested.get() != requestedBefore || emitted.get() < requested.get());
        }

        int emitted() {
            return emitted.get();
        }
    }
}
