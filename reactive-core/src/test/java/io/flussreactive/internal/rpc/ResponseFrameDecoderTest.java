package io.flussreactive.internal.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponseFrameDecoderTest {

    private static final int MAX = 16;

    private final EmbeddedChannel channel = new EmbeddedChannel(new ResponseFrameDecoder(MAX));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private static ByteBuf bytes(int... values) {
        ByteBuf buf = Unpooled.buffer();
        for (int value : values) {
            buf.writeByte(value);
        }
        return buf;
    }

    private String nextFrame() {
        ByteBuf frame = channel.readInbound();
        try {
            return ByteBufUtil.hexDump(frame);
        } finally {
            frame.release();
        }
    }

    @Test
    void aFrameReadInPiecesGoesOnWholeWithoutItsLengthField() {
        channel.writeInbound(bytes(0, 0));
        channel.writeInbound(bytes(0, 3, 0xa));
        assertThat(channel.inboundMessages()).isEmpty();

        channel.writeInbound(bytes(0xb, 0xc, 0, 0, 0, 1, 0xd));

        assertThat(nextFrame()).isEqualTo("0a0b0c");
        assertThat(nextFrame()).isEqualTo("0d");
        assertThat(channel.inboundMessages()).isEmpty();
    }

    @Test
    void aFrameOfExactlyTheLimitIsAccepted() {
        ByteBuf frame = Unpooled.buffer().writeInt(MAX).writeZero(MAX);

        channel.writeInbound(frame);

        assertThat(nextFrame()).hasSize(2 * MAX);
    }

    @Test
    void aLengthOverTheLimitFailsNamingItAndTheBytesAfterItAreDropped() {
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.buffer().writeInt(MAX + 1).writeZero(3)))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("a frame of " + (MAX + 1) + " bytes")
                .hasMessageContaining("maxResponseFrameBytes (" + MAX + ")");

        // What follows cannot be framed: a well-formed frame after it is dropped too.
        channel.writeInbound(bytes(0, 0, 0, 1, 0xd));
        assertThat(channel.inboundMessages()).isEmpty();
    }

    @Test
    void aNegativeLengthFailsNamingIt() {
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.buffer().writeInt(-5).writeZero(3)))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("negative frame length (-5)");
    }
}
