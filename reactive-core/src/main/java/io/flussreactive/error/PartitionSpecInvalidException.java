package io.flussreactive.error;

/**
 * A partition specification does not fit the table's partition keys or has invalid values.
 */
public final class PartitionSpecInvalidException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public PartitionSpecInvalidException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public PartitionSpecInvalidException(String message, Throwable cause) {
        super(ErrorCode.PARTITION_SPEC_INVALID_EXCEPTION, message, cause);
    }

    PartitionSpecInvalidException(ServerError error) {
        super(error);
    }
}
