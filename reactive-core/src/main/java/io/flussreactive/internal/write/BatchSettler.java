package io.flussreactive.internal.write;

import io.flussreactive.internal.telemetry.WriterTelemetry;

/**
 * Settles a writer's batches, each once: its records get their results, its bytes and its share of
 * the write buffer are released, and the writer is told.
 *
 * <p>Used only from the writer's {@link io.flussreactive.internal.util.SerialExecutor}, by its
 * {@link Sender}.
 */
final class BatchSettler {

    private final WriteBuffer buffer;
    private final Sender.BatchSettledListener settled;
    private final WriterTelemetry telemetry;

    /**
     * @param buffer where the batches' bytes were reserved
     * @param settled told of each batch once it is settled
     * @param telemetry counts the records of each batch settled
     */
    BatchSettler(WriteBuffer buffer, Sender.BatchSettledListener settled, WriterTelemetry telemetry) {
        this.buffer = buffer;
        this.settled = settled;
        this.telemetry = telemetry;
    }

    /** The batch was stored at {@code baseOffset} (-1 when the answer did not say). */
    void acknowledge(WriteBatch batch, long baseOffset) {
        settle(batch, null, baseOffset);
    }

    /** The batch failed for good, for this reason. */
    void fail(WriteBatch batch, Throwable error) {
        settle(batch, error, -1);
    }

    /** Does nothing for a batch already settled (say by its delivery timeout while in flight). */
    private void settle(WriteBatch batch, Throwable error, long baseOffset) {
        if (batch.state() == WriteBatch.State.DONE) {
            return;
        }
        batch.finish();
        buffer.release(batch.reservedBytes());
        telemetry.batchSettled(batch.recordCount(), error == null);
        if (error == null) {
            batch.records().succeed(batch.bucket(), baseOffset);
        } else {
            batch.records().fail(batch.bucket(), error);
        }
        settled.settled(batch, error);
    }
}
