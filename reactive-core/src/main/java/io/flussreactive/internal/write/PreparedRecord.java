package io.flussreactive.internal.write;

import io.flussreactive.row.Row;
import io.flussreactive.write.WriteRecord;

/**
 * A record checked and measured, ready for its batch.
 *
 * @param row the row (for a partial update, with the columns not updated set to null)
 * @param sizeInBytes about what it takes in an encoded batch
 * @param bucketKey the encoded bucket key, or null when the table has none (rows are spread freely)
 * @param key the encoded primary key (primary-key tables), or null
 * @param value the encoded value row (primary-key tables) or the encoded record (INDEXED and COMPACTED
 *     log tables), or null for a delete or for ARROW log tables
 * @param reservedBytes what the record reserves in the write buffer until it is in a batch, its row
 *     being alive (see {@link WriteBuffer#reservationFor})
 * @param batchedBytes what it keeps reserved once in its batch, until its result
 */
record PreparedRecord(Row row, long sizeInBytes, byte[] bucketKey, byte[] key, byte[] value, long reservedBytes,
        long batchedBytes) {

    /**
     * A record checked and measured, with the reservations {@link WriteBuffer#reservationFor} asks for it.
     *
     * @param record the record, whose correlation decides what it keeps on the heap once in its batch
     */
    PreparedRecord(WriteRecord<?> record, Row row, long sizeInBytes, byte[] bucketKey, byte[] key, byte[] value) {
        this(row, sizeInBytes, bucketKey, key, value, WriteBuffer.reservationFor(sizeInBytes, true),
                WriteBuffer.reservationFor(sizeInBytes, record.correlation() != null));
    }
}
