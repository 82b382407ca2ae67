package io.flussreactive.error;

/**
 * The request went to a server that does not host the bucket (any more). Retriable after a
 * metadata refresh, which finds the current leader.
 */
public final class NotLeaderOrFollowerException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public NotLeaderOrFollowerException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public NotLeaderOrFollowerException(String message, Throwable cause) {
        super(ErrorCode.NOT_LEADER_OR_FOLLOWER, message, cause);
    }

    NotLeaderOrFollowerException(ServerError error) {
        super(error);
    }
}
