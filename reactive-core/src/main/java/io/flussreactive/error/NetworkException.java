package io.flussreactive.error;

/**
 * The connection to a server failed, closed, or could not be opened. Retriable after a metadata
 * refresh, since the server may have left the cluster.
 */
public final class NetworkException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public NetworkException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public NetworkException(String message, Throwable cause) {
        super(ErrorCode.NETWORK_EXCEPTION, message, cause);
    }

    NetworkException(ServerError error) {
        super(error);
    }
}
