package io.flussreactive.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.FlussClient;
import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.FlussAdmin;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.spring.boot.autoconfigure.health.FlussHealthContributorAutoConfiguration;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.AppendWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import reactor.core.publisher.Flux;

/** The auto-configured client and health indicator against a real Fluss cluster. */
class FlussAutoConfigurationIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void theAutoConfiguredClientWritesAndReadsARowIsClosedWithTheContextAndHealthFollowsTheCluster() {
        // A cluster of this test's own, not the shared one: the test closes it.
        EmbeddedFlussCluster cluster = EmbeddedFlussCluster.builder().build().start();
        try {
            ApplicationContextRunner runner = new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(
                            FlussAutoConfiguration.class, FlussHealthContributorAutoConfiguration.class))
                    .withPropertyValues("fluss.bootstrap-servers=" + cluster.bootstrapServers(),
                            "fluss.writer.linger=5ms", "fluss.health.timeout=5s");
            AtomicReference<FlussClient> closedWithItsContext = new AtomicReference<>();

            runner.run(context -> {
                FlussClient client = context.getBean(FlussClient.class);
                FlussAdmin admin = context.getBean(FlussAdmin.class);
                TablePath path = TablePath.of("spring_boot", "events");
                admin.createDatabase("spring_boot", DatabaseDescriptor.empty(), true)
                        .then(admin.createTable(path, TableDescriptor.builder()
                                .schema(Schema.newBuilder()
                                        .column("id", DataTypes.INT())
                                        .column("name", DataTypes.STRING())
                                        .build())
                                .distributedBy(1)
                                .build(), true))
                        .block(TIMEOUT);
                FlussTable table = client.table(path).block(TIMEOUT);
                AppendWriter writer = table.appendWriter();
                writer.writeRows(Flux.just(GenericRow.of(1, "alice"))).then().block(TIMEOUT);
                writer.close().block(TIMEOUT);
                List<Row> read = table.scan().untilLatest().records()
                        .map(record -> (Row) GenericRow.copyOf(record.row()))
                        .collectList()
                        .block(TIMEOUT);
                assertThat(read).containsExactly(GenericRow.of(1, "alice"));

                Health health = health(context);
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails())
                        .containsEntry("coordinator", cluster.coordinatorAddress())
                        .containsEntry("tabletServers", 1L);
                closedWithItsContext.set(client);
            });
            // The cluster still runs: only a closed client refuses.
            assertThatThrownBy(() -> closedWithItsContext.get().admin().listDatabases().blockLast(TIMEOUT))
                    .hasMessageContaining("The client is closed");

            runner.withPropertyValues("fluss.health.timeout=3s").run(context -> {
                assertThat(health(context).getStatus()).isEqualTo(Status.UP);
                cluster.close();
                Health health = health(context);
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.getDetails()).containsKey("error");
            });
        } finally {
            cluster.close();
        }
    }

    private static Health health(ApplicationContext context) {
        return context.getBean("flussHealthContributor", ReactiveHealthIndicator.class).health().block(TIMEOUT);
    }
}
