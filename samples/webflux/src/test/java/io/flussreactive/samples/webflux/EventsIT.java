package io.flussreactive.samples.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * {@code POST /events} and {@code GET /events/stream} against the embedded cluster.
 *
 * <p>Live streams are read with a {@link WebClient}: they never end, so the test cancels them, and the
 * {@link WebTestClient} keeps a copy of each response body for its diagnostics whose buffers a cancelled
 * body leaves unreleased (which the Netty leak check of every test class would report).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class EventsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE =
            new ParameterizedTypeReference<>() {};

    @Autowired
    private WebTestClient web;

    @Autowired
    private MeterRegistry meters;

    @LocalServerPort
    private int port;

    @Test
    void anNdjsonStreamIsStoredAndStreamedBackFromItsOffset() {
        long start = latestOffset();
        List<Event> events = IntStream.range(0, 500)
                .mapToObj(i -> new Event("ndjson-" + i, "click", "{\"n\":" + i + "}", Instant.ofEpochMilli(1_000 + i)))
                .toList();

        web.post().uri("/events")
                .contentType(MediaType.APPLICATION_NDJSON)
                .body(Flux.fromIterable(events), Event.class)
                .exchange()
                .expectStatus().isOk()
                .expectBody(IngestReport.class).isEqualTo(new IngestReport(500, 0));

        List<ServerSentEvent<String>> streamed = stream("from=" + start, 1 + events.size());
        assertThat(streamed.get(0).event()).isEqualTo("start");
        assertThat(streamed.get(0).data()).isEqualTo("{\"offset\":" + start + "}");
        List<ServerSentEvent<String>> stored = streamed.subList(1, streamed.size());
        assertThat(stored).extracting(ServerSentEvent::id)
                .containsExactlyElementsOf(IntStream.range(0, 500).mapToObj(i -> Long.toString(start + i)).toList());
        assertThat(stored.get(7).data())
                .contains("\"id\":\"ndjson-7\"", "\"type\":\"click\"", "\"payload\":\"{\\\"n\\\":7}\"",
                        "\"at\":\"1970-01-01T00:00:01.007Z\"");
    }

    @Test
    void aJsonArrayIsStoredAndMissingFieldsAreFilledIn() {
        long start = latestOffset();
        web.post().uri("/events")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[{\"id\":\"array-1\",\"type\":\"view\"}, {\"type\":\"view\",\"payload\":\"p\"}]")
                .exchange()
                .expectStatus().isOk()
                .expectBody(IngestReport.class).isEqualTo(new IngestReport(2, 0));

        List<ServerSentEvent<String>> stored = stream("from=" + start, 3).subList(1, 3);
        assertThat(stored.get(0).data()).contains("\"id\":\"array-1\"", "\"type\":\"view\"", "\"at\":\"");
        // An event without an id gets one, and the time it was received.
        assertThat(stored.get(1).data()).containsPattern("\"id\":\"[0-9a-f-]{36}\"").contains("\"payload\":\"p\"");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWithWhereItWentWrongAndWhatWasStoredBeforeIt() {
        long start = latestOffset();
        web.post().uri("/events")
                .contentType(MediaType.APPLICATION_NDJSON)
                .bodyValue("{\"id\":\"bad-1\",\"type\":\"a\"}\n{\"id\":\"bad-2\",\"type\":\"a\"}\n{\"id\": oops}\n")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Unreadable event")
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .startsWith("unreadable JSON after ").contains("Unexpected character ('o'", "byte offset: #59"))
                .jsonPath("$.stored").value(Integer.class, stored -> assertThat(latestOffset() - start)
                        .as("events in the log since").isEqualTo(stored.longValue()))
                .jsonPath("$.failed").isEqualTo(0);
    }

    @Test
    void anEventWithoutATypeIsRefusedNamingTheEventAndTheField() {
        web.post().uri("/events")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[{\"type\":\"a\"}, {\"id\":\"no-type\"}]")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.detail").isEqualTo("event 2: 'type' is missing")
                .jsonPath("$.stored").isEqualTo(1);
    }

    @Test
    void theStreamFromLatestShowsOnlyEventsStoredAfterItStartedAndFromEarliestEverything() {
        postArray("[{\"id\":\"before\",\"type\":\"a\"}]", 1);

        Flux<ServerSentEvent<String>> live = streams().get().uri("/events/stream")
                .retrieve()
                .bodyToFlux(SSE)
                .take(2)
                .cache();
        ServerSentEvent<String> started = live.blockFirst(TIMEOUT);
        assertThat(started.event()).isEqualTo("start");
        postArray("[{\"id\":\"after\",\"type\":\"a\"}]", 1);
        ServerSentEvent<String> first = live.skip(1).blockFirst(TIMEOUT);
        assertThat(first.data()).contains("\"id\":\"after\"");
        assertThat(first.id()).isEqualTo(started.data().replaceAll("\\D", ""));

        ServerSentEvent<String> earliest = stream("from=earliest", 2).get(0);
        assertThat(earliest.data()).isEqualTo("{\"offset\":0}");
    }

    @Test
    void aReconnectingEventSourceGoesOnAfterTheLastEventItSaw() {
        long start = latestOffset();
        postArray("[{\"id\":\"seen\",\"type\":\"a\"}, {\"id\":\"missed\",\"type\":\"a\"}]", 2);

        List<ServerSentEvent<String>> resumed = streams().get().uri("/events/stream?from=latest")
                .header("Last-Event-ID", Long.toString(start))
                .retrieve()
                .bodyToFlux(SSE)
                .take(2)
                .collectList()
                .block(TIMEOUT);
        assertThat(resumed.get(0).data()).isEqualTo("{\"offset\":" + (start + 1) + "}");
        assertThat(resumed.get(1).data()).contains("\"id\":\"missed\"");
    }

    @Test
    void aStartThatIsNoOffsetOrOutsideTheLogIsRefused() {
        // As curl asks, accepting anything: the problem comes as JSON, not as an event.
        web.get().uri("/events/stream?from=yesterday")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.detail").isEqualTo("'from' must be latest, earliest or an offset (0 or more), not 'yesterday'");
        web.get().uri("/events/stream?from=" + (latestOffset() + 1_000))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains("is outside the events log"));
    }

    @Test
    void aClientThatGoesAwayEndsItsStreamAndItsScan() {
        double openBefore = openStreams();
        List<ServerSentEvent<String>> first = streams().get().uri("/events/stream")
                .retrieve()
                .bodyToFlux(SSE)
                .doOnNext(event -> assertThat(openStreams()).isEqualTo(openBefore + 1))
                .take(1)
                .collectList()
                .block(TIMEOUT);
        assertThat(first).hasSize(1);
        // take(1) cancelled the response: the connection closes, and the server cancels the stream.
        await().atMost(Duration.ofSeconds(30)).until(() -> openStreams() == openBefore);
    }

    /** Posts a JSON array and checks every event was stored (reading the answer, which releases it). */
    private void postArray(String json, int events) {
        web.post().uri("/events").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange()
                .expectStatus().isOk()
                .expectBody(IngestReport.class).isEqualTo(new IngestReport(events, 0));
    }

    private double openStreams() {
        return meters.get(EventMeters.OPEN_STREAMS).gauge().value();
    }

    /** The offset the next event gets: where a stream from latest starts. */
    private long latestOffset() {
        String start = stream("from=latest", 1).get(0).data();
        return Long.parseLong(start.replaceAll("\\D", ""));
    }

    private WebClient streams() {
        return WebClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("Accept", MediaType.TEXT_EVENT_STREAM_VALUE)
                .build();
    }

    private List<ServerSentEvent<String>> stream(String query, int count) {
        return streams().get().uri("/events/stream?" + query)
                .retrieve()
                .bodyToFlux(SSE)
                .take(count)
                .collectList()
                .block(TIMEOUT);
    }
}
