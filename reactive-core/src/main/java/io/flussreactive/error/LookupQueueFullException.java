package io.flussreactive.error;

/**
 * A lookup was refused before it was sent: as many lookups of the client as
 * {@link io.flussreactive.lookup.LookupOptions#maxWaitingKeys()} allows were already waiting to be sent.
 *
 * <p>Retriable: nothing of the lookup reached a server, and the same lookup succeeds once the lookups
 * ahead of it are answered. Retry it after a backoff, or better keep fewer lookups in flight (as
 * {@code lookupAll} does, at most {@link io.flussreactive.lookup.LookupOptions#lookupAllConcurrency()}).
 * The client does not retry it by itself: the bound is there to turn excess load away at once instead
 * of holding it, so whether to wait is the caller's choice.
 *
 * <p>Not a {@link FlussException}: those stand for the error codes of the Fluss protocol, and none of
 * them describes a queue of the client's own. It extends {@link IllegalStateException}, which lookups
 * failed with for this reason before this type existed.
 */
public final class LookupQueueFullException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final int maxWaitingKeys;

    /**
     * @param maxWaitingKeys the number of waiting lookups that was reached
     */
    public LookupQueueFullException(int maxWaitingKeys) {
        super(maxWaitingKeys + " lookups are already waiting to be sent (LookupOptions.maxWaitingKeys): bound the "
                + "lookups in flight (lookupAll does), or try again once some are answered");
        this.maxWaitingKeys = maxWaitingKeys;
    }

    /** The number of waiting lookups that was reached. */
    public int maxWaitingKeys() {
        return maxWaitingKeys;
    }

    /** Always true: the lookup was not sent, and may succeed when tried again later. */
    public boolean isRetriable() {
        return true;
    }
}
