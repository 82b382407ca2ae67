package io.flussreactive;

import static io.flussreactive.TestClients.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.THROWABLE;

import io.flussreactive.error.AuthenticationException;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

/**
 * A client set up to authenticate, against a cluster without authentication (PLAINTEXT listeners):
 * Fluss 0.9.1 refuses the Authenticate request there, as it does for the official client, so the
 * client fails at once with an error that says the listener does not authenticate.
 */
@ExtendWith(FlussClusterExtension.class)
class SaslPlainOnPlaintextIT {

    @Test
    void credentialsForAListenerWithoutAuthenticationFailWithAClearError(EmbeddedFlussCluster cluster) {
        FlussClient client = TestClients.client(cluster, FlussClientOptions.builder().saslPlain("alice", "secret"));
        try {
            long start = System.nanoTime();
            Throwable failure = client.admin().listDatabases().collectList()
                    .<Throwable>map(listed -> new AssertionError("Listed databases: " + listed))
                    .onErrorResume(Mono::just)
                    .block(TIMEOUT);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(failure).isInstanceOf(AuthenticationException.class)
                    .asInstanceOf(THROWABLE)
                    .hasMessageContaining("does not authenticate clients")
                    .hasMessageContaining("PLAINTEXT")
                    .hasMessageContaining("'alice'")
                    .hasMessageContaining(cluster.coordinatorAddress())
                    .hasMessageContaining("saslPlain(username, password)");
            assertThat(((AuthenticationException) failure).isRetriable()).isFalse();
        } finally {
            client.close().block(TIMEOUT);
        }
    }
}
