package io.flussreactive.internal.telemetry;

/** What one scan subscription records. Used from the subscription's executor. */
public interface ScanTelemetry {

    /** Records nothing. */
    ScanTelemetry NONE = new ScanTelemetry() {
    };

    /**
     * A batch went downstream.
     *
     * @param records its records
     * @param bytes the Arrow memory it holds
     */
    default void delivered(int records, long bytes) {
    }

    /**
     * A fetch request of the subscription was answered.
     *
     * @param empty whether no bucket it asked for got records (a long poll that ran out, say)
     */
    default void fetched(boolean empty) {
    }

    /**
     * Where the subscription stands now.
     *
     * @param prefetchBytes the Arrow memory it holds ahead of its downstream
     * @param lag the records between where it reads and the buckets' high watermarks, summed over buckets
     */
    default void state(long prefetchBytes, long lag) {
    }

    /** The subscription ended. Safe to call more than once. */
    default void close() {
    }
}
