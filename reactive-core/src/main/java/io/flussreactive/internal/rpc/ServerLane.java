package io.flussreactive.internal.rpc;

import com.google.protobuf.MessageLite;
import reactor.core.publisher.Mono;

/**
 * A way to send requests to one server and get their answers: what writers, scans and lookups need
 * of a connection. {@link NodeClient} is the real one, a lane of connections opened on demand; a test
 * can put a server of its own in its place and answer as it likes.
 */
public interface ServerLane {

    /**
     * Sends one request.
     *
     * @param method the API called
     * @param request the request
     * @return the decoded answer; an error when the server answers with one or the connection fails
     */
    <Q extends MessageLite, R> Mono<R> send(ApiMethod<Q, R> method, Q request);

    /**
     * Sends one request whose record batches go into the frame by reference; otherwise like
     * {@link #send(ApiMethod, MessageLite)}.
     *
     * @param method the API called
     * @param request the request, whose records stay referenced until it is written
     * @return the decoded answer; an error when the server answers with one or the connection fails
     */
    <Q extends MessageLite, R> Mono<R> send(ApiMethod<Q, R> method, RecordsMessage<Q> request);

    /**
     * The lane of the same server that carries requests for {@code key}: the same key always gets the
     * same lane, so requests with one key reach the server in the order they were sent.
     *
     * @param key any number, for example a bucket's id
     * @return one of the server's lanes
     */
    ServerLane lane(int key);
}
