package io.flussreactive.error;

/**
 * The table named in a request does not exist.
 */
public final class TableNotExistException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public TableNotExistException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public TableNotExistException(String message, Throwable cause) {
        super(ErrorCode.TABLE_NOT_EXIST, message, cause);
    }

    TableNotExistException(ServerError error) {
        super(error);
    }
}
