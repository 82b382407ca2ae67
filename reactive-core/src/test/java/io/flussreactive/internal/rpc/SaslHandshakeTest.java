package io.flussreactive.internal.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.flussreactive.error.AuthenticationException;
import io.flussreactive.error.ErrorCode;
import io.flussreactive.error.TimeoutException;
import io.flussreactive.internal.proto.ApiVersionsResponse;
import io.flussreactive.internal.proto.AuthenticateRequest;
import io.flussreactive.internal.proto.AuthenticateResponse;
import io.flussreactive.internal.proto.ErrorResponse;
import io.flussreactive.internal.proto.MetadataRequest;
import io.flussreactive.internal.proto.MetadataResponse;
import io.flussreactive.internal.proto.PbApiVersion;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/**
 * How a connection authenticates, against a server on a local port that speaks just enough of the
 * protocol and answers Authenticate as each test says: nothing but the handshake goes out before the
 * server accepts the credentials, a refusal fails every waiting request at once, a passing refusal
 * sends them again, and a connection without credentials learns what to set.
 */
class SaslHandshakeTest {

    private static final PlainCredentials ALICE = new PlainCredentials("alice", "secret");
    private static final MessageLite ACCEPTED = AuthenticateResponse.newBuilder().setChallenge(ByteString.EMPTY).build();

    private FakeServer server;
    private RpcClient rpc;

    @AfterEach
    void close() {
        if (rpc != null) {
            rpc.close().block(Duration.ofSeconds(5));
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void requestsWaitUntilTheCredentialsAreAcceptedAndOnlyThenGoOut() {
        // A slow answer, so that the requests are made while the connection authenticates.
        server = new FakeServer(authenticate -> Mono.delay(Duration.ofMillis(300)).thenReturn(Reply.success(ACCEPTED)));
        NodeClient node = connect(ALICE, Duration.ofSeconds(5));

        List<MetadataResponse> answers = Flux.range(0, 3)
                .flatMap(i -> node.send(ApiMethods.GET_METADATA, MetadataRequest.getDefaultInstance()))
                .collectList()
                .block(Duration.ofSeconds(5));

        assertThat(answers).hasSize(3);
        assertThat(server.apiKeys()).containsExactly(1000, 1038, 1012, 1012, 1012);
        AuthenticateRequest sent = server.authenticateRequests.peek();
        assertThat(sent.getProtocol()).isEqualTo("PLAIN");
        assertThat(sent.getToken().toString(StandardCharsets.UTF_8)).isEqualTo("\0alice\0secret");
        assertThat(server.connections.get()).isEqualTo(1);
    }

    @Test
    void refusedCredentialsFailEveryWaitingRequestAtOnceAndCloseTheConnection() {
        server = new FakeServer(authenticate -> Mono.delay(Duration.ofMillis(200))
                .thenReturn(Reply.error(ErrorCode.AUTHENTICATE_EXCEPTION, "Authentication failed: Invalid username or password")));
        NodeClient node = connect(ALICE, Duration.ofSeconds(30));

        List<Throwable> failures = Flux.range(0, 3)
                .flatMap(i -> node.send(ApiMethods.GET_METADATA, MetadataRequest.getDefaultInstance())
                        .<Throwable>map(answer -> new AssertionError("answered"))
                        .onErrorResume(Mono::just))
                .collectList()
                .block(Duration.ofSeconds(5));

        assertThat(failures).hasSize(3).allSatisfy(failure -> assertThat(failure)
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("user 'alice'")
                .hasMessageContaining(server.address())
                .hasMessageContaining("Invalid username or password"));
        assertThat(server.apiKeys()).containsExactly(1000, 1038);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.disconnections.get() == 1);
        assertThat(server.connections.get()).isEqualTo(1);
    }

    @Test
    void aPassingRefusalSendsTheCredentialsAgain() {
        AtomicInteger attempts = new AtomicInteger();
        server = new FakeServer(authenticate -> Mono.just(attempts.incrementAndGet() < 3
                ? Reply.error(ErrorCode.RETRIABLE_AUTHENTICATE_EXCEPTION, "not now")
                : Reply.success(ACCEPTED)));
        NodeClient node = connect(ALICE, Duration.ofSeconds(5));

        node.send(ApiMethods.GET_METADATA, MetadataRequest.getDefaultInstance()).block(Duration.ofSeconds(5));

        assertThat(server.apiKeys()).containsExactly(1000, 1038, 1038, 1038, 1012);
    }

    @Test
    void aChallengeIsRefusedAsPlainHasNothingMoreToSay() {
        server = new FakeServer(authenticate -> Mono.just(
                Reply.success(AuthenticateResponse.newBuilder().setChallenge(ByteString.copyFromUtf8("more")).build())));
        NodeClient node = connect(ALICE, Duration.ofSeconds(5));

        Throwable failure = failureOf(node);

        assertThat(failure).isInstanceOf(AuthenticationException.class).hasMessageContaining("challenge");
        assertThat(server.apiKeys()).containsExactly(1000, 1038);
    }

    @Test
    void requestsWaitingForAnAuthenticationThatIsNeverAnsweredFailWithinTheRequestTimeout() {
        server = new FakeServer(authenticate -> Mono.never());
        NodeClient node = connect(ALICE, Duration.ofMillis(500));

        long start = System.nanoTime();
        Throwable failure = failureOf(node);

        assertThat(failure).isInstanceOf(TimeoutException.class).hasMessageContaining("AUTHENTICATE");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(server.apiKeys()).containsExactly(1000, 1038);
    }

    @Test
    void withoutCredentialsARefusalForWantOfAuthenticationNamesTheSettingToUse() {
        server = new FakeServer(authenticate -> Mono.just(Reply.success(ACCEPTED)));
        server.refuseUnauthenticated = true;
        NodeClient node = connect(null, Duration.ofSeconds(5));

        Throwable failure = failureOf(node);

        assertThat(failure).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining(server.address() + " requires SASL authentication")
                .hasMessageContaining("saslPlain(username, password)");
        assertThat(server.apiKeys()).containsExactly(1000, 1012);
    }

    private NodeClient connect(PlainCredentials credentials, Duration requestTimeout) {
        rpc = new RpcClient(new TransportOptions(Duration.ofSeconds(5), requestTimeout, 1 << 20, 1, credentials));
        return rpc.node("127.0.0.1", server.port());
    }

    private static Throwable failureOf(NodeClient node) {
        return node.send(ApiMethods.GET_METADATA, MetadataRequest.getDefaultInstance())
                .<Throwable>map(answer -> new AssertionError("answered"))
                .onErrorResume(Mono::just)
                .block(Duration.ofSeconds(10));
    }

    /** What the server answers to one request: a response, an error response, or nothing. */
    private record Reply(byte type, byte[] body) {

        static Reply success(MessageLite response) {
            return new Reply((byte) 0, response.toByteArray());
        }

        static Reply error(ErrorCode code, String message) {
            return new Reply((byte) 1,
                    ErrorResponse.newBuilder().setErrorCode(code.code()).setErrorMessage(message).build().toByteArray());
        }
    }

    /**
     * A server that answers ApiVersions (announcing GetMetadata and Authenticate), answers Authenticate
     * as the test says, and GetMetadata with an empty answer, or with the refusal of a SASL listener
     * while the connection has not authenticated when {@link #refuseUnauthenticated} is set.
     */
    private static final class FakeServer implements AutoCloseable {

        private final Function<AuthenticateRequest, Mono<Reply>> authenticate;
        private final Queue<Integer> apiKeys = new ConcurrentLinkedQueue<>();
        private final Queue<AuthenticateRequest> authenticateRequests = new ConcurrentLinkedQueue<>();
        private final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger disconnections = new AtomicInteger();
        private final DisposableServer server;
        private volatile boolean refuseUnauthenticated;

        FakeServer(Function<AuthenticateRequest, Mono<Reply>> authenticate) {
            this.authenticate = authenticate;
            this.server = TcpServer.create()
                    .host("127.0.0.1")
                    .port(0)
                    .doOnConnection(c -> {
                        connections.incrementAndGet();
                        c.onDispose(disconnections::incrementAndGet);
                        c.addHandlerLast(new LengthFieldBasedFrameDecoder(1 << 20, 0, 4, 0, 4));
                    })
                    // One request after the other, as a Fluss server serves one connection.
                    .handle((in, out) -> out.sendByteArray(in.receive().asByteArray().concatMap(this::answer)))
                    .bindNow();
        }

        int port() {
            return server.port();
        }

        String address() {
            return "127.0.0.1:" + server.port();
        }

        List<Integer> apiKeys() {
            return List.copyOf(apiKeys);
        }

        private Mono<byte[]> answer(byte[] frame) {
            ByteBuffer in = ByteBuffer.wrap(frame);
            int apiKey = in.getShort();
            in.getShort();
            int requestId = in.getInt();
            byte[] body = Arrays.copyOfRange(frame, in.position(), frame.length);
            apiKeys.add(apiKey);
            Mono<Reply> reply;
            try {
                reply = switch (apiKey) {
                    case 1000 -> Mono.just(Reply.success(ApiVersionsResponse.newBuilder()
                            .addApiVersions(version(ApiKey.GET_METADATA))
                            .addApiVersions(version(ApiKey.AUTHENTICATE))
                            .setServerType(1)
                            .build()));
                    case 1038 -> {
                        AuthenticateRequest request = AuthenticateRequest.parseFrom(body);
                        authenticateRequests.add(request);
                        yield authenticate.apply(request);
                    }
                    case 1012 -> Mono.just(refuseUnauthenticated
                            ? Reply.error(ErrorCode.AUTHENTICATE_EXCEPTION, "The connection has not completed authentication yet.")
                            : Reply.success(MetadataResponse.getDefaultInstance()));
                    default -> Mono.empty();
                };
            } catch (Exception e) {
                return Mono.error(e);
            }
            return reply.map(r -> ByteBuffer.allocate(4 + 1 + 4 + r.body().length)
                    .putInt(1 + 4 + r.body().length)
                    .put(r.type())
                    .putInt(requestId)
                    .put(r.body())
                    .array());
        }

        private static PbApiVersion version(ApiKey key) {
            return PbApiVersion.newBuilder().setApiKey(key.id()).setMinVersion(0).setMaxVersion(0).build();
        }

        @Override
        public void close() {
            server.disposeNow();
        }
    }
}
