package io.flussreactive.error;

/**
 * A write was refused because fewer replicas are in sync than required. Retriable.
 */
public final class NotEnoughReplicasException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public NotEnoughReplicasException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public NotEnoughReplicasException(String message, Throwable cause) {
        super(ErrorCode.NOT_ENOUGH_REPLICAS_EXCEPTION, message, cause);
    }

    NotEnoughReplicasException(ServerError error) {
        super(error);
    }
}
