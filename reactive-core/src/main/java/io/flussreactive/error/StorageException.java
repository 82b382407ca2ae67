package io.flussreactive.error;

/**
 * The server hit a storage failure that is neither log- nor primary-key-specific. Retriable.
 */
public final class StorageException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public StorageException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public StorageException(String message, Throwable cause) {
        super(ErrorCode.STORAGE_EXCEPTION, message, cause);
    }

    StorageException(ServerError error) {
        super(error);
    }
}
