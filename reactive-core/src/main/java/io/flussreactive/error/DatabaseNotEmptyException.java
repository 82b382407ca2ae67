package io.flussreactive.error;

/**
 * A database still holding tables was dropped without cascading.
 */
public final class DatabaseNotEmptyException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public DatabaseNotEmptyException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public DatabaseNotEmptyException(String message, Throwable cause) {
        super(ErrorCode.DATABASE_NOT_EMPTY, message, cause);
    }

    DatabaseNotEmptyException(ServerError error) {
        super(error);
    }
}
