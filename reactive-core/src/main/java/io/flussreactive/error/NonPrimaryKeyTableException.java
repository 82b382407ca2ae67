package io.flussreactive.error;

/**
 * A primary-key operation (put, lookup, prefix lookup) was sent for a table without a
 * primary key.
 */
public final class NonPrimaryKeyTableException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public NonPrimaryKeyTableException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public NonPrimaryKeyTableException(String message, Throwable cause) {
        super(ErrorCode.NON_PRIMARY_KEY_TABLE_EXCEPTION, message, cause);
    }

    NonPrimaryKeyTableException(ServerError error) {
        super(error);
    }
}
