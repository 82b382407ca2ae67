package io.flussreactive.observation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A client configured without registries needs no Micrometer on the class path. */
class WithoutMicrometerTest {

    @Test
    void aClientWithoutRegistriesSendsRequestsAndClosesWithoutMicrometer() throws Exception {
        String outcome = WithoutMicrometer.run(UnreachableCluster.class, "127.0.0.1:1");

        assertThat(outcome).isEqualTo("micrometer hidden; request failed with io.flussreactive.error.NetworkException; closed");
    }

    @Test
    void aClientWithAMeterRegistryRunsWithoutResilience4jsBinders() throws Exception {
        String outcome = WithoutMicrometer.run(MeteredWithoutBinders.class, "127.0.0.1:1",
                List.of("io.github.resilience4j.micrometer."));

        assertThat(outcome).isEqualTo("write buffer gauge: true; resilience4j meters: false");
    }

    /** Creates a client with a meter registry, sends a request to nowhere, and says which meters there are. */
    public static final class MeteredWithoutBinders implements Function<String, String> {

        @Override
        public String apply(String bootstrap) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            FlussClient client = FlussClient.create(FlussClientOptions.builder()
                    .bootstrapServers(bootstrap)
                    .connectTimeout(Duration.ofSeconds(2))
                    .observability(FlussObservability.of(meters))
                    .build());
            try {
                client.admin().listDatabases().collectList().block(Duration.ofSeconds(30));
            } catch (RuntimeException expected) {
                // Nobody there: the retries of the metadata go through the client's own registry meanwhile.
            }
            String outcome = "write buffer gauge: " + (meters.find("fluss.client.write.buffer.used").gauge() != null)
                    + "; resilience4j meters: " + meters.getMeters().stream()
                            .anyMatch(meter -> meter.getId().getName().startsWith("resilience4j"));
            client.close().block(Duration.ofSeconds(30));
            return outcome;
        }
    }

    /** Creates a client of a cluster that is not there, sends a request, closes the client. */
    public static final class UnreachableCluster implements Function<String, String> {

        @Override
        public String apply(String bootstrap) {
            StringBuilder outcome = new StringBuilder();
            try {
                Class.forName("io.micrometer.core.instrument.MeterRegistry");
                outcome.append("micrometer visible");
            } catch (ClassNotFoundException expected) {
                outcome.append("micrometer hidden");
            }
            FlussClient client = FlussClient.create(FlussClientOptions.builder()
                    .bootstrapServers(bootstrap)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build());
            try {
                client.admin().listDatabases().collectList().block(Duration.ofSeconds(30));
                outcome.append("; request answered");
            } catch (RuntimeException failed) {
                outcome.append("; request failed with ").append(failed.getClass().getName());
            }
            client.close().block(Duration.ofSeconds(30));
            return outcome.append("; closed").toString();
        }
    }
}
