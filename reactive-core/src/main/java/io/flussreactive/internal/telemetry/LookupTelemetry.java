package io.flussreactive.internal.telemetry;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What the lookups of one table record. */
public interface LookupTelemetry {

    /** Records nothing. */
    LookupTelemetry NONE = new LookupTelemetry() {
    };

    /** A point lookup. */
    String LOOKUP = "lookup";
    /** A point lookup that inserts the key when it has no row. */
    String LOOKUP_OR_INSERT = "lookup_or_insert";
    /** A prefix lookup. */
    String PREFIX_LOOKUP = "prefix_lookup";

    /**
     * Times one lookup and makes it an observation.
     *
     * @param operation {@link #LOOKUP} or {@link #LOOKUP_OR_INSERT}
     * @param lookup the lookup
     * @param <T> its answer
     * @return the lookup, timed and observed; {@link #NONE} returns it as it is
     */
    default <T> Mono<T> lookup(String operation, Mono<T> lookup) {
        return lookup;
    }

    /**
     * Times one prefix lookup and makes it an observation.
     *
     * @param lookup the lookup
     * @param <T> a row
     * @return the lookup, timed and observed
     */
    default <T> Flux<T> prefixLookup(Flux<T> lookup) {
        return lookup;
    }

    /**
     * A request of lookups left for a leader.
     *
     * @param keys the keys it carries
     */
    default void requestSent(int keys) {
    }
}
