package io.flussreactive.error;

/**
 * The requested schema id is not known (yet) to the server. Retriable, since a new schema may
 * still be on its way to every server.
 */
public final class SchemaNotExistException extends FlussException {

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     */
    public SchemaNotExistException(String message) {
        this(message, null);
    }

    /**
     * For a failure the client detects itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    public SchemaNotExistException(String message, Throwable cause) {
        super(ErrorCode.SCHEMA_NOT_EXIST, message, cause);
    }

    SchemaNotExistException(ServerError error) {
        super(error);
    }
}
