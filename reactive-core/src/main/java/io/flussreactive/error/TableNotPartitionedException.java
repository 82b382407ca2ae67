package io.flussreactive.error;

/**
 * A partition operation was sent for a table that is not partitioned.
 */
public final class TableNotPartitionedException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public TableNotPartitionedException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public TableNotPartitionedException(String message, Throwable cause) {
        super(ErrorCode.TABLE_NOT_PARTITIONED_EXCEPTION, message, cause);
    }

    TableNotPartitionedException(ServerError error) {
        super(error);
    }
}
