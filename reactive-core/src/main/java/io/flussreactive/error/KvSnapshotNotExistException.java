package io.flussreactive.error;

/**
 * The requested snapshot of a primary-key bucket does not exist.
 */
public final class KvSnapshotNotExistException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public KvSnapshotNotExistException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public KvSnapshotNotExistException(String message, Throwable cause) {
        super(ErrorCode.KV_SNAPSHOT_NOT_EXIST, message, cause);
    }

    KvSnapshotNotExistException(ServerError error) {
        super(error);
    }
}
