package io.flussreactive.error;

/**
 * The server rejected the client's credentials or authentication mechanism, or the client
 * sent a request before authenticating.
 */
public final class AuthenticationException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public AuthenticationException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public AuthenticationException(String message, Throwable cause) {
        super(ErrorCode.AUTHENTICATE_EXCEPTION, message, cause);
    }

    AuthenticationException(ServerError error) {
        super(error);
    }
}
