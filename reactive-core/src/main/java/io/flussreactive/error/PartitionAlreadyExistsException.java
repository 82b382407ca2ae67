package io.flussreactive.error;

/**
 * A partition was created that already exists.
 */
public final class PartitionAlreadyExistsException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public PartitionAlreadyExistsException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public PartitionAlreadyExistsException(String message, Throwable cause) {
        super(ErrorCode.PARTITION_ALREADY_EXISTS, message, cause);
    }

    PartitionAlreadyExistsException(ServerError error) {
        super(error);
    }
}
