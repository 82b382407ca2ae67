package io.flussreactive.error;

/**
 * The server could not issue a token for reading its remote file system.
 */
public final class SecurityTokenException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public SecurityTokenException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public SecurityTokenException(String message, Throwable cause) {
        super(ErrorCode.SECURITY_TOKEN_EXCEPTION, message, cause);
    }

    SecurityTokenException(ServerError error) {
        super(error);
    }
}
