package io.flussreactive.error;

/**
 * The server does not know the table or bucket of a request, for example right after it was
 * created or dropped. Retriable after a metadata refresh.
 */
public final class UnknownTableOrBucketException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public UnknownTableOrBucketException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public UnknownTableOrBucketException(String message, Throwable cause) {
        super(ErrorCode.UNKNOWN_TABLE_OR_BUCKET_EXCEPTION, message, cause);
    }

    UnknownTableOrBucketException(ServerError error) {
        super(error);
    }
}
