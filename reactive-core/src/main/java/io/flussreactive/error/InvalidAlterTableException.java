package io.flussreactive.error;

/**
 * A table change is not allowed, for example an unsupported column change or a setting that
 * cannot be altered.
 */
public final class InvalidAlterTableException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public InvalidAlterTableException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public InvalidAlterTableException(String message, Throwable cause) {
        super(ErrorCode.INVALID_ALTER_TABLE_EXCEPTION, message, cause);
    }

    InvalidAlterTableException(ServerError error) {
        super(error);
    }
}
