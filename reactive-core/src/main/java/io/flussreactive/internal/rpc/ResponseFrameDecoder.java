package io.flussreactive.internal.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;

/**
 * Cuts the bytes a server sends into response frames: {@code [length i32][length bytes]}, big-endian,
 * the length counting the bytes after itself. Each frame goes on without its length field, as a
 * retained slice of the bytes read.
 *
 * <p>A negative length, or one above the limit, cannot start a frame of a server that speaks the
 * protocol: it fails with a {@link CorruptedFrameException} naming the length, and every byte after it is
 * dropped unread, since nothing tells where a next frame would begin. The connection is then of no
 * further use; its owner closes it.
 */
final class ResponseFrameDecoder extends ByteToMessageDecoder {

    private static final int LENGTH_FIELD_BYTES = 4;

    private final int maxFrameBytes;
    private boolean corrupt;

    /**
     * @param maxFrameBytes the largest frame accepted, length field excluded
     */
    ResponseFrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (corrupt) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < LENGTH_FIELD_BYTES) {
            return;
        }
        // Read as a signed number on purpose: a negative length is garbage, not a frame of 2 GiB or more.
        int length = in.getInt(in.readerIndex());
        if (length < 0 || length > maxFrameBytes) {
            corrupt = true;
            in.skipBytes(in.readableBytes());
            throw new CorruptedFrameException(length < 0
                    ? "a negative frame length (" + length + ")"
                    : "a frame of " + length + " bytes, more than maxResponseFrameBytes (" + maxFrameBytes + ")");
        }
        if (in.readableBytes() < LENGTH_FIELD_BYTES + length) {
            return;
        }
        in.skipBytes(LENGTH_FIELD_BYTES);
        out.add(in.readRetainedSlice(length));
    }
}
