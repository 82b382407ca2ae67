package io.flussreactive.admin;

/**
 * Keys of the table properties a client commonly sets or reads. Values are strings; enum values
 * are matched by the server without regard to case. Every other key the server knows can be set
 * with {@link TableDescriptor.Builder#property(String, String)} as well.
 */
public final class TableProperties {

    private TableProperties() {}

    /**
     * Body format of the log: {@code ARROW} (default), {@code INDEXED} or {@code COMPACTED}. See
     * {@link LogFormat}.
     */
    public static final String LOG_FORMAT = "table.log.format";

    /**
     * Codec of ARROW log batches: {@code NONE}, {@code LZ4_FRAME} or {@code ZSTD} (default). See
     * {@link ArrowCompression}.
     */
    public static final String LOG_ARROW_COMPRESSION_TYPE = "table.log.arrow.compression.type";

    /** ZSTD level of ARROW log batches, 1 to 22; default 3. */
    public static final String LOG_ARROW_COMPRESSION_ZSTD_LEVEL = "table.log.arrow.compression.zstd.level";

    /** Row encoding of primary-key table values: {@code COMPACTED} (default) or {@code INDEXED}. See {@link KvFormat}. */
    public static final String KV_FORMAT = "table.kv.format";

    /**
     * Version of the key encoding of primary-key tables. Absent means 1; the server sets 2 on new
     * primary-key tables.
     */
    public static final String KV_FORMAT_VERSION = "table.kv.format-version";

    /** Number of replicas of each bucket; the server's default when absent. */
    public static final String REPLICATION_FACTOR = "table.replication.factor";

    /** Whether the server creates and drops partitions on a time schedule: {@code true} or {@code false} (default). */
    public static final String AUTO_PARTITION_ENABLED = "table.auto-partition.enabled";

    /** The time-valued partition key used for auto-partitioning; needed only with several partition keys. */
    public static final String AUTO_PARTITION_KEY = "table.auto-partition.key";

    /** Time covered by one automatic partition: {@code HOUR}, {@code DAY} (default), {@code MONTH}, {@code QUARTER}, {@code YEAR}. */
    public static final String AUTO_PARTITION_TIME_UNIT = "table.auto-partition.time-unit";

    /** Time zone of automatic partitions; the server's system zone by default. */
    public static final String AUTO_PARTITION_TIME_ZONE = "table.auto-partition.time-zone";

    /** Number of future partitions created ahead of time; default 2. */
    public static final String AUTO_PARTITION_NUM_PRECREATE = "table.auto-partition.num-precreate";

    /** Number of past partitions kept; default 7. */
    public static final String AUTO_PARTITION_NUM_RETENTION = "table.auto-partition.num-retention";

    /** Merge engine of a primary-key table: {@code FIRST_ROW}, {@code VERSIONED} or {@code AGGREGATION}; none by default. */
    public static final String MERGE_ENGINE = "table.merge-engine";

    /** The version column of the {@code VERSIONED} merge engine. */
    public static final String MERGE_ENGINE_VERSION_COLUMN = "table.merge-engine.versioned.ver-column";

    /** Changelog of a primary-key table: {@code FULL} (default, with update-before rows) or {@code WAL}. */
    public static final String CHANGELOG_IMAGE = "table.changelog.image";

    /**
     * What deletes do on a primary-key table: {@code ALLOW} (default), {@code IGNORE} or {@code
     * DISABLE}. The server defaults it to {@code IGNORE} for the first-row, versioned and
     * aggregation merge engines.
     */
    public static final String DELETE_BEHAVIOR = "table.delete.behavior";

    /** Whether the table is tiered to the lakehouse: {@code true} or {@code false} (default). */
    public static final String DATALAKE_ENABLED = "table.datalake.enabled";

    /**
     * Lakehouse format: {@code paimon}, {@code iceberg} or {@code lance}. The server fills in the
     * cluster's format when one is configured. See {@link DataLakeFormat}.
     */
    public static final String DATALAKE_FORMAT = "table.datalake.format";
}
