package io.flussreactive.samples.webflux;

/** A request the sample cannot serve as asked, answered with status 400 and this message. */
public class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An invalid request.
     *
     * @param message what is wrong with it, for the client
     */
    public InvalidRequestException(String message) {
        super(message);
    }

    /**
     * An invalid request, because of another failure.
     *
     * @param message what is wrong with it, for the client
     * @param cause the failure that showed it
     */
    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
