package io.flussreactive.internal.telemetry.micrometer;

import reactor.core.publisher.SignalType;

/** The {@code outcome} tag of a timed call, from the signal that ended it. */
final class Outcomes {

    static final String[] VALUES = {"success", "error", "cancelled"};

    private Outcomes() {
    }

    /** The index of the outcome in {@link #VALUES}. */
    static int of(SignalType signal) {
        return switch (signal) {
            case ON_ERROR -> 1;
            case CANCEL -> 2;
            default -> 0;
        };
    }
}
