package io.flussreactive.internal.write;

import io.netty.buffer.ByteBuf;

/**
 * A batch whose records are written straight into the buffer that is sent, so that the buffer itself
 * becomes the batch. It owns the buffer until {@link #handOver()} gives it to the sender, and releases
 * it when closed before that (a writer closed or failed while the batch was being filled).
 */
abstract class BufferOpenBatch implements BatchFormat.OpenBatch {

    /** The batch's bytes: its header (written or reserved) and the records appended so far. */
    protected final ByteBuf bytes;
    private final BatchCapacity capacity;
    private boolean handedOver;
    private boolean closed;

    /**
     * @param bytes the buffer the records go into, owned by this batch from now on
     * @param capacity told the batch's size when it is handed over, for the buffers of the next batches
     */
    BufferOpenBatch(ByteBuf bytes, BatchCapacity capacity) {
        this.bytes = bytes;
        this.capacity = capacity;
    }

    /** Whether the batch was closed. */
    final boolean isClosed() {
        return closed;
    }

    /**
     * Gives the completed buffer away as the batch: from now on closing the batch leaves it alone.
     *
     * @return the buffer, owned by the caller
     */
    final ByteBuf handOver() {
        capacity.batchCompleted(bytes.readableBytes());
        handedOver = true;
        return bytes;
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            if (!handedOver) {
                bytes.release();
            }
        }
    }
}
