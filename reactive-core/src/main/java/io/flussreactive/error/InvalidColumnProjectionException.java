package io.flussreactive.error;

/**
 * A fetch asked for a column projection the server cannot apply: indexes not in ascending
 * order, duplicated or out of range, or a log format other than ARROW.
 */
public final class InvalidColumnProjectionException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public InvalidColumnProjectionException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public InvalidColumnProjectionException(String message, Throwable cause) {
        super(ErrorCode.INVALID_COLUMN_PROJECTION, message, cause);
    }

    InvalidColumnProjectionException(ServerError error) {
        super(error);
    }
}
