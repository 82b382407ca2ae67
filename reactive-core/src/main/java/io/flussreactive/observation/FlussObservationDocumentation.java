package io.flussreactive.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations a client makes, each tagged by {@link LowCardinalityKeys}. What one observation
 * covers is what an application waits for: a write from its subscription to its last result, a lookup
 * from its subscription to its answer, a scan from its subscription to its end. Batches and requests
 * serve many of them at once, so they are measured by meters instead.
 */
public enum FlussObservationDocumentation implements ObservationDocumentation {

    /**
     * One subscription of {@code write(...)}, {@code writeRows(...)}, {@code append}, {@code upsert} or
     * {@code delete}, until its last result (the last record acknowledged or failed) or its cancellation.
     * Sinks are not observed: they live as long as their writer.
     */
    WRITE {
        @Override
        public String getName() {
            return "fluss.client.write";
        }
    },

    /**
     * One subscription of a scan, until it ends (a bounded scan) or is cancelled (a tailing scan, which
     * may last as long as the application).
     */
    FETCH {
        @Override
        public String getName() {
            return "fluss.client.fetch";
        }
    },

    /** One lookup, point or prefix, from its subscription to its answer. */
    LOOKUP {
        @Override
        public String getName() {
            return "fluss.client.lookup";
        }
    };

    @Override
    public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
        return DefaultFlussObservationConvention.class;
    }

    @Override
    public KeyName[] getLowCardinalityKeyNames() {
        return LowCardinalityKeys.values();
    }

    /** The low-cardinality keys of every observation: never a key, an offset or a row. */
    public enum LowCardinalityKeys implements KeyName {

        /** The table, as {@code database.table}. */
        TABLE {
            @Override
            public String asString() {
                return "fluss.table";
            }
        },

        /**
         * What was done: {@code append} or {@code upsert} (writes), {@code scan} (fetches), {@code lookup},
         * {@code lookup_or_insert} or {@code prefix_lookup} (lookups).
         */
        OPERATION {
            @Override
            public String asString() {
                return "fluss.operation";
            }
        },

        /** How it ended: {@code success}, {@code error} or {@code cancelled}; {@code unknown} until then. */
        OUTCOME {
            @Override
            public String asString() {
                return "fluss.outcome";
            }
        }
    }
}
