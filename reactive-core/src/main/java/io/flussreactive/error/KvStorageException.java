package io.flussreactive.error;

/**
 * The server failed to store or read primary-key data. Retriable.
 */
public final class KvStorageException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public KvStorageException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public KvStorageException(String message, Throwable cause) {
        super(ErrorCode.KV_STORAGE_EXCEPTION, message, cause);
    }

    KvStorageException(ServerError error) {
        super(error);
    }
}
