package io.flussreactive.error;

/**
 * An idempotent write arrived with a batch sequence number the server did not expect next.
 */
public final class OutOfOrderSequenceException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public OutOfOrderSequenceException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public OutOfOrderSequenceException(String message, Throwable cause) {
        super(ErrorCode.OUT_OF_ORDER_SEQUENCE_EXCEPTION, message, cause);
    }

    OutOfOrderSequenceException(ServerError error) {
        super(error);
    }
}
