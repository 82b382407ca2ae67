package io.flussreactive.table;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.lookup.LookupOptions;
import io.flussreactive.lookup.Lookuper;
import io.flussreactive.lookup.PrefixLookuper;
import io.flussreactive.row.Row;
import io.flussreactive.scan.Scan;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.UpsertWriter;
import io.flussreactive.write.WriterOptions;
import reactor.core.publisher.Flux;

/**
 * One table of the cluster, with what it was when it was opened: the entry point for writing to it
 * and reading from it. Obtain it with {@link io.flussreactive.FlussClient#table(TablePath)}.
 *
 * <p>The description is not refreshed: after the table's schema changes, open it again.
 */
public interface FlussTable {

    /** The table's description, as it was when the table was opened. */
    TableInfo info();

    /** The table's path. */
    TablePath path();

    /**
     * A writer appending to this log table with the client's default writer settings. Tables of every
     * log format (ARROW, INDEXED, COMPACTED) are written in their own format.
     *
     * @throws IllegalArgumentException when the table has a primary key
     * @throws IllegalStateException when the client is closed
     */
    AppendWriter appendWriter();

    /**
     * A writer appending to this log table.
     *
     * @param options the writer's settings
     * @throws IllegalArgumentException when the table has a primary key
     * @throws IllegalStateException when the client is closed
     */
    AppendWriter appendWriter(WriterOptions options);

    /**
     * A writer upserting and deleting rows of this primary-key table, with the client's default writer
     * settings.
     *
     * @throws IllegalArgumentException when the table has no primary key
     * @throws IllegalStateException when the client is closed
     */
    UpsertWriter upsertWriter();

    /**
     * A writer upserting and deleting rows of this primary-key table.
     *
     * @param options the writer's settings
     * @throws IllegalArgumentException when the table has no primary key
     * @throws IllegalStateException when the client is closed
     */
    UpsertWriter upsertWriter(WriterOptions options);

    /**
     * A writer updating only some columns of this primary-key table: each row it writes sets the
     * primary key and these columns; the other columns keep their stored values (null for a new key).
     *
     * @param options the writer's settings
     * @param columns the columns to update (the primary-key columns are always written)
     * @throws IllegalArgumentException for an unknown column, or when a NOT NULL column is left out
     * @throws IllegalStateException when the client is closed
     */
    UpsertWriter partialUpdateWriter(WriterOptions options, String... columns);

    /**
     * A writer updating only some columns, with the client's default writer settings; see
     * {@link #partialUpdateWriter(WriterOptions, String...)}.
     *
     * @param columns the columns to update
     */
    UpsertWriter partialUpdateWriter(String... columns);

    /**
     * Point lookups of this primary-key table by primary key, batched with the client's default limits
     * ({@link io.flussreactive.FlussClientOptions#lookupDefaults()}).
     *
     * @throws IllegalArgumentException when the table has no primary key
     */
    Lookuper lookuper();

    /**
     * Point lookups of this primary-key table by primary key. All lookupers of one table with equal
     * options share their batching within the client, so that making one per request costs nothing
     * and lookups from all of them leave together.
     *
     * @param options batching limits
     * @throws IllegalArgumentException when the table has no primary key
     */
    Lookuper lookuper(LookupOptions options);

    /**
     * Lookups of every row whose primary key starts with a prefix, batched with the client's default
     * limits ({@link io.flussreactive.FlussClientOptions#lookupDefaults()}).
     *
     * @param columns the lookup columns: the partition keys, then the bucket keys, in order
     * @throws IllegalArgumentException when the table or the columns do not allow prefix lookups, saying why
     */
    PrefixLookuper prefixLookuper(String... columns);

    /**
     * At most {@code limit} rows of one bucket, in one request: the latest rows of a log table, or
     * current rows of a primary-key table.
     *
     * @param bucket the bucket
     * @param limit the most rows returned
     */
    Flux<Row> limitScan(int bucket, int limit);

    /**
     * At most {@code limit} rows of one bucket of one partition; see {@link #limitScan(int, int)}.
     *
     * @param partitionName the partition
     * @param bucket the bucket
     * @param limit the most rows returned
     */
    Flux<Row> limitScan(String partitionName, int bucket, int limit);

    /**
     * The bucket a row of this table goes to, as its writers and lookups choose it, without writing it.
     *
     * @param rowOrKey a row of the table, or, for a primary-key table, a primary key (its values in
     *     primary-key order, as a lookup takes it)
     * @return the bucket id
     * @throws UnsupportedOperationException when the table has no bucket key (a log table whose writers
     *     spread rows over buckets themselves)
     * @throws IllegalArgumentException when the values are neither a row nor a key of the table
     */
    int bucketOf(Row rowOrKey);

    /** A scan of this table's log: every column and bucket, from the earliest offset, unbounded. */
    Scan scan();

    String toString();
}
