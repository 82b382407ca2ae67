package io.flussreactive.error;

/**
 * A request went to a coordinator that is not the active one (newer servers with several
 * coordinators).
 */
public final class NotCoordinatorLeaderException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public NotCoordinatorLeaderException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public NotCoordinatorLeaderException(String message, Throwable cause) {
        super(ErrorCode.NOT_COORDINATOR_LEADER_EXCEPTION, message, cause);
    }

    NotCoordinatorLeaderException(ServerError error) {
        super(error);
    }
}
