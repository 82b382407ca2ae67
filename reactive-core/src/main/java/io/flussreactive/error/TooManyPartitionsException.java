package io.flussreactive.error;

/**
 * Creating a partition would exceed the number of partitions a table may have.
 */
public final class TooManyPartitionsException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public TooManyPartitionsException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public TooManyPartitionsException(String message, Throwable cause) {
        super(ErrorCode.PARTITION_MAX_NUM_EXCEPTION, message, cause);
    }

    TooManyPartitionsException(ServerError error) {
        super(error);
    }
}
