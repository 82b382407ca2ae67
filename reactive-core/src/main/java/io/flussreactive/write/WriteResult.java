package io.flussreactive.write;

import java.util.Optional;

/**
 * What became of one written record: acknowledged by the server (with where it landed), or failed.
 *
 * <p>A failed result does not end the stream of results: one bad record (a wrong type, a null in a
 * NOT NULL column) fails alone, and the records around it are still written.
 *
 * @param correlation the metadata the record was written with
 * @param bucket the bucket the record went to, or -1 when it failed before a bucket was chosen
 * @param partitionName the partition the record went to, or null for a non-partitioned table or when
 *     it failed before a partition was chosen
 * @param offset the record's offset in its bucket's log, or -1 when unknown (a failure, or an
 *     acknowledgement that did not carry offsets, such as a retried batch the server had already stored)
 * @param error why the record failed, or null when it was acknowledged
 * @param <T> the type of the correlation metadata
 */
public record WriteResult<T>(T correlation, int bucket, String partitionName, long offset, Throwable error) {

    /** Whether the server acknowledged the record. */
    public boolean isSuccess() {
        return error == null;
    }

    /** The partition the record went to, if any. */
    public Optional<String> partition() {
        return Optional.ofNullable(partitionName);
    }
}
