package io.flussreactive.error;

/**
 * The authenticated user lacks the permission a request needs.
 */
public final class AuthorizationException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public AuthorizationException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public AuthorizationException(String message, Throwable cause) {
        super(ErrorCode.AUTHORIZATION_EXCEPTION, message, cause);
    }

    AuthorizationException(ServerError error) {
        super(error);
    }
}
