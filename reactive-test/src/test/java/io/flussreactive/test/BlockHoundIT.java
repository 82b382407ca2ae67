package io.flussreactive.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.fluss.metadata.TablePath;
import org.apache.fluss.shaded.netty4.io.netty.util.concurrent.FastThreadLocalThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.blockhound.BlockingOperationError;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** BlockHound is installed for this module's whole run by BlockHoundSessionListener. */
@ExtendWith(FlussClusterExtension.class)
class BlockHoundIT {

    @Test
    void sleepingOnAReactorParallelThreadIsReported() throws Exception {
        assertThat(sleepOn(Schedulers.parallel())).isInstanceOf(BlockingOperationError.class);
    }

    @Test
    void installingAgainChangesNothing() throws Exception {
        FlussBlockHound.install();
        assertThat(sleepOn(Schedulers.parallel())).isInstanceOf(BlockingOperationError.class);
    }

    @Test
    void threadsOfTheServersShadedNettyAreNotPoliced() throws Exception {
        // The server jar's own BlockHound integration would make this thread non-blocking.
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread thread = new FastThreadLocalThread(() -> outcome.complete(sleepBriefly()), "shaded-netty-thread");
        thread.start();
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void theClusterServesClientsWhileBlockHoundIsActive(EmbeddedFlussCluster cluster) throws Exception {
        DefaultClusterWitness.firstSeen(cluster);
        TablePath path = TablePath.of("blockhound_test", "users");
        try (KeyValueClient client = new KeyValueClient(cluster.bootstrapServers())) {
            client.createTable(path);
            client.put(path, 3, "hopper");
            assertThat(client.get(path, 3)).isEqualTo("hopper");
        }
        assertThat(sleepOn(Schedulers.parallel()))
                .as("BlockHound is still active")
                .isInstanceOf(BlockingOperationError.class);
    }

    /** What {@code Thread.sleep} threw on one of the scheduler's threads, or {@code null}. */
    private static Throwable sleepOn(Scheduler scheduler) throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        scheduler.schedule(() -> outcome.complete(sleepBriefly()));
        return outcome.get(10, TimeUnit.SECONDS);
    }

    private static Throwable sleepBriefly() {
        try {
            Thread.sleep(1);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
