package io.flussreactive.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.TestClients;
import io.flussreactive.TestDatabase;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterConfig;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.test.TcpProxy;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.WriterOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client's connections to every tablet server are cut in the middle of an idempotent append, twice,
 * each time after answers to requests the servers handled were held back, so that those answers are
 * lost and the batches sent again: every row gets one result, the results end, and every acknowledged
 * row is stored exactly once.
 */
@ExtendWith(FlussClusterExtension.class)
@FlussClusterConfig(tabletServers = 3, tabletServersInOwnProcesses = true)
class CrashConnectionCutIT {

    private static final int ROWS = 100_000;

    /** Long enough for requests sent meanwhile to reach the servers and be handled. */
    private static final long HOLD_ANSWERS_MILLIS = 300;

    @RegisterExtension
    static final TestDatabase db = TestDatabase.named("crash_cut");

    @Test
    void connectionsCutMidWriteLoseNoAcknowledgedRowAndStoreNoneTwice(EmbeddedFlussCluster cluster)
            throws Exception {
        TablePath path = db.createTable("events", CrashTables.logTable());
        Map<String, TcpProxy> proxies = new HashMap<>();
        try {
            for (int id : cluster.tabletServerIds()) {
                String address = cluster.tabletServerAddress(id);
                proxies.put(address, TcpProxy.start(address));
            }
            FlussClient client = TestClients.clientVia(cluster, FlussClientOptions.builder(),
                    address -> proxies.containsKey(address) ? proxies.get(address).address() : address);
            try {
                FlussTable table = client.table(path).block(TestClients.TIMEOUT);
                AppendWriter writer = table.appendWriter(WriterOptions.builder().idempotence(true).build());
                PacedWrite write = PacedWrite.start(writer, ROWS, 2_000, Duration.ofMillis(100), CrashTables::row);
                try {
                    write.awaitEmitted(ROWS / 3);
                    loseAnswersAndCut(proxies);
                    write.awaitEmitted(2 * ROWS / 3);
                    loseAnswersAndCut(proxies);

                    write.awaitEndWithOneResultPerRow();
                    assertThat(write.acked.get()).as(write.failureSummary()).isPositive();
                    assertThat(proxies.values().stream().mapToLong(TcpProxy::acceptedCount).sum())
                            .as("connections made through the proxies: the first ones and those after each cut")
                            .isGreaterThan(proxies.size());
                    write.assertStoredExactlyOnceIfAcked(CrashTables.storedCounts(db.table("events"), ROWS));
                } finally {
                    write.dispose();
                    writer.close().block(PacedWrite.END_TIMEOUT);
                }
            } finally {
                client.close().block(TestClients.TIMEOUT);
            }
        } finally {
            proxies.values().forEach(TcpProxy::close);
        }
    }

    /** Holds the servers' answers for a moment, then resets every connection and lets bytes flow again. */
    private static void loseAnswersAndCut(Map<String, TcpProxy> proxies) throws InterruptedException {
        proxies.values().forEach(TcpProxy::pauseResponses);
        Thread.sleep(HOLD_ANSWERS_MILLIS);
        proxies.values().forEach(TcpProxy::dropConnections);
        proxies.values().forEach(TcpProxy::resume);
    }
}
