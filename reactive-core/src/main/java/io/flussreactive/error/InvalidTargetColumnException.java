package io.flussreactive.error;

/**
 * A partial update names target columns that are not valid for the table, for example ones
 * that leave out part of the primary key or include an auto-increment column.
 */
public final class InvalidTargetColumnException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public InvalidTargetColumnException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public InvalidTargetColumnException(String message, Throwable cause) {
        super(ErrorCode.INVALID_TARGET_COLUMN, message, cause);
    }

    InvalidTargetColumnException(ServerError error) {
        super(error);
    }
}
