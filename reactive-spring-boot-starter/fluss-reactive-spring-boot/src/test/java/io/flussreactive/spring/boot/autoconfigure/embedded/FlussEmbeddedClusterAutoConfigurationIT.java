package io.flussreactive.spring.boot.autoconfigure.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.FlussClient;
import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.FlussAdmin;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.row.GenericRow;
import io.flussreactive.spring.boot.autoconfigure.FlussAutoConfiguration;
import io.flussreactive.spring.boot.autoconfigure.FlussConnectionDetails;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.WriteResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/** Development services: the embedded cluster that {@code fluss.embedded.enabled} starts, used and stopped. */
@ExtendWith(OutputCaptureExtension.class)
class FlussEmbeddedClusterAutoConfigurationIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    FlussEmbeddedClusterAutoConfiguration.class, FlussAutoConfiguration.class))
            // Where nothing listens: the client must not use it while the embedded cluster runs.
            .withPropertyValues("fluss.embedded.enabled=true", "fluss.bootstrap-servers=127.0.0.1:1");

    @Test
    void theClientTalksToTheEmbeddedClusterWhichStopsWithTheContext(CapturedOutput output) {
        AtomicReference<EmbeddedFlussCluster> started = new AtomicReference<>();
        runner.withPropertyValues("fluss.embedded.tablet-servers=2").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(EmbeddedFlussCluster.class);
            EmbeddedFlussCluster cluster = context.getBean(EmbeddedFlussCluster.class);
            started.set(cluster);
            assertThat(cluster.isRunning()).isTrue();
            assertThat(cluster.tabletServerIds()).containsExactly(0, 1);
            List<String> servers = List.of(cluster.bootstrapServers().split(","));
            assertThat(context.getBean(FlussConnectionDetails.class).getBootstrapServers()).isEqualTo(servers);
            FlussClient client = context.getBean(FlussClient.class);
            assertThat(client.options().bootstrapServers()).isEqualTo(servers);

            FlussAdmin admin = context.getBean(FlussAdmin.class);
            admin.createDatabase("dev_services", DatabaseDescriptor.empty(), false).block(TIMEOUT);
            assertThat(admin.listDatabases().collectList().block(TIMEOUT)).contains("dev_services");
            assertThat(output).contains("Started an embedded Fluss cluster with 2 tablet server(s)",
                    "bootstrap servers " + cluster.bootstrapServers());
        });
        EmbeddedFlussCluster cluster = started.get();
        assertThat(cluster.isRunning()).isFalse();
        assertThatThrownBy(cluster::bootstrapServers).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingTheContextStopsTheServersPorts() {
        AtomicReference<String> coordinator = new AtomicReference<>();
        runner.run(context -> {
            coordinator.set(context.getBean(EmbeddedFlussCluster.class).coordinatorAddress());
            assertThat(accepts(coordinator.get())).isTrue();
        });
        assertThat(accepts(coordinator.get())).as("the coordinator's port after the context closed").isFalse();
    }

    @Test
    void theEmbeddedClusterWinsOverConnectionDetailsOfTheApplication() {
        runner.withBean("productionFluss", FlussConnectionDetails.class, () -> () -> List.of("production:9123"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    EmbeddedFlussCluster cluster = context.getBean(EmbeddedFlussCluster.class);
                    assertThat(context.getBean(FlussClient.class).options().bootstrapServers())
                            .isEqualTo(List.of(cluster.bootstrapServers().split(",")));
                    assertThat(context.getBeansOfType(FlussConnectionDetails.class)).hasSize(2);
                    assertThat(context.getBean(FlussConnectionDetails.class))
                            .isInstanceOf(EmbeddedClusterConnectionDetails.class);
                });
    }

    /**
     * The client here is made before the cluster (a bean of the application needs it first), and the rows
     * its writer holds when the context closes are sent as the client closes: they are stored only if the
     * cluster still runs then.
     */
    @Test
    void theClusterStopsOnlyAfterTheClientClosedEvenWhenTheClientWasMadeFirst() {
        CompletableFuture<WriteResult<?>> heldWhenTheContextClosed = new CompletableFuture<>();
        runner.withPropertyValues("fluss.writer.linger=1h", "fluss.close-timeout=30s",
                        "fluss.writer.delivery-timeout=20s")
                .withUserConfiguration(EarlyClientUser.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    FlussClient client = context.getBean(EarlyClientUser.class).client;
                    TablePath path = TablePath.of("dev_services_order", "events");
                    client.admin().createDatabase(path.databaseName(), DatabaseDescriptor.empty(), true)
                            .then(client.admin().createTable(path, TableDescriptor.builder()
                                    .schema(Schema.newBuilder().column("id", DataTypes.INT()).build())
                                    .distributedBy(1)
                                    .build(), false))
                            .block(TIMEOUT);
                    FlussTable table = client.table(path).block(TIMEOUT);
                    // Waits for its batch's linger, an hour: only the client's close sends it.
                    table.appendWriter().append(GenericRow.of(1)).subscribe(
                            heldWhenTheContextClosed::complete, heldWhenTheContextClosed::completeExceptionally);
                    assertThat(heldWhenTheContextClosed).isNotDone();
                });
        assertThat(heldWhenTheContextClosed).succeedsWithin(Duration.ofSeconds(5))
                .satisfies(result -> assertThat(result.isSuccess()).as("result %s", result).isTrue());
    }

    private static boolean accepts(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostAndPort.substring(0, colon),
                    Integer.parseInt(hostAndPort.substring(colon + 1))), (int) TimeUnit.SECONDS.toMillis(5));
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException e) {
            throw new AssertionError("Neither accepted nor refused: " + hostAndPort, e);
        }
    }

    /** A bean of the application that needs the client, made before any auto-configured bean. */
    @Configuration(proxyBeanMethods = false)
    static class EarlyClientUser {

        final FlussClient client;

        EarlyClientUser(FlussClient client) {
            this.client = client;
        }
    }
}
