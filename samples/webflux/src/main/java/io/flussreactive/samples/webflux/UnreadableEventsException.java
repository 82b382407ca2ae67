package io.flussreactive.samples.webflux;

/**
 * A body of {@code POST /events} that could not be read to its end: an event that is not JSON of the
 * expected shape, or one without a {@code type}. The events before it were written; how many of those
 * were stored is part of the answer (status 400).
 */
public final class UnreadableEventsException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    private final long stored;
    private final long failed;

    /**
     * The body failed; what was written before is not counted yet.
     *
     * @param message what is wrong, for the client
     * @param cause the failure that showed it
     */
    UnreadableEventsException(String message, Throwable cause) {
        this(message, cause, 0, 0);
    }

    private UnreadableEventsException(String message, Throwable cause, long stored, long failed) {
        super(message, cause);
        this.stored = stored;
        this.failed = failed;
    }

    /**
     * The same failure, with what became of the events before it.
     *
     * @param stored how many of them were stored
     * @param failed how many of them failed to be stored
     * @return the failure with its counts
     */
    UnreadableEventsException after(long stored, long failed) {
        return new UnreadableEventsException(getMessage(), getCause(), stored, failed);
    }

    /** How many events before the unreadable one were stored. */
    public long stored() {
        return stored;
    }

    /** How many events before the unreadable one failed to be stored. */
    public long failed() {
        return failed;
    }
}
