package io.flussreactive.error;

/**
 * The server failed in a way it has no code for, or sent a code this client does not know;
 * the server's message then usually holds its stack trace.
 */
public final class UnknownServerException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public UnknownServerException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public UnknownServerException(String message, Throwable cause) {
        super(ErrorCode.UNKNOWN_SERVER_ERROR, message, cause);
    }

    UnknownServerException(ServerError error) {
        super(error);
    }
}
