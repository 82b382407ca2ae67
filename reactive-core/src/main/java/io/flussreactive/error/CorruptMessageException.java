package io.flussreactive.error;

/**
 * A message could not be read: it failed its checksum, has an invalid size or layout, or (on
 * the client side) a response could not be decoded.
 */
public final class CorruptMessageException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public CorruptMessageException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public CorruptMessageException(String message, Throwable cause) {
        super(ErrorCode.CORRUPT_MESSAGE, message, cause);
    }

    CorruptMessageException(ServerError error) {
        super(error);
    }
}
