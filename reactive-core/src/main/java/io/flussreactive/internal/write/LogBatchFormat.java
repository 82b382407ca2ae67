package io.flussreactive.internal.write;

import io.flussreactive.row.Row;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * How rows become one log record batch in the table's log format (ARROW by default): a batch is
 * opened, rows are appended one by one, and the batch is encoded once, off the writer's thread.
 */
interface LogBatchFormat {

    /**
     * What {@code row} will add to a batch, in bytes, for the write buffer's accounting.
     *
     * @throws IllegalArgumentException when the row cannot be written (wrong arity or value types)
     */
    long estimatedSize(Row row);

    /** Opens an empty batch. */
    OpenBatch open();

    /** A batch that rows are appended to. Used by one thread at a time. */
    interface OpenBatch extends AutoCloseable {

        /**
         * Appends a row, or leaves the batch unchanged and throws when the row is invalid.
         *
         * @throws IllegalArgumentException naming the column and the problem
         */
        void append(Row row);

        /** The number of rows appended. */
        int rowCount();

        /**
         * Encodes the batch: header (with placeholder writer id and sequence), body, checksum.
         *
         * @param allocator where the bytes go
         * @return the complete batch, owned by the caller
         */
        ByteBuf encode(ByteBufAllocator allocator);

        /** Releases the batch's memory. Safe to call more than once. */
        @Override
        void close();
    }

    /** Writes writer id and batch sequence into an encoded batch and fixes its checksum. */
    void stamp(ByteBuf batch, long writerId, int batchSequence);
}
