package io.flussreactive.error;

/**
 * A request did not complete in time: either the server gave up waiting (for example for
 * replicas to acknowledge a write) or the client got no answer within its request timeout.
 * Retriable.
 */
public final class TimeoutException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public TimeoutException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public TimeoutException(String message, Throwable cause) {
        super(ErrorCode.REQUEST_TIME_OUT, message, cause);
    }

    TimeoutException(ServerError error) {
        super(error);
    }
}
