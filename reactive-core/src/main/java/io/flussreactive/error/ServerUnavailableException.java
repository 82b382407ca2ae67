package io.flussreactive.error;

/**
 * A request was not sent because its server's circuit breaker is open: its last requests failed to
 * connect or timed out. Retriable after a metadata refresh, which may name another server as the leader;
 * the breaker lets a probe through after a while and closes when the server answers again.
 */
public final class ServerUnavailableException extends FlussException {

    /**
     * For a request the client refused to send.
     *
     * @param message names the server and why its breaker is open
     */
    public ServerUnavailableException(String message) {
        super(ErrorCode.NETWORK_EXCEPTION, message, null);
    }
}
