package io.flussreactive.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What a database is created with: an optional comment and custom properties. Immutable. */
public final class DatabaseDescriptor {

    private static final DatabaseDescriptor EMPTY = builder().build();

    private final String comment;
    private final Map<String, String> customProperties;

    private DatabaseDescriptor(String comment, Map<String, String> customProperties) {
        this.comment = comment;
        this.customProperties = Collections.unmodifiableMap(new LinkedHashMap<>(customProperties));
    }

    /**
     * Returns a descriptor without comment and without properties.
     *
     * @return the empty descriptor
     */
    public static DatabaseDescriptor empty() {
        return EMPTY;
    }

    /**
     * Starts a database descriptor.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the comment.
     *
     * @return the comment, if any
     */
    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }

    /**
     * Returns the custom properties.
     *
     * @return an unmodifiable map in insertion order
     */
    public Map<String, String> customProperties() {
        return customProperties;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DatabaseDescriptor that
                && Objects.equals(comment, that.comment)
                && customProperties.equals(that.customProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(comment, customProperties);
    }

    @Override
    public String toString() {
        return "DatabaseDescriptor{comment=" + comment + ", customProperties=" + customProperties + "}";
    }

    /** Collects the parts of a {@link DatabaseDescriptor}. */
    public static final class Builder {

        private String comment;
        private final Map<String, String> customProperties = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets the comment.
         *
         * @param comment the comment, or {@code null} for none
         * @return this builder
         */
        public Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        /**
         * Sets a custom property.
         *
         * @param key the key
         * @param value the value
         * @return this builder
         */
        public Builder customProperty(String key, String value) {
            customProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets several custom properties, in the iteration order of the map.
         *
         * @param customProperties keys and values, none null
         * @return this builder
         */
        public Builder customProperties(Map<String, String> customProperties) {
            customProperties.forEach(this::customProperty);
            return this;
        }

        /**
         * Builds the descriptor.
         *
         * @return the descriptor
         */
        public DatabaseDescriptor build() {
            return new DatabaseDescriptor(comment, customProperties);
        }
    }
}
