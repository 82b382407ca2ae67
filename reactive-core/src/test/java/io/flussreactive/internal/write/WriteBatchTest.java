package io.flussreactive.internal.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.internal.meta.PhysicalBucket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** Stamping a batch's writer id and sequence into bytes that request frames refer to. */
class WriteBatchTest {

    private static final PhysicalBucket BUCKET = new PhysicalBucket(7, -1, null, 2);

    /** Writes the sequence into the first byte. */
    private static final WriteBatch.BatchStamper FIRST_BYTE = (batch, writerId, sequence) ->
            batch.setByte(batch.readerIndex(), sequence);

    @Test
    void stampingBytesNoFrameHoldsChangesThemInPlace() {
        WriteBatch batch = encodedBatch();
        ByteBuf bytes = batch.bytes();

        batch.stamp(1, 5);

        assertThat(batch.bytes()).isSameAs(bytes);
        assertThat(bytes.getByte(0)).isEqualTo((byte) 5);
        batch.finish();
        assertThat(bytes.refCnt()).isZero();
    }

    /**
     * A frame of an earlier attempt may still hold the bytes while its connection closes: a new stamp
     * goes into a copy, and that frame keeps what it was going to send.
     */
    @Test
    void stampingBytesAnEarlierFrameStillHoldsLeavesThatFrameAsItWas() {
        WriteBatch batch = encodedBatch();
        batch.stamp(1, 5);
        ByteBuf heldByFrame = batch.bytes().retainedSlice();

        batch.stamp(1, 6);

        assertThat(heldByFrame.getByte(0)).as("what the earlier frame sends").isEqualTo((byte) 5);
        assertThat(batch.bytes().getByte(0)).as("what the next attempt sends").isEqualTo((byte) 6);
        assertThat(batch.bytes().getByte(1)).as("the rest of the batch, copied").isEqualTo((byte) 42);
        batch.finish();
        assertThat(heldByFrame.refCnt()).as("the earlier frame's reference outlives the batch").isEqualTo(1);
        heldByFrame.release();
        assertThat(heldByFrame.refCnt()).isZero();
    }

    private static WriteBatch encodedBatch() {
        WriteBatch batch = new WriteBatch(BUCKET, new PendingRecords(), 0, Long.MAX_VALUE, FIRST_BYTE);
        ByteBuf bytes = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        bytes.writeZero(1).writeByte(42).writeZero(14);
        batch.encoded(bytes);
        return batch;
    }
}
