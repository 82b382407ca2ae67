package io.flussreactive.internal.write;

import io.flussreactive.row.Row;

/**
 * A record checked and measured, ready for its batch.
 *
 * @param row the row (for a partial update, with the columns not updated set to null)
 * @param sizeInBytes about what it takes in an encoded batch
 * @param bucketKey the encoded bucket key, or null when the table has none (rows are spread freely)
 * @param key the encoded primary key (primary-key tables), or null
 * @param value the encoded value row, or null for a delete or for log tables
 */
record PreparedRecord(Row row, long sizeInBytes, byte[] bucketKey, byte[] key, byte[] value) {

    /** What the record reserves in the write buffer until it is acknowledged: see {@link WriteBuffer#reservationFor}. */
    long reservedBytes() {
        return WriteBuffer.reservationFor(sizeInBytes);
    }
}
