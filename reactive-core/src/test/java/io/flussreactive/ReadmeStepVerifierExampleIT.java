package io.flussreactive;

import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.row.GenericRow;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.UpsertWriter;
import io.flussreactive.write.WriteResult;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * README.md shows this class, from the line after the next comment to its end, in "Testing your pipeline
 * with StepVerifier"; ReadmeExampleTest fails when the two differ.
 */
// README.md shows what follows.
@ExtendWith(FlussClusterExtension.class)
class ReadmeStepVerifierExampleIT {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static FlussClient client;
    static FlussTable orders;

    @BeforeAll
    static void createTable(EmbeddedFlussCluster cluster) {
        client = FlussClient.create(cluster.bootstrapServers());
        TablePath path = TablePath.of("readme_shop", "orders");
        orders = client.admin().createDatabase("readme_shop", DatabaseDescriptor.empty(), true)
                .then(client.admin().createTable(path, TableDescriptor.builder()
                        .schema(Schema.newBuilder()
                                .column("order_id", DataTypes.BIGINT())
                                .column("amount", DataTypes.INT())
                                .primaryKey("order_id")
                                .build())
                        .distributedBy(3)
                        .build(), true))
                .then(client.table(path))
                .block(TIMEOUT);
    }

    @AfterAll
    static void closeClient() {
        client.close().block(TIMEOUT);
    }

    @Test
    void writeScanLookUp() {
        // A write's results: one per row, then completion.
        UpsertWriter writer = orders.upsertWriter();
        StepVerifier.create(writer.writeRows(Flux.range(1, 3).map(i -> GenericRow.of((long) i, i * 10))))
                .expectNextMatches(WriteResult::isSuccess)
                .expectNextMatches(WriteResult::isSuccess)
                .expectNextMatches(WriteResult::isSuccess)
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(writer.close()).expectComplete().verify(TIMEOUT);

        // A bounded scan: exactly the rows stored, then completion.
        StepVerifier.create(orders.scan().untilLatest().records())
                .expectNextCount(3)
                .expectComplete()
                .verify(TIMEOUT);

        // Lookups: the row of a key; nothing, and completion, for a key without one.
        StepVerifier.create(orders.lookuper().lookup(GenericRow.of(2L)).map(row -> row.getInt(1)))
                .expectNext(20)
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(orders.lookuper().lookup(GenericRow.of(99L)))
                .expectComplete()
                .verify(TIMEOUT);

        // Demand and cancellation: a tailing scan delivers what is asked for and no more, until cancelled.
        StepVerifier.create(orders.scan().records(), 0)
                .expectSubscription()
                .thenRequest(1)
                .expectNextCount(1)
                .expectNoEvent(Duration.ofMillis(300))
                .thenRequest(2)
                .expectNextCount(2)
                .thenCancel()
                .verify(TIMEOUT);
    }
}
