package io.flussreactive.internal.write;

/**
 * The server's answer for one bucket of a write request.
 *
 * @param partitionId the partition id, or -1
 * @param bucket the bucket id
 * @param error the typed error for the bucket, or null on success
 * @param baseOffset the offset of the batch's first record, or -1 when the answer has none
 */
record BucketOutcome(long partitionId, int bucket, Throwable error, long baseOffset) {
}
