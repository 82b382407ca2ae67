package io.flussreactive.error;

/**
 * The tablet server refuses writes because its disk is too full (newer servers). Retriable.
 */
public final class DiskWriteLockedException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public DiskWriteLockedException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public DiskWriteLockedException(String message, Throwable cause) {
        super(ErrorCode.DISK_WRITE_LOCKED, message, cause);
    }

    DiskWriteLockedException(ServerError error) {
        super(error);
    }
}
