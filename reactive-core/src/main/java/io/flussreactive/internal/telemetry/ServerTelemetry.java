package io.flussreactive.internal.telemetry;

import io.flussreactive.internal.rpc.ApiKey;
import reactor.core.publisher.Mono;

/** What the requests and connections of one server record. */
public interface ServerTelemetry {

    /** Records nothing. */
    ServerTelemetry NONE = new ServerTelemetry() {
    };

    /**
     * Times a request from its sending to its answer, and counts it in flight meanwhile.
     *
     * @param api the request's API
     * @param request the request, sent when subscribed
     * @param <R> the answer
     * @return the request, timed; {@link #NONE} returns it as it is
     */
    default <R> Mono<R> timed(ApiKey api, Mono<R> request) {
        return request;
    }

    /** A connection to the server opened (and negotiated its versions). */
    default void connectionOpened() {
    }

    /** A connection to the server closed. */
    default void connectionClosed() {
    }
}
