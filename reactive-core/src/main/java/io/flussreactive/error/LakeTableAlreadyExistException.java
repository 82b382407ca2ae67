package io.flussreactive.error;

/**
 * A table was created whose data lake counterpart already exists.
 */
public final class LakeTableAlreadyExistException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public LakeTableAlreadyExistException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public LakeTableAlreadyExistException(String message, Throwable cause) {
        super(ErrorCode.LAKE_TABLE_ALREADY_EXIST, message, cause);
    }

    LakeTableAlreadyExistException(ServerError error) {
        super(error);
    }
}
