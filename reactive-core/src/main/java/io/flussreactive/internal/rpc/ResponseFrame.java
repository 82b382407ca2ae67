package io.flussreactive.internal.rpc;

import io.netty.buffer.ByteBuf;

/**
 * The header of one response frame, read from a frame whose length prefix was already stripped:
 * {@code [type i8][request id i32][body]}, except that a SERVER_FAILURE frame carries no request id.
 *
 * @param type what kind of response this is
 * @param requestId the id of the request answered, or -1 for a server failure (which answers no request)
 * @param body the protobuf body: the response message, or an {@code ErrorResponse}; a slice of the frame
 */
record ResponseFrame(Type type, int requestId, ByteBuf body) {

    /** The response kinds a Fluss server writes. */
    enum Type {
        /** The request succeeded; the body is the API's response message. */
        SUCCESS,
        /** The request failed as a whole; the body is an {@code ErrorResponse}. */
        ERROR,
        /**
         * The server could not process the connection's traffic (for instance an oversized frame); the
         * body is an {@code ErrorResponse} and the server closes the connection after it.
         */
        SERVER_FAILURE
    }

    /**
     * Reads the header of {@code frame}. The returned body is a slice of {@code frame} that shares its
     * reference count.
     *
     * @throws IllegalArgumentException when the frame is too short or has an unknown type
     */
    static ResponseFrame read(ByteBuf frame) {
        if (frame.readableBytes() < 1) {
            throw new IllegalArgumentException("Empty response frame");
        }
        byte type = frame.readByte();
        switch (type) {
            case 0:
            case 1:
                if (frame.readableBytes() < 4) {
                    throw new IllegalArgumentException("Response frame too short for a request id");
                }
                int requestId = frame.readInt();
                return new ResponseFrame(type == 0 ? Type.SUCCESS : Type.ERROR, requestId, frame.slice());
            case 2:
                return new ResponseFrame(Type.SERVER_FAILURE, -1, frame.slice());
            default:
                throw new IllegalArgumentException("Unknown response type " + type);
        }
    }
}
