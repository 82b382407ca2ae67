package io.flussreactive.lookup;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.table.FlussTable;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.UpsertWriter;
import io.flussreactive.write.WriteResult;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

/**
 * The signals of lookups, stated with StepVerifier: a key with a row gives it and completes, a missing key
 * completes empty, a key of the wrong shape fails before anything is sent, {@code lookupAll} answers in
 * the order of its keys, takes no more keys than it may look up at once, and cancelling it cancels its
 * keys' publisher.
 */
@ExtendWith(FlussClusterExtension.class)
class LookupSignalsIT {

    private static final int ROWS = 100;
    /** How long nothing may happen for a test to conclude that nothing will. */
    private static final Duration QUIET = Duration.ofMillis(300);

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("lookup_signals");

    private static FlussTable table;

    @BeforeAll
    static void createTable() {
        table = db.client().table(db.createTable("users", TableDescriptor.builder()
                        .schema(Schema.newBuilder()
                                .column("id", DataTypes.INT())
                                .column("name", DataTypes.STRING())
                                .primaryKey("id")
                                .build())
                        .distributedBy(3)
                        .build()))
                .block(TIMEOUT);
        UpsertWriter writer = table.upsertWriter();
        StepVerifier.create(writer.writeRows(Flux.range(0, ROWS).map(i -> GenericRow.of(i, "user-" + i))))
                .thenConsumeWhile(WriteResult::isSuccess)
                .expectComplete()
                .verify(TIMEOUT);
        writer.close().block(TIMEOUT);
    }

    @Test
    void aKeyWithARowGivesItAndCompletes() {
        StepVerifier.create(table.lookuper().lookup(GenericRow.of(42)).map(GenericRow::copyOf))
                .expectNext(GenericRow.of(42, "user-42"))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void aMissingKeyCompletesEmpty() {
        StepVerifier.create(table.lookuper().lookup(GenericRow.of(ROWS + 1)))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void aKeyOfTheWrongShapeFailsWithIllegalArgumentException() {
        StepVerifier.create(table.lookuper().lookup(GenericRow.of("42")))
                .expectError(IllegalArgumentException.class)
                .verify(TIMEOUT);
        StepVerifier.create(table.lookuper().lookup(GenericRow.of(42, "user-42")))
                .expectError(IllegalArgumentException.class)
                .verify(TIMEOUT);
    }

    @Test
    void lookupAllAnswersEveryKeyInTheOrderOfTheKeysMissingOnesIncluded() {
        StepVerifier.create(table.lookuper().lookupAll(Flux.just(GenericRow.of(7), GenericRow.of(ROWS + 5),
                        GenericRow.of(3))))
                .assertNext(result -> assertThat(result.value().map(GenericRow::copyOf))
                        .contains(GenericRow.of(7, "user-7")))
                .assertNext(result -> {
                    assertThat(result.found()).isFalse();
                    assertThat(result.key()).isEqualTo(GenericRow.of(ROWS + 5));
                })
                .assertNext(result -> assertThat(result.value().map(GenericRow::copyOf))
                        .contains(GenericRow.of(3, "user-3")))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void lookupAllTakesNoMoreKeysThanItLooksUpAtOnceAndCancellingItCancelsTheKeys() {
        int concurrency = 4;
        Lookuper lookuper = table.lookuper(LookupOptions.builder().lookupAllConcurrency(concurrency).build());
        TestPublisher<Row> keys = TestPublisher.create();

        StepVerifier.create(lookuper.lookupAll(keys), 0)
                .expectSubscription()
                .then(() -> keys.assertMaxRequested(concurrency))
                .then(() -> keys.next(GenericRow.of(1), GenericRow.of(2)))
                .expectNoEvent(QUIET)
                .thenRequest(2)
                .assertNext(result -> assertThat(result.value().map(GenericRow::copyOf))
                        .contains(GenericRow.of(1, "user-1")))
                .assertNext(result -> assertThat(result.value().map(GenericRow::copyOf))
                        .contains(GenericRow.of(2, "user-2")))
                .thenCancel()
                .verify(TIMEOUT);

        keys.assertWasCancelled();
    }

    @Test
    void aLookuperMadeWithoutOptionsTakesTheClientsLookupDefaults(EmbeddedFlussCluster cluster) {
        int concurrency = 3;
        FlussClient client = TestClients.client(cluster, FlussClientOptions.builder()
                .lookupDefaults(LookupOptions.builder().lookupAllConcurrency(concurrency).build()));
        try {
            Lookuper lookuper = client.table(table.path()).block(TIMEOUT).lookuper();
            TestPublisher<Row> keys = TestPublisher.create();

            StepVerifier.create(lookuper.lookupAll(keys), 0)
                    .expectSubscription()
                    // The client's default would be 256.
                    .then(() -> keys.assertMaxRequested(concurrency))
                    .thenCancel()
                    .verify(TIMEOUT);
        } finally {
            client.close().block(TIMEOUT);
        }
    }
}
