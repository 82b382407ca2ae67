package io.flussreactive.error;

/**
 * A write reached the leader but fewer in-sync replicas than required before the answer was
 * due. Retriable; the data may already be stored.
 */
public final class NotEnoughReplicasAfterAppendException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public NotEnoughReplicasAfterAppendException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public NotEnoughReplicasAfterAppendException(String message, Throwable cause) {
        super(ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND_EXCEPTION, message, cause);
    }

    NotEnoughReplicasAfterAppendException(ServerError error) {
        super(error);
    }
}
