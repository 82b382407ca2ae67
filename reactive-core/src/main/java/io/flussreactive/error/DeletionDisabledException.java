package io.flussreactive.error;

/**
 * A delete was sent for a primary-key table whose {@code table.delete.behavior} forbids deletes.
 */
public final class DeletionDisabledException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public DeletionDisabledException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public DeletionDisabledException(String message, Throwable cause) {
        super(ErrorCode.DELETION_DISABLED_EXCEPTION, message, cause);
    }

    DeletionDisabledException(ServerError error) {
        super(error);
    }
}
