package io.flussreactive.error;

/**
 * A database was created under a name already taken.
 */
public final class DatabaseAlreadyExistException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public DatabaseAlreadyExistException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public DatabaseAlreadyExistException(String message, Throwable cause) {
        super(ErrorCode.DATABASE_ALREADY_EXIST, message, cause);
    }

    DatabaseAlreadyExistException(ServerError error) {
        super(error);
    }
}
