package io.flussreactive.internal.record;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A channel that appends to a {@link ByteBuf}, so that Arrow's IPC writer puts its bytes straight
 * into the buffer that is sent. The buffer grows when needed.
 */
final class ByteBufWritableChannel implements WritableByteChannel {

    private final ByteBuf target;

    ByteBufWritableChannel(ByteBuf target) {
        this.target = target;
    }

    @Override
    public int write(ByteBuffer source) {
        int length = source.remaining();
        target.writeBytes(source);
        return length;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
        // The buffer belongs to the caller.
    }
}
