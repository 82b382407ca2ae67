package io.flussreactive.error;

import java.util.Objects;

/**
 * The base of every failure this client reports for a Fluss error code, whether the server sent
 * the code or the client detected a failure that the code describes (a lost connection, a request
 * without an answer).
 *
 * <p>Every subclass extends this class directly; whether a call may be retried is a property of
 * the {@linkplain #errorCode() code}, so callers test {@link #isRetriable()} rather than a class.
 */
public abstract class FlussException extends RuntimeException {

    private final ErrorCode errorCode;
    private final String serverMessage;

    /** For an error the server reported. */
    FlussException(ServerError error) {
        super(describe(error.code(), error.message()));
        this.errorCode = error.code();
        this.serverMessage = error.message();
    }

    /**
     * For a failure the client detected itself.
     *
     * @param message the client's description of the failure
     * @param cause the underlying failure; may be null
     */
    FlussException(ErrorCode errorCode, String message, Throwable cause) {
        super(describe(Objects.requireNonNull(errorCode, "errorCode"), message), cause);
        this.errorCode = errorCode;
        this.serverMessage = null;
    }

    /** The Fluss error code this failure stands for. */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /** Whether the failed call may succeed if sent again; a property of the {@linkplain #errorCode() code}. */
    public boolean isRetriable() {
        return errorCode.isRetriable();
    }

    /**
     * The text the server sent with the error, unchanged; null when the server sent none or when
     * the client detected the failure itself.
     */
    public String serverMessage() {
        return serverMessage;
    }

    private static String describe(ErrorCode errorCode, String text) {
        String prefix = errorCode.name() + " (" + errorCode.code() + ")";
        return text == null ? prefix : prefix + ": " + text;
    }
}
