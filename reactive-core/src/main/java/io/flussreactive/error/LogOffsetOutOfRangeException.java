package io.flussreactive.error;

/**
 * A fetch asked for an offset that the bucket's log does not hold.
 */
public final class LogOffsetOutOfRangeException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public LogOffsetOutOfRangeException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public LogOffsetOutOfRangeException(String message, Throwable cause) {
        super(ErrorCode.LOG_OFFSET_OUT_OF_RANGE_EXCEPTION, message, cause);
    }

    LogOffsetOutOfRangeException(ServerError error) {
        super(error);
    }
}
