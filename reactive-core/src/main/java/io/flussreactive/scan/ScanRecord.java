package io.flussreactive.scan;

import io.flussreactive.row.Row;
import java.util.Optional;

/**
 * One record read from a table's log, detached from the batch it came in.
 *
 * @param bucket the bucket it was read from
 * @param partitionName the partition it was read from, or null for a non-partitioned table
 * @param offset its offset in the bucket's log, or -1 for a row of a KV snapshot ({@link Scan#fromSnapshot()})
 * @param timestamp when the server stored it, in epoch milliseconds, or -1 for a row of a KV snapshot
 * @param changeType what it means: {@code +A} in a log table, {@code +I -U +U -D} in a changelog, {@code +I}
 *     for a row of a KV snapshot
 * @param row its values (the projected columns only, in the scan's column order)
 */
public record ScanRecord(int bucket, String partitionName, long offset, long timestamp, ChangeType changeType, Row row) {

    /** The partition, if the table is partitioned. */
    public Optional<String> partition() {
        return Optional.ofNullable(partitionName);
    }
}
