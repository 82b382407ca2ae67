package io.flussreactive.resilience;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.test.TcpProxy;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.WriteResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A tablet server that stops answering for several seconds while a writer writes to it: the client says
 * so in a few WARN lines naming the writer's table and the server, not in a line per retry, and in an
 * INFO line each when they recover; every row is then stored.
 */
@ExtendWith(FlussClusterExtension.class)
class TroubleLoggingIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("trouble");

    private final Logger clientLogs = (Logger) LoggerFactory.getLogger("io.flussreactive");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void captureClientLogs() {
        lines.start();
        clientLogs.addAppender(lines);
        levelBefore = clientLogs.getLevel();
        clientLogs.setLevel(Level.INFO);
    }

    @AfterEach
    void stopCapturing() {
        clientLogs.detachAppender(lines);
        clientLogs.setLevel(levelBefore);
    }

    @Test
    void aServerThatDoesNotAnswerForSecondsIsReportedInAFewLinesAndItsRecoveryInOne(EmbeddedFlussCluster cluster)
            throws Exception {
        TablePath path = db.createTable("events", TableDescriptor.builder()
                .schema(Schema.newBuilder().column("id", DataTypes.INT()).build())
                .distributedBy(2)
                .build());
        String tabletServer = cluster.tabletServerAddress(cluster.tabletServerIds().get(0));
        try (TcpProxy proxy = TcpProxy.start(tabletServer)) {
            FlussClient client = TestClients.clientVia(cluster,
                    FlussClientOptions.builder().requestTimeout(Duration.ofSeconds(1)),
                    address -> address.equals(tabletServer) ? proxy.address() : address);
            try {
                AppendWriter writer = client.table(path).block(TIMEOUT).appendWriter();
                assertThat(writer.append(GenericRow.of(-1)).block(TIMEOUT).isSuccess()).isTrue();

                proxy.pause();
                Mono<List<WriteResult<Row>>> results = writer.writeRows(Flux.range(0, 1_000).map(GenericRow::of))
                        .collectList()
                        .cache();
                results.subscribe();
                // Long enough for requests to time out again and again and for the trouble to be reported.
                await().atMost(TIMEOUT).until(() -> warnings().size() >= 2);
                Thread.sleep(2_000);
                proxy.resume();

                assertThat(results.block(TIMEOUT)).hasSize(1_000).allMatch(WriteResult::isSuccess);
                await().atMost(TIMEOUT).until(() -> recoveries().size() >= 2);
            } finally {
                client.close().block(TIMEOUT);
            }
        }
        List<String> warnings = warnings();
        // One line per trouble (the writer's buckets, the server), not one per failed request.
        assertThat(warnings).hasSizeBetween(2, 4);
        assertThat(warnings).anySatisfy(line -> assertThat(line).contains("Writer of " + path).contains("failing for"));
        assertThat(warnings).anySatisfy(line -> assertThat(line).contains("Fluss server " + tabletServer));
        assertThat(recoveries()).anySatisfy(line -> assertThat(line).contains("Writer of " + path).contains("recovered"));
        assertThat(recoveries()).anySatisfy(line -> assertThat(line).contains("Fluss server " + tabletServer));
    }

    private List<String> warnings() {
        return linesAt(Level.WARN);
    }

    private List<String> recoveries() {
        return linesAt(Level.INFO).stream().filter(line -> line.contains("recovered")).toList();
    }

    private List<String> linesAt(Level level) {
        return List.copyOf(lines.list).stream()
                .filter(event -> event.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
