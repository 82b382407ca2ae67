package io.flussreactive.write;

/** How many replicas must have a write before the server acknowledges it. */
public enum Acks {
    /** Every in-sync replica: nothing acknowledged is lost while one replica survives (the default). */
    ALL(-1),
    /** The leader only: faster, but a leader that fails right after acknowledging can lose the write. */
    LEADER(1),
    /**
     * None: the leader answers as soon as it receives the write, before storing it. The fastest and
     * least safe; the client still learns about errors the leader reports at once.
     */
    NONE(0);

    private final int wireValue;

    Acks(int wireValue) {
        this.wireValue = wireValue;
    }

    /** The value of the {@code acks} field on the wire. */
    public int wireValue() {
        return wireValue;
    }
}
