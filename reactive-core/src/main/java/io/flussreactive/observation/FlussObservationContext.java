package io.flussreactive.observation;

import io.micrometer.observation.Observation;
import java.util.Objects;

/**
 * What one observation of a client is about: the table, the operation and, once it ended, how.
 */
public final class FlussObservationContext extends Observation.Context {

    /** How an observed operation ended. */
    public enum Outcome {
        /** Not ended yet. */
        UNKNOWN,
        /** Completed. */
        SUCCESS,
        /** Failed; the error is on the context. */
        ERROR,
        /** Cancelled by its subscriber. */
        CANCELLED
    }

    private final FlussObservationDocumentation kind;
    private final String table;
    private final String operation;
    private volatile Outcome outcome = Outcome.UNKNOWN;

    /**
     * Made by the client for each observation.
     *
     * @param kind write, fetch or lookup
     * @param table the table, as {@code database.table}
     * @param operation what was done, see {@link FlussObservationDocumentation.LowCardinalityKeys#OPERATION}
     */
    public FlussObservationContext(FlussObservationDocumentation kind, String table, String operation) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.table = Objects.requireNonNull(table, "table");
        this.operation = Objects.requireNonNull(operation, "operation");
    }

    /** Whether this is a write, a fetch or a lookup. */
    public FlussObservationDocumentation kind() {
        return kind;
    }

    /** The table, as {@code database.table}. */
    public String table() {
        return table;
    }

    /** What was done, such as {@code append} or {@code lookup}. */
    public String operation() {
        return operation;
    }

    /** How it ended, or {@link Outcome#UNKNOWN} while it runs. */
    public Outcome outcome() {
        return outcome;
    }

    /**
     * Set by the client when the operation ends, before the observation stops.
     *
     * @param outcome how it ended
     */
    public void outcome(Outcome outcome) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
    }
}
