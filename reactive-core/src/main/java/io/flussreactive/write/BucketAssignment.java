package io.flussreactive.write;

/** How rows of a log table without a bucket key are spread over its buckets. */
public enum BucketAssignment {
    /** Fill a batch for one bucket, then move to another random bucket (the default: large batches). */
    STICKY,
    /** Each row to the next bucket in turn: even spread, smaller batches. */
    ROUND_ROBIN
}
