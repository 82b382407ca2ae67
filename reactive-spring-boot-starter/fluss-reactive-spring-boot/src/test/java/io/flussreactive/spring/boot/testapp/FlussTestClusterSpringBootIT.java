package io.flussreactive.spring.boot.testapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.FlussClient;
import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.FlussAdmin;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussTestCluster;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.UpsertWriter;
import io.flussreactive.write.WriteResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import reactor.core.publisher.Flux;

/**
 * A Spring Boot test with {@link FlussTestCluster}: the starter's client connects to the embedded cluster
 * with no configuration of the test's own.
 */
@SpringBootTest(properties = "fluss.writer.linger=5ms")
@FlussTestCluster
class FlussTestClusterSpringBootIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Autowired
    FlussClient client;

    @Autowired
    FlussAdmin admin;

    @Autowired
    EmbeddedFlussCluster cluster;

    @Autowired
    @Qualifier("flussHealthContributor")
    ReactiveHealthIndicator health;

    @Test
    void theAutoConfiguredClientWritesScansAndLooksUpRowsOfTheEmbeddedCluster() {
        assertThat(String.join(",", client.options().bootstrapServers())).isEqualTo(cluster.bootstrapServers());
        TablePath path = TablePath.of("spring_boot_test", "customers");
        admin.createDatabase(path.databaseName(), DatabaseDescriptor.empty(), true)
                .then(admin.createTable(path, TableDescriptor.builder()
                        .schema(Schema.newBuilder()
                                .column("id", DataTypes.INT())
                                .column("name", DataTypes.STRING())
                                .primaryKey("id")
                                .build())
                        .distributedBy(2)
                        .build(), false))
                .block(TIMEOUT);
        FlussTable table = client.table(path).block(TIMEOUT);

        UpsertWriter writer = table.upsertWriter();
        List<WriteResult<Row>> results = writer
                .writeRows(Flux.just(GenericRow.of(1, "alice"), GenericRow.of(2, "bob"), GenericRow.of(3, "carol")))
                .collectList()
                .block(TIMEOUT);
        writer.close().block(TIMEOUT);
        assertThat(results).hasSize(3).allSatisfy(result -> assertThat(result.isSuccess()).isTrue());

        List<Row> scanned = table.scan().untilLatest().records()
                .map(record -> (Row) GenericRow.copyOf(record.row()))
                .collectList()
                .block(TIMEOUT);
        assertThat(scanned).containsExactlyInAnyOrder(
                GenericRow.of(1, "alice"), GenericRow.of(2, "bob"), GenericRow.of(3, "carol"));

        Row bob = table.lookuper().lookup(GenericRow.of(2)).map(GenericRow::copyOf).block(TIMEOUT);
        assertThat(bob).isEqualTo(GenericRow.of(2, "bob"));
        assertThat(table.lookuper().lookup(GenericRow.of(4)).blockOptional(TIMEOUT)).isEmpty();
    }

    @Test
    void theHealthIndicatorReportsTheEmbeddedClusterUp() {
        Health report = health.health().block(TIMEOUT);
        assertThat(report.getStatus()).isEqualTo(Status.UP);
        assertThat(report.getDetails()).containsEntry("coordinator", cluster.coordinatorAddress());
    }
}
