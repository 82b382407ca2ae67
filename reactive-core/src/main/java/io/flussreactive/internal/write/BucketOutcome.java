package io.flussreactive.internal.write;

import io.flussreactive.internal.meta.BucketKey;

/**
 * The server's answer for one bucket of a write request.
 *
 * @param bucket the bucket the answer is about
 * @param error the typed error for the bucket, or null on success
 * @param baseOffset the offset of the batch's first record, or -1 when the answer has none
 */
record BucketOutcome(BucketKey bucket, Throwable error, long baseOffset) {
}
