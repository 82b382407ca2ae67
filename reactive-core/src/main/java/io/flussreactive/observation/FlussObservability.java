package io.flussreactive.observation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a client records its meters and observations. Immutable; build one with {@link #builder()} and
 * give it to {@link io.flussreactive.FlussClientOptions.Builder#observability}.
 *
 * <pre>{@code
 * FlussClientOptions.builder()
 *         .bootstrapServers("fluss-1:9123")
 *         .observability(FlussObservability.builder()
 *                 .meterRegistry(meterRegistry)
 *                 .observationRegistry(observationRegistry)
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p>Meters are named {@code fluss.client.*} and tagged with low-cardinality values only (table, server,
 * API, operation, outcome); observations are described by {@link FlussObservationDocumentation}.
 */
public final class FlussObservability {

    private final MeterRegistry meterRegistry;
    private final ObservationRegistry observationRegistry;
    private final FlussObservationConvention observationConvention;
    private final Map<String, String> tags;

    private FlussObservability(Builder builder) {
        if (builder.meterRegistry == null && builder.observationRegistry == null) {
            throw new IllegalArgumentException("A meter registry, an observation registry or both are required");
        }
        this.meterRegistry = builder.meterRegistry;
        this.observationRegistry = builder.observationRegistry == null
                ? ObservationRegistry.NOOP
                : builder.observationRegistry;
        this.observationConvention = builder.observationConvention;
        this.tags = Map.copyOf(builder.tags);
    }

    /** A builder with neither registry. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Meters in this registry, no observations.
     *
     * @param meterRegistry where the meters go
     * @return the settings
     */
    public static FlussObservability of(MeterRegistry meterRegistry) {
        return builder().meterRegistry(meterRegistry).build();
    }

    /** Where the client's meters go; empty when it records none. */
    public Optional<MeterRegistry> meterRegistry() {
        return Optional.ofNullable(meterRegistry);
    }

    /** Where the client's observations go; {@link ObservationRegistry#NOOP} when it makes none. */
    public ObservationRegistry observationRegistry() {
        return observationRegistry;
    }

    /** The convention that replaces {@link DefaultFlussObservationConvention}, if any. */
    public Optional<FlussObservationConvention> observationConvention() {
        return Optional.ofNullable(observationConvention);
    }

    /** Tags added to every meter of the client, for example to tell two clients apart. */
    public Map<String, String> tags() {
        return tags;
    }

    @Override
    public String toString() {
        return "FlussObservability{meters=" + (meterRegistry != null) + ", observations="
                + !observationRegistry.isNoop() + ", tags=" + tags + "}";
    }

    /** Builds {@link FlussObservability}. */
    public static final class Builder {
        private MeterRegistry meterRegistry;
        private ObservationRegistry observationRegistry;
        private FlussObservationConvention observationConvention;
        private final Map<String, String> tags = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Records the client's meters in this registry.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Makes an observation of each write, scan and lookup in this registry. Its parent is the
         * observation in the subscriber's Reactor context, if any, as Spring WebFlux puts there.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder observationRegistry(ObservationRegistry registry) {
            this.observationRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Names and tags the observations with this convention instead of
         * {@link DefaultFlussObservationConvention#INSTANCE}.
         *
         * @param convention the convention
         * @return this builder
         */
        public Builder observationConvention(FlussObservationConvention convention) {
            this.observationConvention = Objects.requireNonNull(convention, "convention");
            return this;
        }

        /**
         * Adds a tag to every meter of the client.
         *
         * @param key the tag's key
         * @param value its value, of low cardinality
         * @return this builder
         */
        public Builder tag(String key, String value) {
            tags.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Builds the settings.
         *
         * @throws IllegalArgumentException when neither registry is set
         */
        public FlussObservability build() {
            return new FlussObservability(this);
        }
    }
}
