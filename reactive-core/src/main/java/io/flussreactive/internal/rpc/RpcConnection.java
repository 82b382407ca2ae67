package io.flussreactive.internal.rpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.MessageLite;
import io.flussreactive.error.AuthenticationException;
import io.flussreactive.error.CorruptMessageException;
import io.flussreactive.error.ErrorCode;
import io.flussreactive.error.FlussException;
import io.flussreactive.error.NetworkException;
import io.flussreactive.error.TimeoutException;
import io.flussreactive.internal.proto.ApiVersionsRequest;
import io.flussreactive.internal.retry.Retries;
import io.flussreactive.internal.proto.ApiVersionsResponse;
import io.flussreactive.internal.proto.AuthenticateRequest;
import io.flussreactive.internal.proto.ErrorResponse;
import io.github.resilience4j.retry.Retry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.DecoderException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.netty.Connection;
import reactor.netty.tcp.TcpClient;

/**
 * One open TCP connection to one Fluss server, carrying many requests at once.
 *
 * <p>Requests are numbered per connection and answers are matched by that number, since the server
 * may answer out of order (produce, fetch and put-kv can wait on the server). Every request has a
 * timeout because the server silently drops some bad requests. When the connection closes, every
 * request still waiting fails with a retriable {@link NetworkException}; a connection is never reused
 * after that (see {@link NodeClient} for reconnection).
 *
 * <p>When credentials are configured, the connection authenticates with SASL/PLAIN right after the
 * version handshake, and is handed out only once the server has accepted them: no other request can
 * reach the server before. A server that rejects them fails the connection with a non-retriable
 * {@link AuthenticationException}.
 *
 * <p>Nothing here blocks: frames are encoded on the caller's thread and written with Netty's
 * thread-safe {@code writeAndFlush}; answers are decoded on the connection's event loop.
 */
final class RpcConnection {

    private static final Logger log = LoggerFactory.getLogger(RpcConnection.class);

    private static final String CLIENT_SOFTWARE_NAME = "fluss-reactive";
    private static final String CLIENT_SOFTWARE_VERSION = "0.1.0";

    private final Connection connection;
    private final Channel channel;
    private final String address;
    private final Duration requestTimeout;
    /** What the connection authenticated with; null when it did not authenticate. */
    private final PlainCredentials credentials;
    /**
     * Sends the credentials again while the server fails them for a passing reason; bounded, unlike the
     * official client's, so that requests waiting for the connection are not held for ever.
     */
    private final Retry authenticationRetry;
    private final Map<Integer, PendingRequest<?>> pending = new ConcurrentHashMap<>();
    /**
     * How many request ids were handed out: ids are this count as an {@code int}, so they wrap around,
     * and an answer whose id is not below it (read unsigned) answers nothing ever sent.
     */
    private final AtomicLong requestsNumbered = new AtomicLong();

    private volatile ServerApiVersions apiVersions;
    /** Set by {@link #dispose()}, before the channel has closed. */
    private volatile boolean disposed;
    /** Set once the connection is closed: makes the error every request still waiting fails with. */
    private volatile Supplier<FlussException> closedError;

    private RpcConnection(Connection connection, String address, Duration requestTimeout,
            PlainCredentials credentials, Retry authenticationRetry) {
        this.connection = connection;
        this.channel = connection.channel();
        this.address = address;
        this.requestTimeout = requestTimeout;
        this.credentials = credentials;
        this.authenticationRetry = authenticationRetry;
    }

    /**
     * Opens a connection, negotiates API versions on it and, when the options hold credentials,
     * authenticates. The returned connection is ready for requests.
     *
     * @param host the server host
     * @param port the server port
     * @param options connect and request timeouts, frame limit, credentials
     * @return the ready connection; or a {@link NetworkException} naming the address when the server
     *     cannot be reached, a {@link TimeoutException} when it does not answer the handshake, or an
     *     {@link AuthenticationException} naming the user and the address when it refuses the credentials
     */
    static Mono<RpcConnection> open(String host, int port, TransportOptions options) {
        String address = host + ":" + port;
        return TcpClient.newConnection()
                .host(host)
                .port(port)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                // The pooled allocator: Netty 4.2's default (adaptive) one may park a thread on a lock
                // when threads contend, and frames are allocated on callers' threads.
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .doOnConnected(c -> c.addHandlerLast(
                        "fluss-frame-decoder",
                        new ResponseFrameDecoder(options.maxResponseFrameBytes())))
                .connect()
                .onErrorMap(
                        e -> !(e instanceof FlussException),
                        e -> new NetworkException("Could not connect to Fluss server " + address + ": " + describe(e), e))
                .map(c -> {
                    RpcConnection rpc = new RpcConnection(c, address, options.requestTimeout(), options.credentials(),
                            options.authenticationRetry());
                    rpc.startReading();
                    return rpc;
                })
                .flatMap(rpc -> rpc.handshake()
                        .thenReturn(rpc)
                        .onErrorResume(e -> {
                            rpc.dispose();
                            return Mono.error(e);
                        }));
    }

    /** {@code host:port} of the server. */
    String address() {
        return address;
    }

    /** The version ranges the server announced. */
    ServerApiVersions apiVersions() {
        return apiVersions;
    }

    /** Whether the connection is still open. */
    boolean isOpen() {
        return !disposed && closedError == null && channel.isActive();
    }

    /** Completes when the connection has closed, for whatever reason. */
    Mono<Void> onClose() {
        return connection.onDispose();
    }

    /**
     * Sends one request and returns its decoded answer.
     *
     * <p>Fails with the typed {@link FlussException} of the server's error code when the server
     * answers with an error, with {@link NetworkException} when the connection closes first, and with
     * {@link TimeoutException} when no answer arrives within the request timeout; a timeout also
     * closes the connection, failing the other requests on it with {@link NetworkException}. Cancelling
     * the returned Mono forgets the request (a late answer is dropped).
     */
    <Q extends MessageLite, R> Mono<R> send(ApiMethod<Q, R> method, Q request) {
        return sendFrame(method, (allocator, version, requestId) ->
                RequestFrame.encode(allocator, method.key(), version, requestId, request));
    }

    /**
     * Sends one request whose record batches go into the frame by reference, and returns its decoded
     * answer; otherwise like {@link #send(ApiMethod, MessageLite)}.
     */
    <Q extends MessageLite, R> Mono<R> send(ApiMethod<Q, R> method, RecordsMessage<Q> request) {
        return sendFrame(method, (allocator, version, requestId) ->
                RequestFrame.encode(allocator, method.key(), version, requestId, request));
    }

    private <R> Mono<R> sendFrame(ApiMethod<?, R> method, FrameEncoder frame) {
        return Mono.defer(() -> exchange(method, apiVersions.versionFor(method.key(), address), frame));
    }

    private <R> Mono<R> exchange(ApiMethod<?, R> method, short version, FrameEncoder request) {
        Mono<R> answer = Mono.create(sink -> {
            int requestId = (int) requestsNumbered.getAndIncrement();
            PendingRequest<R> entry = new PendingRequest<>(method, sink);
            pending.put(requestId, entry);
            sink.onDispose(() -> pending.remove(requestId, entry));
            // A close that ran before the put above did not see this entry: fail it here.
            Supplier<FlussException> closed = closedError;
            if (closed != null) {
                if (pending.remove(requestId, entry)) {
                    sink.error(closed.get());
                }
                return;
            }
            ByteBuf frame;
            try {
                frame = request.encode(channel.alloc(), version, requestId);
            } catch (RuntimeException e) {
                pending.remove(requestId, entry);
                sink.error(e);
                return;
            }
            channel.writeAndFlush(frame).addListener(write -> {
                if (!write.isSuccess() && pending.remove(requestId, entry)) {
                    sink.error(new NetworkException(
                            "Could not send " + method + " to " + address + ": " + describe(write.cause()), write.cause()));
                }
            });
        });
        return answer.timeout(requestTimeout, Mono.error(() -> new TimeoutException(
                        method + " request to " + address + " got no answer within " + requestTimeout.toMillis() + " ms")))
                // Requests that make the server wait (writes, fetches) ask it to answer well within this
                // time, so a server that has not answered may never answer on this connection (it serves
                // a connection on one of its threads, which may be stuck): drop it, so that retries take
                // a new connection instead of timing out on this one again.
                .doOnError(TimeoutException.class, timedOut -> dispose());
    }

    private Mono<Void> handshake() {
        ApiVersionsRequest request = ApiVersionsRequest.newBuilder()
                .setClientSoftwareName(CLIENT_SOFTWARE_NAME)
                .setClientSoftwareVersion(CLIENT_SOFTWARE_VERSION)
                .build();
        return exchange(ApiMethods.API_VERSIONS, (short) 0,
                (allocator, version, requestId) -> RequestFrame.encode(allocator, ApiKey.API_VERSIONS, version, requestId, request))
                .doOnNext(response -> apiVersions = ServerApiVersions.from(response))
                .then(credentials == null ? Mono.empty() : authenticate(credentials));
    }

    /**
     * Sends the credentials; sends them again after a pause while the server fails them for a
     * passing reason (it then starts the exchange over).
     */
    private Mono<Void> authenticate(PlainCredentials credentials) {
        AuthenticateRequest request = SaslPlainExchange.request(credentials);
        return Mono.defer(() -> exchange(ApiMethods.AUTHENTICATE, (short) 0,
                        (allocator, version, requestId) -> RequestFrame.encode(
                                allocator, ApiKey.AUTHENTICATE, version, requestId, request)))
                .transformDeferred(Retries.onMono(authenticationRetry))
                .onErrorMap(failure -> SaslPlainExchange.explainFailure(failure, credentials, address))
                .doOnNext(answer -> SaslPlainExchange.checkAnswer(answer, credentials, address))
                .doOnNext(answer -> log.debug("Authenticated to {} as {}", address, credentials))
                .then();
    }

    private void startReading() {
        connection.inbound().receive().subscribe(this::onFrame, this::onReadError);
        connection.onDispose(() -> failAll(() -> new NetworkException("Connection to Fluss server " + address + " closed")));
    }

    private void onFrame(ByteBuf frame) {
        if (closedError != null) {
            // The connection is closing and its requests have failed: nothing after that is read.
            return;
        }
        ResponseFrame response;
        try {
            response = ResponseFrame.read(frame);
        } catch (RuntimeException e) {
            closeCorrupt("an unreadable response frame: " + e.getMessage(), e);
            return;
        }
        if (response.type() == ResponseFrame.Type.SERVER_FAILURE) {
            // The server closes the connection after this frame; every request on it is lost.
            FlussException failure = readError(response.body());
            failAll(() -> failure.errorCode().toException(failure.serverMessage()));
            connection.dispose();
            return;
        }
        PendingRequest<?> entry = pending.remove(response.requestId());
        if (entry == null) {
            if (Integer.toUnsignedLong(response.requestId()) >= requestsNumbered.get()) {
                // No request ever had this id: the server's bytes are not what this client sent them for.
                closeCorrupt("an answer to request id " + response.requestId() + ", which was never sent", null);
            } else {
                log.debug("Dropping answer to request {} from {}: it timed out or was cancelled",
                        response.requestId(), address);
            }
            return;
        }
        if (response.type() == ResponseFrame.Type.ERROR) {
            FlussException error = readError(response.body());
            // A server refuses requests on a connection that has not authenticated only when its
            // listener wants authentication: say which setting is missing rather than echo the refusal.
            entry.fail(credentials == null ? SaslPlainExchange.explainUnauthenticated(error, address) : error);
        } else if (!entry.complete(response.body(), address)) {
            // Framed, yet unreadable: the frames may no longer be cut where the server meant them to be,
            // so no later answer on this connection can be trusted.
            closeCorrupt("an unreadable " + entry.method + " response", null);
        }
    }

    private void onReadError(Throwable error) {
        if (error instanceof DecoderException) {
            // The frame decoder met bytes that cannot start a frame.
            closeCorrupt(describe(error), error);
            return;
        }
        failAll(() -> new NetworkException(
                "Connection to Fluss server " + address + " failed: " + describe(error), error));
        connection.dispose();
    }

    /**
     * Closes the connection because the server sent what no server speaking the protocol sends, failing
     * every request still waiting on it with a retriable {@link CorruptMessageException}: their answers
     * can no longer be told apart from garbage, and a retry takes a new connection.
     */
    private void closeCorrupt(String what, Throwable cause) {
        failAll(() -> new CorruptMessageException(
                "Closed the connection to Fluss server " + address + " after " + what, cause));
        connection.dispose();
    }

    private FlussException readError(ByteBuf body) {
        try {
            ErrorResponse error = ErrorResponse.parseFrom(CodedInputStream.newInstance(body.nioBuffer()));
            String message = error.hasErrorMessage() ? error.getErrorMessage() : null;
            return ErrorCode.forCode(error.getErrorCode()).toException(message);
        } catch (Exception e) {
            return new CorruptMessageException("Unreadable error response from " + address, e);
        }
    }

    /** Fails every waiting request, each with its own exception, and every later one too. */
    private void failAll(Supplier<FlussException> error) {
        if (closedError == null) {
            closedError = error;
        }
        Iterator<Map.Entry<Integer, PendingRequest<?>>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Integer, PendingRequest<?>> next = it.next();
            if (pending.remove(next.getKey(), next.getValue())) {
                next.getValue().fail(error.get());
            }
        }
    }

    /** Closes the connection; requests still waiting fail with a {@link NetworkException}. */
    void dispose() {
        // Closed from now on for whoever looks for a connection to send on: the channel closes a little
        // later, on its event loop, and a request sent meanwhile would fail with it.
        disposed = true;
        connection.dispose();
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        String message = error.getMessage();
        return message != null ? message : error.getClass().getSimpleName();
    }

    /** A request waiting for its answer. */
    private static final class PendingRequest<R> {
        private final ApiMethod<?, R> method;
        private final MonoSink<R> sink;

        PendingRequest(ApiMethod<?, R> method, MonoSink<R> sink) {
            this.method = method;
            this.sink = sink;
        }

        /** Decodes the answer and completes the request; returns false when the answer was unreadable. */
        boolean complete(ByteBuf body, String address) {
            R value;
            try {
                value = method.decoder().decode(body);
            } catch (Exception e) {
                sink.error(new CorruptMessageException(
                        "Unreadable " + method + " response from " + address + ": " + e.getMessage(), e));
                return false;
            }
            sink.success(value);
            return true;
        }

        void fail(Throwable error) {
            sink.error(error);
        }
    }

    /** Encodes a request's frame once its id is known. */
    @FunctionalInterface
    private interface FrameEncoder {
        ByteBuf encode(ByteBufAllocator allocator, short version, int requestId);
    }
}
