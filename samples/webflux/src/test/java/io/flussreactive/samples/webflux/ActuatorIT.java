package io.flussreactive.samples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The actuator endpoints the sample exposes, and what they say of the client and the sample. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ActuatorIT {

    @Autowired
    private WebTestClient web;

    @Test
    void healthShowsTheClusterUpAsTheFlussComponent() {
        web.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.fluss.status").isEqualTo("UP")
                .jsonPath("$.components.fluss.details.tabletServers").isEqualTo(1);
    }

    @Test
    void metricsCountTheEventsStored() {
        web.post().uri("/events")
                .contentType(MediaType.APPLICATION_NDJSON)
                .bodyValue("{\"type\":\"metered\"}\n{\"type\":\"metered\"}\n")
                .exchange()
                .expectStatus().isOk()
                .expectBody(IngestReport.class).isEqualTo(new IngestReport(2, 0));

        web.get().uri("/actuator/metrics").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.names[?(@ == '" + EventMeters.STORED + "')]").exists()
                .jsonPath("$.names[?(@ == '" + EventMeters.OPEN_STREAMS + "')]").exists()
                // The client's own meters, bound by the starter to the application's registry.
                .jsonPath("$.names[?(@ == 'fluss.client.write.records.sent')]").exists()
                .jsonPath("$.names[?(@ == 'fluss.client.requests')]").exists();
        web.get().uri("/actuator/metrics/fluss.client.write.records.sent?tag=table:" + SampleTables.EVENTS).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.measurements[0].value").value(Double.class,
                        count -> assertThat(count).isGreaterThanOrEqualTo(2.0));
        web.get().uri("/actuator/metrics/" + EventMeters.STORED).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.measurements[0].statistic").isEqualTo("COUNT")
                .jsonPath("$.measurements[0].value").value(Double.class,
                        count -> assertThat(count).isGreaterThanOrEqualTo(2.0));
    }
}
