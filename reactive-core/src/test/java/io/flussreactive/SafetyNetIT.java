package io.flussreactive;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import io.flussreactive.test.NettyLeakDetection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Proves that the checks guarding the whole suite are switched on: a blocking call on a thread that
 * must never block fails, and a buffer that is never released fails a check.
 */
@ExtendWith(FlussClusterExtension.class)
class SafetyNetIT {

    @Test
    void blockingOnAReactorSchedulerThreadFails() {
        Mono<String> blocking = Mono.fromCallable(() -> {
            Thread.sleep(5);
            return "slept";
        }).subscribeOn(Schedulers.parallel());

        assertThatThrownBy(() -> blocking.block(TIMEOUT)).hasCauseInstanceOf(BlockingOperationError.class);
    }

    @Test
    void blockingOnTheClientsEventLoopFails(EmbeddedFlussCluster cluster) {
        FlussClient client = TestClients.client(cluster);
        try {
            // The answer is delivered on the Netty event loop that read it.
            Mono<String> blocking = client.admin().listDatabases().next().doOnNext(name -> sleep());

            assertThatThrownBy(() -> blocking.block(TIMEOUT))
                    .satisfies(e -> assertThat(rootCause(e)).isInstanceOf(BlockingOperationError.class));
        } finally {
            client.close().block(TIMEOUT);
        }
    }

    @Test
    void aBufferThatIsNeverReleasedIsReportedAsALeak() {
        assertThat(NettyLeakDetection.isInstalled()).isTrue();
        leakOneBuffer();

        assertThatThrownBy(NettyLeakDetection::assertNoLeaks)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("leaked")
                .hasMessageContaining("leakOneBuffer");
    }

    private static void leakOneBuffer() {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.buffer(64);
        leaked.writeLong(42);
        // Dropped here without release().
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

}
