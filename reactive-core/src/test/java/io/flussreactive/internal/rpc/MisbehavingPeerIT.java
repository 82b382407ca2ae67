package io.flussreactive.internal.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flussreactive.error.CorruptMessageException;
import io.flussreactive.error.FlussException;
import io.flussreactive.error.TimeoutException;
import io.flussreactive.internal.proto.DatabaseExistsRequest;
import io.flussreactive.internal.proto.DatabaseExistsResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A server that sends garbage, or nothing: the requests waiting on that connection fail with a typed,
 * retriable exception naming the server and what was wrong, only that connection closes, and the next
 * request reconnects.
 */
class MisbehavingPeerIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int MAX_FRAME = 1 << 20;

    private MisbehavingPeer peer;
    private RpcClient rpc;

    @BeforeEach
    void start() throws Exception {
        peer = MisbehavingPeer.start();
        // A request timeout far beyond the test's waits: a request failed by one is not mistaken for
        // one failed by the garbage.
        rpc = new RpcClient(new TransportOptions(Duration.ofSeconds(5), Duration.ofMinutes(5), MAX_FRAME, 2));
    }

    @AfterEach
    void stop() throws Exception {
        rpc.close().block(WAIT);
        peer.close();
    }

    private static Mono<DatabaseExistsResponse> exists(ServerLane node, String database) {
        return node.send(ApiMethods.DATABASE_EXISTS, DatabaseExistsRequest.newBuilder().setDatabaseName(database).build());
    }

    static Stream<Arguments> garbage() {
        byte[] truncated = DatabaseExistsResponse.newBuilder().setExists(true).build().toByteArray();
        return Stream.of(
                Arguments.of(Named.of("a negative frame length", (MisbehavingPeer.Garbage) ids ->
                                MisbehavingPeer.lengthFieldFollowedByTooLittle(-5)),
                        List.of("negative", "-5")),
                Arguments.of(Named.of("a frame length over maxResponseFrameBytes", (MisbehavingPeer.Garbage) ids ->
                                MisbehavingPeer.lengthFieldFollowedByTooLittle(MAX_FRAME + 1)),
                        List.of(String.valueOf(MAX_FRAME + 1), "maxResponseFrameBytes (" + MAX_FRAME + ")")),
                Arguments.of(Named.of("an answer to a request id never sent", (MisbehavingPeer.Garbage) ids ->
                                MisbehavingPeer.successFrame(ids.get(ids.size() - 1) + 1000, truncated)),
                        List.of("request id " + 1002, "never sent")),
                Arguments.of(Named.of("a truncated protobuf body", (MisbehavingPeer.Garbage) ids ->
                                MisbehavingPeer.successFrame(ids.get(0), new byte[] {truncated[0]})),
                        List.of("DATABASE_EXISTS", "unreadable")),
                Arguments.of(Named.of("a body that is not protobuf", (MisbehavingPeer.Garbage) ids ->
                                MisbehavingPeer.successFrame(ids.get(0), new byte[] {(byte) 0xff, (byte) 0xff, 0x7f})),
                        List.of("DATABASE_EXISTS", "unreadable")),
                Arguments.of(Named.of("a frame of an unknown response type", (MisbehavingPeer.Garbage) ids ->
                                MisbehavingPeer.responseFrame((byte) 7, ids.get(0), truncated)),
                        List.of("unknown response type 7")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageFailsTheRequestsOfItsConnectionOnlyAndTheNextRequestReconnects(MisbehavingPeer.Garbage garbage,
            List<String> whatWasWrong) {
        NodeClient node = rpc.node("127.0.0.1", peer.port());
        NodeClient otherLane = node.lane(1);
        // The other lane connects first, to a peer that behaves; the first lane's connection then gets
        // the garbage once both of its requests are waiting.
        peer.behave().misbehaveAfter(2, garbage);
        assertThat(exists(otherLane, "other_lane").block(WAIT).getExists()).isFalse();

        List<Throwable> failures = Flux.range(0, 2)
                .flatMap(i -> exists(node, "victim_" + i)
                        .<Throwable>map(answer -> new AssertionError("answered: " + answer))
                        .onErrorResume(Mono::just))
                .collectList()
                .block(WAIT);

        assertThat(failures).hasSize(2).allSatisfy(failure -> {
            assertThat(failure).isInstanceOf(CorruptMessageException.class)
                    .hasMessageContaining(peer.address());
            assertThat(((FlussException) failure).isRetriable()).isTrue();
        });
        assertThat(failures).anySatisfy(failure -> assertThat(failure.getMessage().toLowerCase())
                .contains(whatWasWrong.stream().map(String::toLowerCase).toList()));
        await("the connection that got garbage is closed").atMost(WAIT).until(() -> !node.isConnected());
        // Only that connection: the other lane still serves on its own.
        assertThat(otherLane.isConnected()).isTrue();
        assertThat(exists(otherLane, "other_lane_again").block(WAIT).getExists()).isFalse();
        assertThat(peer.acceptedCount()).isEqualTo(2);
        // The next request on the first lane reconnects.
        assertThat(exists(node, "after_the_garbage").block(WAIT).getExists()).isFalse();
        assertThat(peer.acceptedCount()).isEqualTo(3);
    }

    @Test
    void aPeerThatAcceptsTheConnectionAndNeverAnswersFailsTheRequestWithATimeoutAndTheNextRequestReconnects() {
        RpcClient impatient =
                new RpcClient(new TransportOptions(Duration.ofSeconds(5), Duration.ofMillis(500), MAX_FRAME, 1));
        try {
            NodeClient node = impatient.node("127.0.0.1", peer.port());
            peer.silent();

            assertThatThrownBy(() -> exists(node, "unanswered").block(WAIT))
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageContaining(peer.address())
                    .hasMessageContaining("API_VERSIONS")
                    .hasMessageContaining("500 ms")
                    .satisfies(e -> assertThat(((FlussException) e).isRetriable()).isTrue());
            assertThat(node.isConnected()).isFalse();

            assertThat(exists(node, "on_a_new_connection").block(WAIT).getExists()).isFalse();
            assertThat(peer.acceptedCount()).isEqualTo(2);
        } finally {
            impatient.close().block(WAIT);
        }
    }
}
