package io.flussreactive.error;

/**
 * An idempotent write arrived with a batch sequence number the server did not expect next.
 *
 * <p>A writer also fails a batch with it when the server lost the writer's sequences for the batch's
 * bucket (its replicas lost rows they had stored, for example when all of them crashed) while the batch's
 * answer had been lost: the batch may or may not be stored, and sent again under a new writer id it could
 * be stored twice, so it is not sent again. The message says so; the cause is what the server said.
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
