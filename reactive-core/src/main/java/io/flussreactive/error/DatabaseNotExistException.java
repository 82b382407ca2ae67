package io.flussreactive.error;

/**
 * The database named in a request does not exist.
 */
public final class DatabaseNotExistException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public DatabaseNotExistException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public DatabaseNotExistException(String message, Throwable cause) {
        super(ErrorCode.DATABASE_NOT_EXIST, message, cause);
    }

    DatabaseNotExistException(ServerError error) {
        super(error);
    }
}
