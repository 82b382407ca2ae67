package io.flussreactive.admin;

import io.flussreactive.table.TablePath;
import java.util.Collection;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Databases, tables, partitions, offsets and servers of a Fluss cluster.
 *
 * <p>Every call is lazy: nothing is sent until the returned publisher is subscribed, and each
 * subscription sends again. Server-side failures arrive as the typed exceptions of
 * {@code io.flussreactive.error} carrying the server's message, for example
 * {@link io.flussreactive.error.TableNotExistException}. Admin calls are not retried automatically:
 * DDL is not idempotent in general, and the caller knows best whether to repeat it.
 *
 * <p>Obtain one from {@link io.flussreactive.FlussClient#admin()}.
 */
public interface FlussAdmin {

    // ---- databases ----

    /**
     * Creates a database.
     *
     * @param databaseName the name (letters, digits, {@code _} and {@code -})
     * @param descriptor comment and custom properties; {@link DatabaseDescriptor#empty()} for none
     * @param ignoreIfExists complete normally when the database already exists, instead of failing
     *     with {@link io.flussreactive.error.DatabaseAlreadyExistException}
     */
    Mono<Void> createDatabase(String databaseName, DatabaseDescriptor descriptor, boolean ignoreIfExists);

    /**
     * Drops a database.
     *
     * @param databaseName the database
     * @param ignoreIfNotExists complete normally when it does not exist, instead of failing with
     *     {@link io.flussreactive.error.DatabaseNotExistException}
     * @param cascade drop its tables too; without it a database holding tables fails with
     *     {@link io.flussreactive.error.DatabaseNotEmptyException}
     */
    Mono<Void> dropDatabase(String databaseName, boolean ignoreIfNotExists, boolean cascade);

    /** Whether the database exists. */
    Mono<Boolean> databaseExists(String databaseName);

    /** The names of all databases. */
    Flux<String> listDatabases();

    /**
     * Describes a database.
     *
     * @throws io.flussreactive.error.DatabaseNotExistException (as an error signal) when it does not exist
     */
    Mono<DatabaseInfo> describeDatabase(String databaseName);

    // ---- tables ----

    /**
     * Creates a table.
     *
     * @param table the table's path; its database must exist
     * @param descriptor schema, keys, buckets and properties
     * @param ignoreIfExists complete normally when the table already exists, instead of failing with
     *     {@link io.flussreactive.error.TableAlreadyExistException}
     */
    Mono<Void> createTable(TablePath table, TableDescriptor descriptor, boolean ignoreIfExists);

    /**
     * Drops a table.
     *
     * @param ignoreIfNotExists complete normally when it does not exist, instead of failing with
     *     {@link io.flussreactive.error.TableNotExistException}
     */
    Mono<Void> dropTable(TablePath table, boolean ignoreIfNotExists);

    /** Whether the table exists. */
    Mono<Boolean> tableExists(TablePath table);

    /** The names of the tables of a database. */
    Flux<String> listTables(String databaseName);

    /** Describes a table as the server stores it, with the server's defaults applied. */
    Mono<TableInfo> describeTable(TablePath table);

    /** The table's current schema and its id. */
    Mono<SchemaInfo> getSchema(TablePath table);

    /**
     * One schema of the table by id (schemas evolve; records name the schema they were written with).
     *
     * @throws io.flussreactive.error.SchemaNotExistException (as an error signal) for an unknown id
     */
    Mono<SchemaInfo> getSchema(TablePath table, int schemaId);

    // ---- partitions ----

    /** The partitions of a partitioned table. */
    Flux<PartitionInfo> listPartitions(TablePath table);

    /**
     * The partitions whose values match a partial spec (a subset of the partition keys).
     *
     * @param partialSpec values of some partition keys
     */
    Flux<PartitionInfo> listPartitions(TablePath table, PartitionSpec partialSpec);

    /**
     * Creates a partition.
     *
     * @param spec a value for every partition key
     * @param ignoreIfExists complete normally when it already exists, instead of failing with
     *     {@link io.flussreactive.error.PartitionAlreadyExistsException}
     */
    Mono<Void> createPartition(TablePath table, PartitionSpec spec, boolean ignoreIfExists);

    /**
     * Drops a partition and its data.
     *
     * @param spec a value for every partition key
     * @param ignoreIfNotExists complete normally when it does not exist, instead of failing with
     *     {@link io.flussreactive.error.PartitionNotExistException}
     */
    Mono<Void> dropPartition(TablePath table, PartitionSpec spec, boolean ignoreIfNotExists);

    // ---- offsets ----

    /**
     * Looks up one offset per bucket of a non-partitioned table.
     *
     * @param buckets the bucket ids
     * @param spec earliest, latest or by timestamp
     * @return offset by bucket id; fails with {@link io.flussreactive.error.TableNotExistException} when
     *     the table does not exist
     */
    Mono<Map<Integer, Long>> listOffsets(TablePath table, Collection<Integer> buckets, OffsetSpec spec);

    /**
     * Looks up one offset per bucket of one partition of a partitioned table.
     *
     * @param partitionName the partition's name (its values joined with {@code $})
     * @param buckets the bucket ids
     * @param spec earliest, latest or by timestamp
     * @return offset by bucket id; fails with {@link io.flussreactive.error.TableNotExistException} when
     *     the table does not exist and with {@link io.flussreactive.error.PartitionNotExistException} when
     *     the partition does not
     */
    Mono<Map<Integer, Long>> listOffsets(
            TablePath table, String partitionName, Collection<Integer> buckets, OffsetSpec spec);

    // ---- cluster ----

    /** Every server of the cluster: the coordinator first, then the tablet servers. */
    Flux<ServerNode> serverNodes();
}
