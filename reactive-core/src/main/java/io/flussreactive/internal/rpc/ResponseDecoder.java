package io.flussreactive.internal.rpc;

import io.netty.buffer.ByteBuf;

/**
 * Turns the body of a successful response frame into a value.
 *
 * <p>Called on the connection's event loop while the frame is still owned by the transport: an
 * implementation must not keep a reference to {@code body} after it returns unless it retains it.
 *
 * @param <T> the decoded type
 */
@FunctionalInterface
public interface ResponseDecoder<T> {

    /**
     * Decodes one response body.
     *
     * @param body the bytes after the response header; readable from its reader index to its writer index
     * @return the decoded value, never null
     * @throws Exception when the bytes are not a valid response
     */
    T decode(ByteBuf body) throws Exception;
}
