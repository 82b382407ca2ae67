package io.flussreactive.error;

/**
 * The requested data lake snapshot of a table does not exist.
 */
public final class LakeSnapshotNotExistException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public LakeSnapshotNotExistException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public LakeSnapshotNotExistException(String message, Throwable cause) {
        super(ErrorCode.LAKE_SNAPSHOT_NOT_EXIST, message, cause);
    }

    LakeSnapshotNotExistException(ServerError error) {
        super(error);
    }
}
