package io.flussreactive.write;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.TestDatabase;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.row.GenericRow;
import io.flussreactive.table.FlussTable;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * The signals of a {@link FlussSink}, stated with StepVerifier: a row's {@code emit} completes once the
 * row is taken, the results end after the last row's when the sink completes, and with
 * {@link WriterClosedException} when its writer closes, after which the sink refuses rows as terminated.
 */
@ExtendWith(FlussClusterExtension.class)
class FlussSinkSignalsIT {

    /**
     * Batches would wait this long for more rows, even with nothing in flight: only completing the sink or
     * closing the writer sends them.
     */
    private static final WriterOptions LINGERING = WriterOptions.builder()
            .batchLinger(Duration.ofHours(1))
            .lingerOnlyWhenBusy(false)
            .build();

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("sink_signals");

    private static final AtomicInteger NEXT_TABLE = new AtomicInteger();

    @Test
    void completingTheSinkSendsWhatItHoldsAndEndsTheResultsAfterTheLastRowsResult() {
        AppendWriter writer = newTable().appendWriter(LINGERING);
        FlussSink sink = writer.sink();

        StepVerifier.create(sink.results())
                .then(() -> StepVerifier.create(sink.emit(GenericRow.of(1, "one"))).expectComplete().verify(TIMEOUT))
                .then(() -> assertThat(sink.tryEmitNext(GenericRow.of(2, "two"))).isEqualTo(Sinks.EmitResult.OK))
                // Taken and held for an hour's linger: nothing to report yet.
                .expectNoEvent(Duration.ofMillis(300))
                .then(() -> assertThat(sink.tryEmitComplete()).isEqualTo(Sinks.EmitResult.OK))
                .expectNextMatches(WriteResult::isSuccess)
                .expectNextMatches(WriteResult::isSuccess)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(sink.tryEmitNext(GenericRow.of(3, "three"))).isEqualTo(Sinks.EmitResult.FAIL_TERMINATED);
        writer.close().block(TIMEOUT);
    }

    @Test
    void closingTheWriterEndsTheResultsWithWriterClosedExceptionAfterTheResultsOfTheRowsTaken() {
        AppendWriter writer = newTable().appendWriter(LINGERING);
        FlussSink sink = writer.sink();

        StepVerifier.create(sink.results())
                .then(() -> assertThat(sink.tryEmitNext(GenericRow.of(1, "one"))).isEqualTo(Sinks.EmitResult.OK))
                .then(() -> writer.close().subscribe())
                .expectNextMatches(WriteResult::isSuccess)
                .expectError(WriterClosedException.class)
                .verify(TIMEOUT);
        assertThat(sink.tryEmitNext(GenericRow.of(2, "two"))).isEqualTo(Sinks.EmitResult.FAIL_TERMINATED);
    }

    private static FlussTable newTable() {
        return db.table(db.createTable("t" + NEXT_TABLE.incrementAndGet(), TableDescriptor.builder()
                        .schema(Schema.newBuilder()
                                .column("id", DataTypes.INT())
                                .column("name", DataTypes.STRING())
                                .build())
                        .distributedBy(1)
                        .build())
                .tableName());
    }
}
