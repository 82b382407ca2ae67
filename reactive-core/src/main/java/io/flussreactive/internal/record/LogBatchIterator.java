package io.flussreactive.internal.record;

import io.netty.buffer.ByteBuf;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Walks a records blob (the concatenation of batches that produce requests carry and fetch
 * responses return) batch by batch, without moving the blob's indexes.
 *
 * <p>A fetch may end with the beginning of a batch that did not fit its byte limit; such a partial
 * batch is not returned. Batches are not verified here.
 */
public final class LogBatchIterator implements Iterator<LogBatchSlice> {

    private final ByteBuf records;
    private final int end;
    private int position;

    /**
     * Walks the readable bytes of a blob.
     *
     * @param records the blob, from its reader index to its writer index
     */
    public LogBatchIterator(ByteBuf records) {
        this.records = records;
        this.position = records.readerIndex();
        this.end = records.writerIndex();
    }

    /**
     * Whether a complete batch follows.
     *
     * @return false at the end of the blob and before a partial batch
     */
    @Override
    public boolean hasNext() {
        int remaining = end - position;
        if (remaining < LogBatchHeader.LOG_OVERHEAD) {
            return false;
        }
        int length = records.getIntLE(position + LogBatchLayout.LENGTH_OFFSET);
        // A negative length is corruption, not a partial batch: next() reports it.
        return length < 0 || length <= remaining - LogBatchHeader.LOG_OVERHEAD;
    }

    /**
     * The next complete batch.
     *
     * @return the batch
     * @throws NoSuchElementException when no complete batch follows
     * @throws io.flussreactive.error.CorruptRecordException when the batch header is invalid
     */
    @Override
    public LogBatchSlice next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        LogBatchHeader header = LogBatchHeader.read(records, position);
        LogBatchSlice slice = new LogBatchSlice(header, records.slice(position, header.batchSize()));
        position += header.batchSize();
        return slice;
    }

    /**
     * The bytes of the complete batches returned so far, counted from the blob's reader index.
     *
     * @return the bytes walked
     */
    public int bytesWalked() {
        return position - records.readerIndex();
    }
}
