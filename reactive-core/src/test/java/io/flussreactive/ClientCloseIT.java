package io.flussreactive;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.error.NetworkException;
import io.flussreactive.row.GenericRow;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.UpsertWriter;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import io.flussreactive.write.WriterOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** What closing a client does to the writers made from it, and to calls made after. */
@ExtendWith(FlussClusterExtension.class)
class ClientCloseIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("client_close");

    /** Batches would wait this long for more rows, even with nothing in flight, so only a close sends them. */
    private static final WriterOptions LINGERING = WriterOptions.builder()
            .batchLinger(Duration.ofHours(1))
            .lingerOnlyWhenBusy(false)
            .build();

    @Test
    void closingTheClientSendsWhatItsOpenWritersHoldAndWaitsForTheAcknowledgements() {
        TablePath log = db.createTable("log", TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.INT()).column("name", DataTypes.STRING()).build())
                .distributedBy(2)
                .build());
        TablePath keyed = db.createTable("keyed", TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.INT())
                        .column("name", DataTypes.STRING())
                        .primaryKey("id")
                        .build())
                .distributedBy(2)
                .build());
        FlussClient client = TestClients.client(db.cluster());
        AppendWriter appender = client.table(log).block(TIMEOUT).appendWriter(LINGERING);
        UpsertWriter upserter = client.table(keyed).block(TIMEOUT).upsertWriter(LINGERING);
        List<WriteResult<Integer>> results = new CopyOnWriteArrayList<>();
        // Streams that never end, so the writers are not told to send: only the close does.
        Disposable appending = appender.write(rows(0, 300)).subscribe(results::add);
        Disposable upserting = upserter.write(rows(1_000, 200)).subscribe(results::add);
        try {
            assertThat(client.openWriters().count()).isEqualTo(2);
            awaitReserved(client);
            assertThat(results).isEmpty();

            client.close().block(TIMEOUT);

            // The results reach their streams on a thread of their own, right after the acknowledgements.
            await().atMost(TIMEOUT).until(() -> results.size() >= 500);
            assertThat(results).hasSize(500).allMatch(WriteResult::isSuccess);
            assertThat(client.openWriters().count()).isZero();
            assertThat(client.writeBuffer().reserved()).isZero();
            assertThat(client.arrowMemoryInUse()).isZero();
        } finally {
            appending.dispose();
            upserting.dispose();
            client.close().block(TIMEOUT);
        }
        assertThat(db.table("log").scan().untilLatest().records().count().block(TIMEOUT)).isEqualTo(300);
        assertThat(db.table("keyed").lookuper().lookup(GenericRow.of(1_199)).block(TIMEOUT).getString(1))
                .isEqualTo("n1199");
    }

    @Test
    void aClosedClientMakesNoWritersAndAWriterClosedByItsUserLeavesTheClient() {
        TablePath path = db.createTable("refused", TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.INT()).build())
                .build());
        FlussClient client = TestClients.client(db.cluster());
        FlussTable table = client.table(path).block(TIMEOUT);
        AppendWriter writer = table.appendWriter();
        writer.writeRows(Flux.just(GenericRow.of(1))).then().block(TIMEOUT);
        writer.close().block(TIMEOUT);
        assertThat(client.openWriters().count()).isZero();

        client.close().block(TIMEOUT);

        assertThatThrownBy(table::appendWriter)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("client is closed")
                .hasMessageContaining(path.toString());
        assertThat(client.arrowMemoryInUse()).isZero();
    }

    @Test
    void aClosedClientFailsEveryCallWithARetriableNetworkExceptionAndClosesAgainAtOnce() {
        FlussClient client = TestClients.client(db.cluster());
        StepVerifier.create(client.admin().listDatabases())
                .expectNextCount(1)
                .thenConsumeWhile(database -> true)
                .expectComplete()
                .verify(TIMEOUT);

        StepVerifier.create(client.close()).expectComplete().verify(TIMEOUT);

        StepVerifier.create(client.admin().listDatabases())
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(NetworkException.class)
                        .hasMessageContaining("The client is closed")
                        .satisfies(e -> assertThat(((NetworkException) e).isRetriable()).isTrue()))
                .verify(TIMEOUT);
        StepVerifier.create(client.table(db.path("any")))
                .expectError()
                .verify(TIMEOUT);
        StepVerifier.create(client.close()).expectComplete().verify(TIMEOUT);
    }

    private static Flux<WriteRecord<Integer>> rows(int first, int count) {
        return Flux.range(first, count)
                .map(id -> WriteRecord.of(GenericRow.of(id, "n" + id), id))
                .concatWith(Flux.never());
    }

    /** Waits until the writers have taken every row (they reserve write-buffer bytes for them). */
    private static void awaitReserved(FlussClient client) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (client.writeBuffer().reserved() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(client.writeBuffer().reserved()).isPositive();
    }
}
