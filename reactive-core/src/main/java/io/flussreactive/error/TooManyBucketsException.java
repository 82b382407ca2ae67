package io.flussreactive.error;

/**
 * A table, or a table with a new partition, would exceed the number of buckets the cluster allows.
 */
public final class TooManyBucketsException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public TooManyBucketsException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public TooManyBucketsException(String message, Throwable cause) {
        super(ErrorCode.BUCKET_MAX_NUM_EXCEPTION, message, cause);
    }

    TooManyBucketsException(ServerError error) {
        super(error);
    }
}
