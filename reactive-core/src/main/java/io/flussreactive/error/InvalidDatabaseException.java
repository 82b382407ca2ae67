package io.flussreactive.error;

/**
 * A database name or database descriptor is not valid.
 */
public final class InvalidDatabaseException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public InvalidDatabaseException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public InvalidDatabaseException(String message, Throwable cause) {
        super(ErrorCode.INVALID_DATABASE_EXCEPTION, message, cause);
    }

    InvalidDatabaseException(ServerError error) {
        super(error);
    }
}
