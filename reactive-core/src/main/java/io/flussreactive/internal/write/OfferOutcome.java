package io.flussreactive.internal.write;

/**
 * What a writer did with a record offered to it: took it, found no room for it in the write buffer
 * (and how much room it needs), or refused it because it takes no more records at all.
 */
public final class OfferOutcome {

    /** Taken: its result will follow (a rejected record is taken too, and gets a failed result). */
    public static final OfferOutcome TAKEN = new OfferOutcome(0, null, false);

    /** Not taken, and no record will be: the writer stopped (see {@link RecordWriter#whyStopped()}). */
    public static final OfferOutcome STOPPED = new OfferOutcome(0, null, true);

    private final long bytesNeeded;
    /** The refused record as checked and measured, so that offering it again skips that work; may be null. */
    private final PreparedRecord prepared;
    private final boolean stopped;

    private OfferOutcome(long bytesNeeded, PreparedRecord prepared, boolean stopped) {
        this.bytesNeeded = bytesNeeded;
        this.prepared = prepared;
        this.stopped = stopped;
    }

    /**
     * Not taken: the write buffer is full. Offer the record again once {@code bytes} are free (see
     * {@link WriteBuffer#whenSpaceFreed(long, Runnable)}).
     */
    public static OfferOutcome noSpace(long bytes) {
        return new OfferOutcome(bytes, null, false);
    }

    /** Not taken for want of space, keeping the record's preparation for {@link RecordWriter#offerAgain}. */
    static OfferOutcome noSpace(PreparedRecord prepared) {
        return new OfferOutcome(prepared.reservedBytes(), prepared, false);
    }

    /** The refused record as prepared, or null. */
    PreparedRecord prepared() {
        return prepared;
    }

    /** Whether the record was taken. */
    public boolean taken() {
        return bytesNeeded == 0 && !stopped;
    }

    /** Whether the writer takes no more records: this one and every later one are refused. */
    public boolean stopped() {
        return stopped;
    }

    /** The bytes the record needs in the write buffer; 0 when it was taken or the writer stopped. */
    public long bytesNeeded() {
        return bytesNeeded;
    }
}
