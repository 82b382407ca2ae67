package io.flussreactive.internal.write;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.write.WriteRecord;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * How records become one batch of the table's kind: ARROW, INDEXED or COMPACTED log batches for log
 * tables, by their log format, and KV batches for primary-key tables. A record is prepared once on the
 * caller's thread (checked, sized, its keys encoded), appended to its bucket's open batch, and the batch
 * is encoded once, off the writer's thread.
 */
interface BatchFormat {

    /**
     * Checks a record and works out what the writer needs from it.
     *
     * @throws IllegalArgumentException naming the column and the problem when the record cannot be written
     */
    PreparedRecord prepare(WriteRecord<?> record);

    /**
     * The failure of a delete written to a log table.
     *
     * @param table the log table
     * @return the failure, naming the table
     */
    static IllegalArgumentException deleteFromLogTable(TableInfo table) {
        return new IllegalArgumentException("Table " + table.tablePath() + " is a log table: rows are appended, "
                + "not deleted");
    }

    /** Opens an empty batch. */
    OpenBatch open();

    /** The bytes an encoded batch takes besides its records (its header). */
    int headerBytes();

    /** Writes writer id and batch sequence into an encoded batch and fixes its checksum. */
    void stamp(ByteBuf batch, long writerId, int batchSequence);

    /** A batch that records are appended to. Used by one thread at a time. */
    interface OpenBatch extends AutoCloseable {

        /**
         * Appends a prepared record, or leaves the batch unchanged and throws when it cannot.
         *
         * @throws IllegalArgumentException naming the problem
         */
        void append(PreparedRecord record);

        /** The number of records appended. */
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
}
