package io.flussreactive.error;

/**
 * An offset lookup by timestamp asked for a time the bucket cannot answer, for example one in
 * the future.
 */
public final class InvalidTimestampException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public InvalidTimestampException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public InvalidTimestampException(String message, Throwable cause) {
        super(ErrorCode.INVALID_TIMESTAMP_EXCEPTION, message, cause);
    }

    InvalidTimestampException(ServerError error) {
        super(error);
    }
}
