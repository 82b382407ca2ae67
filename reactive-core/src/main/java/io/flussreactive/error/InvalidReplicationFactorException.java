package io.flussreactive.error;

/**
 * A table asks for more replicas than the cluster has tablet servers.
 */
public final class InvalidReplicationFactorException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public InvalidReplicationFactorException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public InvalidReplicationFactorException(String message, Throwable cause) {
        super(ErrorCode.INVALID_REPLICATION_FACTOR, message, cause);
    }

    InvalidReplicationFactorException(ServerError error) {
        super(error);
    }
}
