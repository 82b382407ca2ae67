package io.flussreactive.write;

/**
 * The writer takes no more records: it was closed, by its user or by the close of its client.
 *
 * <p>A {@code write(...)} stream running when its writer closes stops asking its upstream for
 * records, delivers the results of every record taken before the close, and then ends with this
 * error; records handed over but not taken are discarded (see {@code Flux#doOnDiscard}). A
 * {@code write(...)} on a closed writer fails with it at once, without subscribing to its upstream.
 */
public final class WriterClosedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was closed
     */
    public WriterClosedException(String message) {
        super(message);
    }
}
