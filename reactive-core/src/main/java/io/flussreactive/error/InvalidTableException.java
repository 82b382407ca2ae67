package io.flussreactive.error;

/**
 * A table name or table descriptor is not valid.
 */
public final class InvalidTableException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public InvalidTableException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public InvalidTableException(String message, Throwable cause) {
        super(ErrorCode.INVALID_TABLE_EXCEPTION, message, cause);
    }

    InvalidTableException(ServerError error) {
        super(error);
    }
}
