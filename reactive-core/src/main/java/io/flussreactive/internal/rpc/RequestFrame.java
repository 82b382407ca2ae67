package io.flussreactive.internal.rpc;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes request frames: {@code [length i32][api key i16][api version i16][request id i32][protobuf body]},
 * every header integer big-endian; the length counts the bytes after itself.
 */
public final class RequestFrame {

    /** Bytes of the request header after the length field. */
    public static final int HEADER_SIZE = 8;

    private RequestFrame() {
    }

    /**
     * Encodes one request into a single buffer sized exactly for it.
     *
     * @param allocator where the frame's buffer comes from
     * @param key the request's API
     * @param version the API version the request is written in
     * @param requestId the id the answer will carry
     * @param body the request message
     * @return a buffer the caller owns (release it, or hand it to a channel write)
     */
    public static ByteBuf encode(ByteBufAllocator allocator, ApiKey key, short version, int requestId, MessageLite body) {
        int bodySize = body.getSerializedSize();
        ByteBuf frame = allocator.buffer(4 + HEADER_SIZE + bodySize, 4 + HEADER_SIZE + bodySize);
        try {
            writeHeader(frame, bodySize, key, version, requestId);
            CodedOutputStream out = CodedOutputStream.newInstance(frame.nioBuffer(frame.writerIndex(), bodySize));
            body.writeTo(out);
            out.checkNoSpaceLeft();
            frame.writerIndex(frame.writerIndex() + bodySize);
            return frame;
        } catch (IOException e) {
            frame.release();
            throw new UncheckedIOException("Could not serialize " + key + " request", e);
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
    }

    /**
     * Encodes one request whose record batches are not copied: the frame is a composite of the copied
     * header and fields and of slices of the batches, which it keeps a reference to until it is released.
     *
     * @param allocator where the frame's buffers come from
     * @param key the request's API
     * @param version the API version the request is written in
     * @param requestId the id the answer will carry
     * @param body the request message
     * @return a buffer the caller owns (release it, or hand it to a channel write)
     */
    public static ByteBuf encode(ByteBufAllocator allocator, ApiKey key, short version, int requestId,
            RecordsMessage<?> body) {
        int bodySize = body.serializedSize();
        ByteBuf copied = allocator.buffer(4 + HEADER_SIZE + body.copiedSize());
        CompositeByteBuf frame = allocator.compositeBuffer(Integer.MAX_VALUE);
        try {
            writeHeader(copied, bodySize, key, version, requestId);
            body.writeTo(copied, frame);
            return frame;
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        } finally {
            copied.release();
        }
    }

    private static void writeHeader(ByteBuf frame, int bodySize, ApiKey key, short version, int requestId) {
        frame.writeInt(HEADER_SIZE + bodySize);
        frame.writeShort(key.id());
        frame.writeShort(version);
        frame.writeInt(requestId);
    }
}
