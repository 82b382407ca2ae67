package io.flussreactive.error;

/**
 * A table was created under a name already taken.
 */
public final class TableAlreadyExistException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public TableAlreadyExistException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public TableAlreadyExistException(String message, Throwable cause) {
        super(ErrorCode.TABLE_ALREADY_EXIST, message, cause);
    }

    TableAlreadyExistException(ServerError error) {
        super(error);
    }
}
