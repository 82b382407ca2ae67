package io.flussreactive.internal.write;

/**
 * What a writer did with a record offered to it: took it, or found no room for it in the write
 * buffer (and how much room it needs).
 */
public final class Intake {

    /** Taken: its result will follow (a rejected record is taken too, and gets a failed result). */
    public static final Intake TAKEN = new Intake(0);

    private final long bytesNeeded;

    private Intake(long bytesNeeded) {
        this.bytesNeeded = bytesNeeded;
    }

    /**
     * Not taken: the write buffer is full. Offer the record again once {@code bytes} are free (see
     * {@link WriteBuffer#whenSpaceFreed(long, Runnable)}).
     */
    public static Intake noSpace(long bytes) {
        return new Intake(bytes);
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
