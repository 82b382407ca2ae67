package io.flussreactive.admin;

import io.flussreactive.table.TablePath;
import io.flussreactive.type.RowType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A table as the server describes it: the descriptor after the server filled in its defaults,
 * plus the ids and times the server assigned. Immutable.
 *
 * <p>The property readers apply the same defaults as the server when a property is absent, and
 * fail with an {@link IllegalArgumentException} naming the key and value when it is malformed.
 */
public final class TableInfo {

    private static final int DEFAULT_ZSTD_LEVEL = 3;
    private static final int DEFAULT_KV_FORMAT_VERSION = 1;

    private final TablePath tablePath;
    private final long tableId;
    private final int schemaId;
    private final TableDescriptor descriptor;
    private final int numBuckets;
    private final List<String> bucketKeys;
    private final List<String> physicalPrimaryKey;
    private final long createdTime;
    private final long modifiedTime;

    private TableInfo(
            TablePath tablePath,
            long tableId,
            int schemaId,
            TableDescriptor descriptor,
            long createdTime,
            long modifiedTime) {
        this.tablePath = Objects.requireNonNull(tablePath, "tablePath");
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.tableId = tableId;
        this.schemaId = schemaId;
        this.numBuckets = descriptor.bucketCount().orElseThrow(() -> new IllegalArgumentException(
                "The descriptor of table " + tablePath + " has no bucket count"));
        List<String> physical = new ArrayList<>(descriptor.schema().primaryKey());
        physical.removeAll(descriptor.partitionKeys());
        this.physicalPrimaryKey = List.copyOf(physical);
        // The server always sends the bucket keys of a primary-key table; the default is applied
        // for descriptors that did not come from a server.
        this.bucketKeys = descriptor.bucketKeys().isEmpty() ? physicalPrimaryKey : descriptor.bucketKeys();
        this.createdTime = createdTime;
        this.modifiedTime = modifiedTime;
    }

    /**
     * Describes a table from the descriptor the server returned and the ids and times it sent
     * with it.
     *
     * @param tablePath the table
     * @param tableId the table id
     * @param schemaId the id of the current schema
     * @param descriptor the descriptor; it must have a bucket count
     * @param createdTime creation time, epoch milliseconds
     * @param modifiedTime last modification time, epoch milliseconds
     * @return the table description
     * @throws IllegalArgumentException if the descriptor has no bucket count
     */
    public static TableInfo of(
            TablePath tablePath,
            long tableId,
            int schemaId,
            TableDescriptor descriptor,
            long createdTime,
            long modifiedTime) {
        return new TableInfo(tablePath, tableId, schemaId, descriptor, createdTime, modifiedTime);
    }

    /**
     * Returns the table's path.
     *
     * @return the path
     */
    public TablePath tablePath() {
        return tablePath;
    }

    /**
     * Returns the id the server gave the table; it changes when a table is dropped and re-created.
     *
     * @return the table id
     */
    public long tableId() {
        return tableId;
    }

    /**
     * Returns the id of the current schema.
     *
     * @return the schema id
     */
    public int schemaId() {
        return schemaId;
    }

    /**
     * Returns the current schema.
     *
     * @return the schema
     */
    public Schema schema() {
        return descriptor.schema();
    }

    /**
     * Returns the current schema with its id.
     *
     * @return the schema and its id
     */
    public SchemaInfo schemaInfo() {
        return new SchemaInfo(schemaId, descriptor.schema());
    }

    /**
     * Returns the row type of the current schema.
     *
     * @return one field per column
     */
    public RowType rowType() {
        return descriptor.schema().rowType();
    }

    /**
     * Returns the primary key.
     *
     * @return the primary-key columns, empty for a log table
     */
    public List<String> primaryKey() {
        return descriptor.schema().primaryKey();
    }

    /**
     * Returns the primary key without the partition keys: what identifies a row within a
     * partition, and what is encoded as the key of a primary-key record.
     *
     * @return the physical primary-key columns
     */
    public List<String> physicalPrimaryKey() {
        return physicalPrimaryKey;
    }

    /**
     * Tells whether the table has a primary key.
     *
     * @return {@code true} for a primary-key table
     */
    public boolean hasPrimaryKey() {
        return descriptor.schema().hasPrimaryKey();
    }

    /**
     * Returns the bucket keys after the server's defaulting: for a primary-key table without
     * explicit bucket keys, the physical primary key.
     *
     * @return the bucket keys, empty for a log table without bucket key
     */
    public List<String> bucketKeys() {
        return bucketKeys;
    }

    /**
     * Returns the partition keys.
     *
     * @return the partition keys, empty for an unpartitioned table
     */
    public List<String> partitionKeys() {
        return descriptor.partitionKeys();
    }

    /**
     * Tells whether the table is partitioned.
     *
     * @return {@code true} if there are partition keys
     */
    public boolean isPartitioned() {
        return descriptor.isPartitioned();
    }

    /**
     * Returns the number of buckets (of each partition, for a partitioned table).
     *
     * @return the bucket count
     */
    public int numBuckets() {
        return numBuckets;
    }

    /**
     * Returns the table properties, including those the server filled in.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> properties() {
        return descriptor.properties();
    }

    /**
     * Returns the custom properties.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> customProperties() {
        return descriptor.customProperties();
    }

    /**
     * Returns the table comment.
     *
     * @return the comment, if any
     */
    public Optional<String> comment() {
        return descriptor.comment();
    }

    /**
     * Returns the creation time.
     *
     * @return epoch milliseconds
     */
    public long createdTime() {
        return createdTime;
    }

    /**
     * Returns the time of the last change to the table's metadata.
     *
     * @return epoch milliseconds
     */
    public long modifiedTime() {
        return modifiedTime;
    }

    /**
     * Returns the body format of log batches ({@value TableProperties#LOG_FORMAT}).
     *
     * @return the format; {@link LogFormat#ARROW} when not set
     */
    public LogFormat logFormat() {
        return enumProperty(TableProperties.LOG_FORMAT, LogFormat.class).orElse(LogFormat.ARROW);
    }

    /**
     * Returns the row encoding of primary-key values ({@value TableProperties#KV_FORMAT}).
     *
     * @return the format; {@link KvFormat#COMPACTED} when not set
     */
    public KvFormat kvFormat() {
        return enumProperty(TableProperties.KV_FORMAT, KvFormat.class).orElse(KvFormat.COMPACTED);
    }

    /**
     * Returns the codec of ARROW log batches ({@value TableProperties#LOG_ARROW_COMPRESSION_TYPE}).
     *
     * @return the codec; {@link ArrowCompression#ZSTD} when not set
     */
    public ArrowCompression arrowCompression() {
        return enumProperty(TableProperties.LOG_ARROW_COMPRESSION_TYPE, ArrowCompression.class)
                .orElse(ArrowCompression.ZSTD);
    }

    /**
     * Returns the ZSTD level of ARROW log batches ({@value
     * TableProperties#LOG_ARROW_COMPRESSION_ZSTD_LEVEL}). It only applies when {@link
     * #arrowCompression()} is ZSTD.
     *
     * @return the level; 3 when not set
     */
    public int arrowCompressionLevel() {
        return intProperty(TableProperties.LOG_ARROW_COMPRESSION_ZSTD_LEVEL, DEFAULT_ZSTD_LEVEL);
    }

    /**
     * Returns the version of the key encoding ({@value TableProperties#KV_FORMAT_VERSION}).
     *
     * @return the version; 1 when not set, as for tables created before the property existed
     */
    public int kvFormatVersion() {
        return intProperty(TableProperties.KV_FORMAT_VERSION, DEFAULT_KV_FORMAT_VERSION);
    }

    /**
     * Returns the lakehouse format ({@value TableProperties#DATALAKE_FORMAT}), which selects the key
     * encoding and the bucketing function.
     *
     * @return the format, or empty when the table has none
     */
    public Optional<DataLakeFormat> datalakeFormat() {
        return enumProperty(TableProperties.DATALAKE_FORMAT, DataLakeFormat.class);
    }

    /**
     * Returns a descriptor that would create this table again, with the bucket count and bucket
     * keys made explicit.
     *
     * @return the descriptor
     */
    public TableDescriptor toDescriptor() {
        return TableDescriptor.builder()
                .schema(descriptor.schema())
                .comment(descriptor.comment().orElse(null))
                .partitionedBy(descriptor.partitionKeys())
                .distributedBy(numBuckets, bucketKeys)
                .properties(descriptor.properties())
                .customProperties(descriptor.customProperties())
                .build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TableInfo that
                && tablePath.equals(that.tablePath)
                && tableId == that.tableId
                && schemaId == that.schemaId
                && descriptor.equals(that.descriptor)
                && createdTime == that.createdTime
                && modifiedTime == that.modifiedTime;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tablePath, tableId, schemaId, descriptor, createdTime, modifiedTime);
    }

    @Override
    public String toString() {
        return "TableInfo{tablePath=" + tablePath
                + ", tableId=" + tableId
                + ", schemaId=" + schemaId
                + ", numBuckets=" + numBuckets
                + ", bucketKeys=" + bucketKeys
                + ", descriptor=" + descriptor
                + ", createdTime=" + createdTime
                + ", modifiedTime=" + modifiedTime
                + "}";
    }

    private <E extends Enum<E>> Optional<E> enumProperty(String key, Class<E> type) {
        String value = descriptor.properties().get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            // The server matches enum values without regard to case.
            return Optional.of(Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Table " + tablePath + " has an unknown value '" + value + "' for property " + key, e);
        }
    }

    private int intProperty(String key, int defaultValue) {
        String value = descriptor.properties().get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Table " + tablePath + " has a non-integer value '" + value + "' for property " + key, e);
        }
    }
}
