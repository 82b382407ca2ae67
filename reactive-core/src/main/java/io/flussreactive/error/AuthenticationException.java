package io.flussreactive.error;

/**
 * The server rejected the client's credentials or authentication mechanism, or the client
 * sent a request before authenticating.
 *
 * <p>Not retriable: the same credentials would be refused again. When the client's own
 * SASL/PLAIN exchange fails, the message names the user and the server, and says which setting to
 * change when the client has no credentials for a server that wants them, or has some for one that
 * does not; the server's own text is kept in the message and in the cause.
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
