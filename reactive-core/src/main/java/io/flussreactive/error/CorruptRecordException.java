package io.flussreactive.error;

/**
 * A record batch failed validation on the server, for example a wrong checksum. Retriable,
 * though sending the same bytes again fails the same way if the batch itself is broken.
 */
public final class CorruptRecordException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public CorruptRecordException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public CorruptRecordException(String message, Throwable cause) {
        super(ErrorCode.CORRUPT_RECORD_EXCEPTION, message, cause);
    }

    CorruptRecordException(ServerError error) {
        super(error);
    }
}
