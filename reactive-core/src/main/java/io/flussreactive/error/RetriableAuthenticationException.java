package io.flussreactive.error;

/**
 * Authentication failed for a passing reason; the connection sends its credentials again
 * after a back-off.
 */
public final class RetriableAuthenticationException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public RetriableAuthenticationException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public RetriableAuthenticationException(String message, Throwable cause) {
        super(ErrorCode.RETRIABLE_AUTHENTICATE_EXCEPTION, message, cause);
    }

    RetriableAuthenticationException(ServerError error) {
        super(error);
    }
}
