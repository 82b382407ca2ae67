package io.flussreactive.error;

/**
 * Client and server share no version of an API, the server does not serve the API at all, or
 * the server rejects the version for this table.
 */
public final class UnsupportedVersionException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public UnsupportedVersionException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public UnsupportedVersionException(String message, Throwable cause) {
        super(ErrorCode.UNSUPPORTED_VERSION, message, cause);
    }

    UnsupportedVersionException(ServerError error) {
        super(error);
    }
}
