package io.flussreactive.internal.fetch;

import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.scan.RecordBatch;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

/**
 * Turns the {@code records} of one bucket of a fetch answer into record batches of the scan's
 * columns. Runs off the event loop (decompression is CPU work).
 */
interface FetchedBatchDecoder {

    /** The schema ids the batches in {@code records} were written with (read from their headers). */
    Set<Integer> schemaIds(ByteBuffer records);

    /**
     * Where the next fetch after {@code records} starts, read from the batch headers alone, so that it
     * can be sent before these records are decoded.
     *
     * @param records the concatenated log batches of one bucket (a trailing partial batch is ignored)
     * @param fetchOffset the offset asked for
     * @return the offset after the last complete batch, or {@code fetchOffset} when there is none
     * @throws io.flussreactive.error.CorruptRecordException when a batch header is invalid
     */
    long nextOffset(ByteBuffer records, long fetchOffset);

    /**
     * Decodes the batches in {@code records}.
     *
     * @param records the concatenated log batches of one bucket (a trailing partial batch is ignored)
     * @param fetchOffset the offset asked for: rows before it are dropped
     * @param bucket the bucket they come from
     * @return the batches with at least one row, in offset order (where the next fetch starts is
     *     {@link #nextOffset})
     */
    List<RecordBatch> decode(ByteBuffer records, long fetchOffset, PhysicalBucket bucket);
}
