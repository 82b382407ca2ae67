package io.flussreactive.internal.json;

/** Thrown when descriptor JSON is not valid JSON or does not describe a valid object. */
public final class DescriptorJsonException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the offending key or value
     */
    public DescriptorJsonException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what is wrong, naming the offending key or value
     * @param cause the underlying failure
     */
    public DescriptorJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
