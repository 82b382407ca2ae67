package io.flussreactive.error;

/**
 * A record or batch is larger than the server or the client accepts.
 */
public final class RecordTooLargeException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public RecordTooLargeException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public RecordTooLargeException(String message, Throwable cause) {
        super(ErrorCode.RECORD_TOO_LARGE_EXCEPTION, message, cause);
    }

    RecordTooLargeException(ServerError error) {
        super(error);
    }
}
