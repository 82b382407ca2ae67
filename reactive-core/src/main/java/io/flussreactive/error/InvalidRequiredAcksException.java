package io.flussreactive.error;

/**
 * A write asked for an acknowledgement level other than 0, 1 or -1.
 */
public final class InvalidRequiredAcksException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public InvalidRequiredAcksException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public InvalidRequiredAcksException(String message, Throwable cause) {
        super(ErrorCode.INVALID_REQUIRED_ACKS, message, cause);
    }

    InvalidRequiredAcksException(ServerError error) {
        super(error);
    }
}
