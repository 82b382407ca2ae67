package io.flussreactive.error;

/**
 * The server holds no state for the writer id of an idempotent write, for example after that
 * state expired.
 */
public final class UnknownWriterIdException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public UnknownWriterIdException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public UnknownWriterIdException(String message, Throwable cause) {
        super(ErrorCode.UNKNOWN_WRITER_ID_EXCEPTION, message, cause);
    }

    UnknownWriterIdException(ServerError error) {
        super(error);
    }
}
