package io.flussreactive.error;

/**
 * An idempotent write repeated a batch the server has already stored; the data is written
 * once.
 */
public final class DuplicateSequenceException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public DuplicateSequenceException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public DuplicateSequenceException(String message, Throwable cause) {
        super(ErrorCode.DUPLICATE_SEQUENCE_EXCEPTION, message, cause);
    }

    DuplicateSequenceException(ServerError error) {
        super(error);
    }
}
