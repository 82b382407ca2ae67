package io.flussreactive.internal.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.flussreactive.error.NetworkException;
import io.flussreactive.internal.proto.ProduceLogRequest;
import io.flussreactive.internal.proto.PutKvRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * A server in the hands of a test, in place of a connection: it answers nothing by itself.
 *
 * <p>The test takes the requests in the order they arrived, naming with {@link #expect} the API each
 * must call, looks at what it asks, and answers when it chooses: with a response, with an error, never,
 * or by {@link #dropConnection dropping the connection} under every request not answered yet. So the
 * test decides in which order answers meet the code's next steps, without waiting for time to pass.
 *
 * <p>Requests whose records go into the frame by reference are read as the server would read them;
 * responses are decoded by the method's decoder, as a connection decodes them.
 */
public final class ScriptedServer implements ServerLane {

    /** How long {@link #expect} waits for a request: only a hang (a request never sent) waits this long. */
    private static final long HANG_SECONDS = 10;

    /** How the server reads the requests whose records go into the frame by reference. */
    private static final Map<ApiKey, Parser<? extends MessageLite>> RECORDS_REQUESTS = Map.of(
            ApiKey.PRODUCE_LOG, ProduceLogRequest.parser(),
            ApiKey.PUT_KV, PutKvRequest.parser());

    private final String name;
    private final Queue<Exchange<?, ?>> received = new ConcurrentLinkedQueue<>();
    private final Queue<Exchange<?, ?>> notTaken = new ConcurrentLinkedQueue<>();
    // Released without blocking: requests may arrive on threads that must not block.
    private final Semaphore arrivals = new Semaphore(0);

    /**
     * Creates a server that has received nothing yet.
     *
     * @param name its name in messages
     */
    public ScriptedServer(String name) {
        this.name = name;
    }

    @Override
    public <Q extends MessageLite, R> Mono<R> send(ApiMethod<Q, R> method, Q request) {
        return Mono.create(sink -> arrived(new Exchange<>(method, request, sink)));
    }

    @Override
    public <Q extends MessageLite, R> Mono<R> send(ApiMethod<Q, R> method, RecordsMessage<Q> request) {
        // Read on arrival, as a connection writes the frame when sent: the sender may change the records later.
        return Mono.create(sink -> arrived(new Exchange<>(method, read(method.key(), request), sink)));
    }

    /** This server itself: one connection, on which requests arrive in the order they were sent. */
    @Override
    public ServerLane lane(int key) {
        return this;
    }

    /**
     * Takes the next request received, waiting for it if none is there yet.
     *
     * @param method the API the request must call
     * @return the request, not answered yet
     * @throws AssertionError when the next request calls another API, or none comes
     */
    @SuppressWarnings("unchecked")
    public <Q extends MessageLite, R> Exchange<Q, R> expect(ApiMethod<Q, R> method) {
        try {
            if (!arrivals.tryAcquire(HANG_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("No request came to " + name + "; expected " + method);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + method, e);
        }
        Exchange<?, ?> next = notTaken.poll();
        if (next.method != method) {
            throw new AssertionError("Expected a " + method + " request to " + name + ", got " + next);
        }
        return (Exchange<Q, R>) next;
    }

    /** Asserts that every request received so far was taken by {@link #expect}. */
    public void expectNoMoreRequests() {
        assertThat(notTaken).as("requests to %s that the test did not expect", name).isEmpty();
    }

    /** Fails every request not answered yet, as a connection that closes fails the requests it carried. */
    public void dropConnection() {
        for (Exchange<?, ?> exchange : received) {
            if (exchange.answered.compareAndSet(false, true)) {
                exchange.sink.error(new NetworkException("Connection to Fluss server " + name + " closed"));
            }
        }
    }

    private void arrived(Exchange<?, ?> exchange) {
        received.add(exchange);
        notTaken.add(exchange);
        arrivals.release();
    }

    @SuppressWarnings("unchecked")
    private static <Q extends MessageLite> Q read(ApiKey key, RecordsMessage<Q> message) {
        ByteBuf copied = Unpooled.buffer(message.copiedSize());
        CompositeByteBuf frame = Unpooled.compositeBuffer();
        try {
            message.writeTo(copied, frame);
            return (Q) RECORDS_REQUESTS.get(key).parseFrom(ByteBufUtil.getBytes(frame));
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("The server could not read a " + key + " request", e);
        } finally {
            frame.release();
            copied.release();
        }
    }

    /**
     * One request and its answer, which the test gives once.
     *
     * @param <Q> the request message
     * @param <R> the decoded response
     */
    public static final class Exchange<Q extends MessageLite, R> {

        private final ApiMethod<Q, R> method;
        private final Q request;
        private final MonoSink<R> sink;
        private final AtomicBoolean answered = new AtomicBoolean();

        private Exchange(ApiMethod<Q, R> method, Q request, MonoSink<R> sink) {
            this.method = method;
            this.request = request;
            this.sink = sink;
        }

        /** The request as the server reads it. */
        public Q request() {
            return request;
        }

        /**
         * Answers with a response.
         *
         * @param response the response message as the server writes it
         */
        public void respond(MessageLite response) {
            answering();
            R decoded;
            try {
                decoded = method.decoder().decode(Unpooled.wrappedBuffer(response.toByteArray()));
            } catch (Exception e) {
                throw new AssertionError("The " + method + " decoder cannot read " + response, e);
            }
            sink.success(decoded);
        }

        /**
         * Answers with an error, as a connection does for an error response, a timeout or a failed write.
         *
         * @param error what the request fails with
         */
        public void fail(Throwable error) {
            answering();
            sink.error(error);
        }

        private void answering() {
            if (!answered.compareAndSet(false, true)) {
                throw new AssertionError("The " + this + " was answered already (or its connection dropped)");
            }
        }

        @Override
        public String toString() {
            return method + " request " + request.toString().replace('\n', ' ').trim();
        }
    }
}
