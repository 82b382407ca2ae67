package io.flussreactive.error;

/**
 * The partition named in a request does not exist.
 */
public final class PartitionNotExistException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public PartitionNotExistException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public PartitionNotExistException(String message, Throwable cause) {
        super(ErrorCode.PARTITION_NOT_EXISTS, message, cause);
    }

    PartitionNotExistException(ServerError error) {
        super(error);
    }
}
