package io.flussreactive.error;

/**
 * A bucket has no leader at the moment, for example during leader election. Retriable after a
 * metadata refresh.
 */
public final class LeaderNotAvailableException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public LeaderNotAvailableException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public LeaderNotAvailableException(String message, Throwable cause) {
        super(ErrorCode.LEADER_NOT_AVAILABLE_EXCEPTION, message, cause);
    }

    LeaderNotAvailableException(ServerError error) {
        super(error);
    }
}
