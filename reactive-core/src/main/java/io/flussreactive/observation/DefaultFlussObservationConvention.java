package io.flussreactive.observation;

import io.flussreactive.observation.FlussObservationDocumentation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;
import java.util.Locale;

/**
 * The convention a client uses unless given another: the names of {@link FlussObservationDocumentation},
 * the table, operation and outcome as low-cardinality key values, and {@code <operation> <table>} as the
 * contextual name (the name of a span).
 */
public class DefaultFlussObservationConvention implements FlussObservationConvention {

    /** The one instance the client uses. */
    public static final DefaultFlussObservationConvention INSTANCE = new DefaultFlussObservationConvention();

    /** For subclasses that change part of it; the client uses {@link #INSTANCE}. */
    protected DefaultFlussObservationConvention() {
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(FlussObservationContext context) {
        return KeyValues.of(
                LowCardinalityKeys.TABLE.withValue(context.table()),
                LowCardinalityKeys.OPERATION.withValue(context.operation()),
                LowCardinalityKeys.OUTCOME.withValue(context.outcome().name().toLowerCase(Locale.ROOT)));
    }

    @Override
    public String getContextualName(FlussObservationContext context) {
        return context.operation() + " " + context.table();
    }
}
