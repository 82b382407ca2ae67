package io.flussreactive.internal.write;

/**
 * What a writer did with a record offered to it: took it, or found no room for it in the write
 * buffer (and how much room it needs).
 */
public final class Intake {

    /** Taken: its result will follow (a rejected record is taken too, and gets a failed result). */
    public static final Intake TAKEN = new Intake(0, null);

    private final long bytesNeeded;
    /** The refused record as checked and measured, so that offering it again skips that work; may be null. */
    private final PreparedRecord prepared;

    private Intake(long bytesNeeded, PreparedRecord prepared) {
        this.bytesNeeded = bytesNeeded;
        this.prepared = prepared;
    }

    /**
     * Not taken: the write buffer is full. Offer the record again once {@code bytes} are free (see
     * {@link WriteBuffer#whenSpaceFreed(long, Runnable)}).
     */
    public static Intake noSpace(long bytes) {
        return new Intake(bytes, null);
    }

    /** Not taken for want of space, keeping the record's preparation for {@link RecordWriter#offerAgain}. */
    static Intake noSpace(PreparedRecord prepared) {
        return new Intake(prepared.reservedBytes(), prepared);
    }

    /** The refused record as prepared, or null. */
    PreparedRecord prepared() {
        return prepared;
    }

    /** Whether the record was taken. */
    public boolean taken() {
        return bytesNeeded == 0;
    }

    /** The bytes the record needs in the write buffer; 0 when it was taken. */
    public long bytesNeeded() {
        return bytesNeeded;
    }
}
