package io.flussreactive.admin;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything needed to create a table: schema, partitioning, distribution over buckets and
 * properties. Immutable; maps keep the order in which entries were added.
 *
 * <p>Only the shape is checked on the client. Whether keys name existing columns, whether the
 * bucket count is positive, whether a property value is valid: the server decides, and its message
 * reaches the caller unchanged.
 *
 * <pre>{@code
 * TableDescriptor descriptor = TableDescriptor.builder()
 *         .schema(schema)
 *         .partitionedBy("day")
 *         .distributedBy(4, "id")
 *         .logCompression(ArrowCompression.ZSTD, 9)
 *         .build();
 * }</pre>
 */
public final class TableDescriptor {

    private final Schema schema;
    private final String comment;
    private final List<String> partitionKeys;
    private final OptionalInt bucketCount;
    private final List<String> bucketKeys;
    private final Map<String, String> properties;
    private final Map<String, String> customProperties;

    private TableDescriptor(Builder builder) {
        this.schema = builder.schema;
        this.comment = builder.comment;
        this.partitionKeys = builder.partitionKeys;
        this.bucketCount = builder.bucketCount;
        this.bucketKeys = builder.bucketKeys;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.properties));
        this.customProperties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.customProperties));
    }

    /**
     * Starts a table descriptor.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the schema.
     *
     * @return the schema
     */
    public Schema schema() {
        return schema;
    }

    /**
     * Returns the table comment.
     *
     * @return the comment, if any
     */
    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }

    /**
     * Returns the partition keys in order.
     *
     * @return the partition keys, empty for an unpartitioned table
     */
    public List<String> partitionKeys() {
        return partitionKeys;
    }

    /**
     * Tells whether the table is partitioned.
     *
     * @return {@code true} if there are partition keys
     */
    public boolean isPartitioned() {
        return !partitionKeys.isEmpty();
    }

    /**
     * Returns the number of buckets.
     *
     * @return the bucket count, or empty to let the server use its default
     */
    public OptionalInt bucketCount() {
        return bucketCount;
    }

    /**
     * Returns the bucket keys as given. An empty list lets the server choose: the primary key minus
     * the partition keys for a primary-key table, no key (any bucket) for a log table.
     *
     * @return the bucket keys
     */
    public List<String> bucketKeys() {
        return bucketKeys;
    }

    /**
     * Returns the table properties (see {@link TableProperties}).
     *
     * @return an unmodifiable map in insertion order
     */
    public Map<String, String> properties() {
        return properties;
    }

    /**
     * Returns the custom properties: free key-value pairs the server stores without interpreting.
     *
     * @return an unmodifiable map in insertion order
     */
    public Map<String, String> customProperties() {
        return customProperties;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TableDescriptor that
                && schema.equals(that.schema)
                && Objects.equals(comment, that.comment)
                && partitionKeys.equals(that.partitionKeys)
                && bucketCount.equals(that.bucketCount)
                && bucketKeys.equals(that.bucketKeys)
                && properties.equals(that.properties)
                && customProperties.equals(that.customProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, comment, partitionKeys, bucketCount, bucketKeys, properties, customProperties);
    }

    @Override
    public String toString() {
        return "TableDescriptor{schema=" + schema
                + ", comment=" + comment
                + ", partitionKeys=" + partitionKeys
                + ", bucketCount=" + bucketCount
                + ", bucketKeys=" + bucketKeys
                + ", properties=" + properties
                + ", customProperties=" + customProperties
                + "}";
    }

    /** Collects the parts of a {@link TableDescriptor}. */
    public static final class Builder {

        private Schema schema;
        private String comment;
        private List<String> partitionKeys = List.of();
        private OptionalInt bucketCount = OptionalInt.empty();
        private List<String> bucketKeys = List.of();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, String> customProperties = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets the schema (required).
         *
         * @param schema the schema
         * @return this builder
         */
        public Builder schema(Schema schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /**
         * Sets the table comment.
         *
         * @param comment the comment, or {@code null} for none
         * @return this builder
         */
        public Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        /**
         * Sets the partition keys, replacing earlier ones.
         *
         * @param partitionKeys the partition columns in order
         * @return this builder
         */
        public Builder partitionedBy(String... partitionKeys) {
            return partitionedBy(Arrays.asList(partitionKeys));
        }

        /**
         * Sets the partition keys, replacing earlier ones.
         *
         * @param partitionKeys the partition columns in order
         * @return this builder
         */
        public Builder partitionedBy(List<String> partitionKeys) {
            this.partitionKeys = List.copyOf(partitionKeys);
            return this;
        }

        /**
         * Sets the number of buckets and the bucket keys.
         *
         * @param bucketCount the number of buckets, at least 1
         * @param bucketKeys the bucket columns, or none to let the server choose
         * @return this builder
         * @throws IllegalArgumentException when {@code bucketCount} is below 1
         */
        public Builder distributedBy(int bucketCount, String... bucketKeys) {
            return distributedBy(bucketCount, Arrays.asList(bucketKeys));
        }

        /**
         * Sets the number of buckets and the bucket keys.
         *
         * @param bucketCount the number of buckets, at least 1 (the server also enforces a maximum,
         *     {@code max.bucket.num}, and answers a larger count with
         *     {@link io.flussreactive.error.TooManyBucketsException})
         * @param bucketKeys the bucket columns, or an empty list to let the server choose
         * @return this builder
         * @throws IllegalArgumentException when {@code bucketCount} is below 1
         */
        public Builder distributedBy(int bucketCount, List<String> bucketKeys) {
            // The 0.9.1 server reports a count below 1 only as an unknown server error with a stack
            // trace, so the clearer error is given here.
            if (bucketCount < 1) {
                throw new IllegalArgumentException("A table needs at least 1 bucket, not " + bucketCount);
            }
            this.bucketCount = OptionalInt.of(bucketCount);
            return bucketKeys(bucketKeys);
        }

        /**
         * Sets the bucket keys and leaves the bucket count to the server's default (unless set).
         *
         * @param bucketKeys the bucket columns
         * @return this builder
         */
        public Builder bucketKeys(String... bucketKeys) {
            return bucketKeys(Arrays.asList(bucketKeys));
        }

        /**
         * Sets the bucket keys and leaves the bucket count to the server's default (unless set).
         *
         * @param bucketKeys the bucket columns
         * @return this builder
         */
        public Builder bucketKeys(List<String> bucketKeys) {
            this.bucketKeys = List.copyOf(bucketKeys);
            return this;
        }

        /**
         * Sets a table property.
         *
         * @param key the property key, see {@link TableProperties}
         * @param value the value
         * @return this builder
         */
        public Builder property(String key, String value) {
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets several table properties, in the iteration order of the map.
         *
         * @param properties keys and values, none null
         * @return this builder
         */
        public Builder properties(Map<String, String> properties) {
            properties.forEach(this::property);
            return this;
        }

        /**
         * Sets a custom property, stored by the server without interpretation.
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
         * Sets the body format of the log ({@value TableProperties#LOG_FORMAT}).
         *
         * @param logFormat the format
         * @return this builder
         */
        public Builder logFormat(LogFormat logFormat) {
            return property(TableProperties.LOG_FORMAT, logFormat.name());
        }

        /**
         * Sets the row encoding of primary-key values ({@value TableProperties#KV_FORMAT}).
         *
         * @param kvFormat the format
         * @return this builder
         */
        public Builder kvFormat(KvFormat kvFormat) {
            return property(TableProperties.KV_FORMAT, kvFormat.name());
        }

        /**
         * Sets the codec of ARROW log batches ({@value TableProperties#LOG_ARROW_COMPRESSION_TYPE}).
         *
         * @param compression the codec
         * @return this builder
         */
        public Builder logCompression(ArrowCompression compression) {
            return property(TableProperties.LOG_ARROW_COMPRESSION_TYPE, compression.name());
        }

        /**
         * Sets the codec of ARROW log batches and its level. Only ZSTD has a level.
         *
         * @param compression the codec, {@link ArrowCompression#ZSTD}
         * @param level the ZSTD level ({@value TableProperties#LOG_ARROW_COMPRESSION_ZSTD_LEVEL})
         * @return this builder
         * @throws IllegalArgumentException if the codec is not ZSTD
         */
        public Builder logCompression(ArrowCompression compression, int level) {
            if (compression != ArrowCompression.ZSTD) {
                throw new IllegalArgumentException(
                        "Only ZSTD has a compression level, but the codec is " + compression);
            }
            logCompression(compression);
            return property(TableProperties.LOG_ARROW_COMPRESSION_ZSTD_LEVEL, Integer.toString(level));
        }

        /**
         * Sets the number of replicas of each bucket ({@value TableProperties#REPLICATION_FACTOR}).
         *
         * @param replicationFactor the number of replicas
         * @return this builder
         */
        public Builder replicationFactor(int replicationFactor) {
            return property(TableProperties.REPLICATION_FACTOR, Integer.toString(replicationFactor));
        }

        /**
         * Lets the server create and drop partitions on a time schedule ({@value
         * TableProperties#AUTO_PARTITION_ENABLED} and {@value
         * TableProperties#AUTO_PARTITION_TIME_UNIT}). The other auto-partition settings are
         * ordinary properties, see {@link TableProperties}.
         *
         * @param timeUnit the time one partition covers
         * @return this builder
         */
        public Builder autoPartition(AutoPartitionTimeUnit timeUnit) {
            property(TableProperties.AUTO_PARTITION_ENABLED, "true");
            return property(TableProperties.AUTO_PARTITION_TIME_UNIT, timeUnit.name());
        }

        /**
         * Builds the descriptor.
         *
         * @return the descriptor
         * @throws IllegalStateException if no schema was set
         */
        public TableDescriptor build() {
            if (schema == null) {
                throw new IllegalStateException("A table descriptor needs a schema");
            }
            return new TableDescriptor(this);
        }
    }
}
