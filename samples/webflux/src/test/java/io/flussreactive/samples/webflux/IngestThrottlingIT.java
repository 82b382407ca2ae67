package io.flussreactive.samples.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.ProxiedClients;
import io.flussreactive.spring.boot.autoconfigure.FlussProperties;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.TcpProxy;
import io.flussreactive.write.WriterOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An upload to {@code POST /events} is read no faster than the cluster acknowledges: with a tiny write
 * buffer and the tablet server stalled (the client reaches it through a {@link TcpProxy} that holds every
 * byte), the server stops reading the body once the buffer is full, and reads the rest once the stall ends.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "fluss.write-buffer=16KB")
@AutoConfigureWebTestClient
class IngestThrottlingIT {

    private static final int EVENTS = 20_000;

    /** Each event's payload: large enough that the buffer holds few events, so its bound is clear. */
    private static final String PAYLOAD = "p".repeat(200);

    /**
     * The least a row with {@link #PAYLOAD} reserves in the write buffer: twice its encoded size (batch
     * buffers grow by doubling) plus 16 bytes, its encoded size being at least the payload's bytes.
     */
    private static final long LEAST_RESERVATION_PER_EVENT = 2L * PAYLOAD.length() + 16;

    /** The most events a writer asks of its upstream at once, beyond what fits in the buffer. */
    private static final long WRITER_REQUEST_CHUNK = 256;

    @Autowired
    private WebTestClient web;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private ProxiedClientConfiguration proxied;

    @LocalServerPort
    private int port;

    @Test
    void theBodyIsReadNoFasterThanTheStalledClusterAcknowledgesAndCompletelyOnceItGoesOn() {
        // Warm up: the writer has its id and a connection to the tablet server, through the proxy.
        web.post().uri("/events").contentType(MediaType.APPLICATION_NDJSON)
                .bodyValue("{\"type\":\"warm-up\"}\n")
                .exchange()
                .expectStatus().isOk()
                .expectBody(IngestReport.class).isEqualTo(new IngestReport(1, 0));
        long receivedBefore = received();
        long storedBefore = stored();

        proxied.proxy().pause();
        AtomicLong sentByClient = new AtomicLong();
        Flux<Event> upload = Flux.range(0, EVENTS)
                .map(i -> new Event("throttled-" + i, "upload", PAYLOAD, Instant.ofEpochMilli(i)))
                .doOnNext(event -> sentByClient.incrementAndGet());
        Mono<IngestReport> answer = WebClient.create("http://localhost:" + port).post().uri("/events")
                .contentType(MediaType.APPLICATION_NDJSON)
                .body(upload, Event.class)
                .retrieve()
                .bodyToMono(IngestReport.class)
                .cache();
        answer.subscribe(report -> { }, failure -> { });

        // The server reads until the buffer is full, then stops.
        long stalled = awaitSteadyAbove(this::received, receivedBefore) - receivedBefore;
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> received() - receivedBefore == stalled);
        long capacity = proxied.client().writeBuffer().capacity();
        long bufferBound = capacity / LEAST_RESERVATION_PER_EVENT;
        System.out.printf("While stalled: the server read %d events of %d (bound %d: %d in a %d-byte buffer"
                        + " + %d asked at once); the client had encoded %d; buffer reserved %d bytes%n",
                stalled, EVENTS, bufferBound + WRITER_REQUEST_CHUNK, bufferBound, capacity, WRITER_REQUEST_CHUNK,
                sentByClient.get(), proxied.client().writeBuffer().reserved());
        assertThat(stalled).as("events read from the body while the cluster is stalled")
                .isPositive()
                .isLessThanOrEqualTo(bufferBound + WRITER_REQUEST_CHUNK);
        assertThat(sentByClient.get()).as("the client's upload is held back too").isLessThan(EVENTS);
        assertThat(stored()).as("nothing acknowledged while stalled").isEqualTo(storedBefore);

        long resumed = System.nanoTime();
        proxied.proxy().resume();
        assertThat(answer.block(Duration.ofMinutes(3))).isEqualTo(new IngestReport(EVENTS, 0));
        System.out.printf("After the stall: the rest of the upload was stored in %d ms%n",
                (System.nanoTime() - resumed) / 1_000_000);
        assertThat(received() - receivedBefore).isEqualTo(EVENTS);
        assertThat(stored() - storedBefore).isEqualTo(EVENTS);
    }

    /** Waits until the value has grown beyond {@code start} and stays the same for half a second. */
    private static long awaitSteadyAbove(LongSupplier value, long start) {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long now = value.getAsLong();
            boolean steady = now == last[0] && now > start;
            last[0] = now;
            return steady;
        });
        return last[0];
    }

    private long received() {
        return (long) meters.get(EventMeters.RECEIVED).counter().count();
    }

    private long stored() {
        return (long) meters.get(EventMeters.STORED).counter().count();
    }

    /**
     * The application's client, made here instead of by the auto-configuration so that it reaches the
     * tablet server through a proxy; its write buffer is {@code fluss.write-buffer}, its writers' linger
     * {@code fluss.writer.linger}. It closes before the proxy does.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class ProxiedClientConfiguration implements DisposableBean {

        private @Nullable TcpProxy proxy;
        private @Nullable FlussClient client;

        @Bean
        FlussClient flussClient(EmbeddedFlussCluster cluster, FlussProperties properties) throws IOException {
            String tabletServer = cluster.tabletServerAddress(cluster.tabletServerIds().get(0));
            TcpProxy started = TcpProxy.start(tabletServer);
            this.proxy = started;
            FlussClient created = ProxiedClients.connectingVia(FlussClientOptions.builder()
                            .bootstrapServers(cluster.bootstrapServers())
                            .writeBufferBytes(properties.writeBuffer().toBytes())
                            .writerDefaults(WriterOptions.builder()
                                    .batchLinger(properties.writer().linger())
                                    .build())
                            .build(),
                    address -> address.equals(tabletServer) ? started.address() : address);
            this.client = created;
            return created;
        }

        TcpProxy proxy() {
            return proxy;
        }

        FlussClient client() {
            return client;
        }

        @Override
        public void destroy() {
            if (proxy != null) {
                proxy.resume();
            }
            if (client != null) {
                client.close().block(Duration.ofSeconds(30));
            }
            if (proxy != null) {
                proxy.close();
            }
        }
    }
}
