package io.flussreactive.error;

/**
 * The server failed to store or read log data. Retriable.
 */
public final class LogStorageException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public LogStorageException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public LogStorageException(String message, Throwable cause) {
        super(ErrorCode.LOG_STORAGE_EXCEPTION, message, cause);
    }

    LogStorageException(ServerError error) {
        super(error);
    }
}
