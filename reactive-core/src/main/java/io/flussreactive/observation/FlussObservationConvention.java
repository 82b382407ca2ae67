package io.flussreactive.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of a client. Implement it to replace
 * {@link DefaultFlussObservationConvention} (pass it to
 * {@link FlussObservability.Builder#observationConvention}) or register it as a global convention of the
 * observation registry. The observation's name is that of its {@link FlussObservationDocumentation}
 * unless {@link #getName()} gives one.
 */
public interface FlussObservationConvention extends ObservationConvention<FlussObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof FlussObservationContext;
    }
}
