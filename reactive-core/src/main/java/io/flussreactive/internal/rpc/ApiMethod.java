package io.flussreactive.internal.rpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * One callable API: its key and how its response body is decoded. The request type parameter keeps
 * callers from sending the wrong message for a key.
 *
 * @param <Q> the request message
 * @param <R> the decoded response
 */
public final class ApiMethod<Q extends MessageLite, R> {

    private final ApiKey key;
    private final ResponseDecoder<R> decoder;

    private ApiMethod(ApiKey key, ResponseDecoder<R> decoder) {
        this.key = Objects.requireNonNull(key, "key");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    /**
     * A method whose response is a plain protobuf message.
     *
     * @param key the API key
     * @param parser the response message parser
     * @param <Q> the request message
     * @param <R> the response message
     * @return the method
     */
    public static <Q extends MessageLite, R extends MessageLite> ApiMethod<Q, R> of(ApiKey key, Parser<R> parser) {
        return new ApiMethod<>(key, body -> parser.parseFrom(aliasingInput(body)));
    }

    /**
     * A protobuf input over a response body. Protobuf reads a direct buffer by copying it into an array
     * of its own; that array is private and never changes, so {@code bytes} fields (the records of a
     * fetch, the values of a lookup) may share it instead of being copied a second time.
     */
    private static CodedInputStream aliasingInput(ByteBuf body) {
        CodedInputStream input = CodedInputStream.newInstance(body.nioBuffer());
        input.enableAliasing(true);
        return input;
    }

    /**
     * A method with a custom response decoder, for responses worth decoding without an intermediate copy.
     *
     * @param key the API key
     * @param decoder the response decoder
     * @param <Q> the request message
     * @param <R> the decoded response
     * @return the method
     */
    public static <Q extends MessageLite, R> ApiMethod<Q, R> withDecoder(ApiKey key, ResponseDecoder<R> decoder) {
        return new ApiMethod<>(key, decoder);
    }

    /** The API key of this method. */
    public ApiKey key() {
        return key;
    }

    /** The decoder of this method's response body. */
    public ResponseDecoder<R> decoder() {
        return decoder;
    }

    @Override
    public String toString() {
        return key.name();
    }
}
