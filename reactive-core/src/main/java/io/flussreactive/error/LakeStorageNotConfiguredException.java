package io.flussreactive.error;

/**
 * A table asks for data lake features on a cluster without a data lake configured.
 */
public final class LakeStorageNotConfiguredException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public LakeStorageNotConfiguredException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public LakeStorageNotConfiguredException(String message, Throwable cause) {
        super(ErrorCode.LAKE_STORAGE_NOT_CONFIGURED_EXCEPTION, message, cause);
    }

    LakeStorageNotConfiguredException(ServerError error) {
        super(error);
    }
}
