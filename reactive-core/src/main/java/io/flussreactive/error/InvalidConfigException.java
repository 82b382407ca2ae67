package io.flussreactive.error;

/**
 * A table, database or cluster setting is unknown or has an invalid value.
 */
public final class InvalidConfigException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public InvalidConfigException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public InvalidConfigException(String message, Throwable cause) {
        super(ErrorCode.INVALID_CONFIG_EXCEPTION, message, cause);
    }

    InvalidConfigException(ServerError error) {
        super(error);
    }
}
