package io.flussreactive.table;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.ClientContext;
import io.flussreactive.internal.fetch.LimitScan;
import io.flussreactive.internal.lookup.TableLookups;
import io.flussreactive.internal.write.Writers;
import io.flussreactive.lookup.LookupOptions;
import io.flussreactive.lookup.Lookuper;
import io.flussreactive.lookup.PrefixLookuper;
import io.flussreactive.row.Row;
import io.flussreactive.scan.Scan;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.UpsertWriter;
import io.flussreactive.write.WriterOptions;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;

/**
 * One table of the cluster, with what it was when it was opened: the entry point for writing to it
 * and reading from it. Obtain it with {@link io.flussreactive.FlussClient#table(TablePath)}.
 *
 * <p>The description is not refreshed: after the table's schema changes, open it again.
 */
public final class FlussTable {

    private final ClientContext context;
    private final TableInfo info;

    /**
     * Built by the client.
     *
     * @param context the client's shared parts
     * @param info the table's description
     */
    public FlussTable(ClientContext context, TableInfo info) {
        this.context = Objects.requireNonNull(context, "context");
        this.info = Objects.requireNonNull(info, "info");
    }

    /** The table's description, as it was when the table was opened. */
    public TableInfo info() {
        return info;
    }

    /** The table's path. */
    public TablePath path() {
        return info.tablePath();
    }

    /**
     * A writer appending to this log table with the client's default writer settings.
     *
     * @throws IllegalArgumentException when the table has a primary key
     * @throws IllegalStateException when the client is closed
     */
    public AppendWriter appendWriter() {
        return appendWriter(context.options().writerDefaults());
    }

    /**
     * A writer appending to this log table.
     *
     * @param options the writer's settings
     * @throws IllegalArgumentException when the table has a primary key
     * @throws IllegalStateException when the client is closed
     */
    public AppendWriter appendWriter(WriterOptions options) {
        return Writers.appendWriter(context, info, Objects.requireNonNull(options, "options"));
    }

    /**
     * A writer upserting and deleting rows of this primary-key table, with the client's default writer
     * settings.
     *
     * @throws IllegalArgumentException when the table has no primary key
     * @throws IllegalStateException when the client is closed
     */
    public UpsertWriter upsertWriter() {
        return upsertWriter(context.options().writerDefaults());
    }

    /**
     * A writer upserting and deleting rows of this primary-key table.
     *
     * @param options the writer's settings
     * @throws IllegalArgumentException when the table has no primary key
     * @throws IllegalStateException when the client is closed
     */
    public UpsertWriter upsertWriter(WriterOptions options) {
        return Writers.upsertWriter(context, info, Objects.requireNonNull(options, "options"), null);
    }

    /**
     * A writer updating only some columns of this primary-key table: each row it writes sets the
     * primary key and these columns; the other columns keep their stored values (null for a new key).
     *
     * @param options the writer's settings
     * @param columns the columns to update (the primary-key columns are always written)
     * @throws IllegalArgumentException for an unknown column, or when a NOT NULL column is left out
     * @throws IllegalStateException when the client is closed
     */
    public UpsertWriter partialUpdateWriter(WriterOptions options, String... columns) {
        return Writers.upsertWriter(context, info, Objects.requireNonNull(options, "options"), List.of(columns));
    }

    /**
     * A writer updating only some columns, with the client's default writer settings; see
     * {@link #partialUpdateWriter(WriterOptions, String...)}.
     *
     * @param columns the columns to update
     */
    public UpsertWriter partialUpdateWriter(String... columns) {
        return partialUpdateWriter(context.options().writerDefaults(), columns);
    }

    /**
     * Point lookups of this primary-key table by primary key, batched with the default limits.
     *
     * @throws IllegalArgumentException when the table has no primary key
     */
    public Lookuper lookuper() {
        return lookuper(LookupOptions.defaults());
    }

    /**
     * Point lookups of this primary-key table by primary key. All lookupers of one table with equal
     * options share their batching within the client, so that making one per request costs nothing
     * and lookups from all of them leave together.
     *
     * @param options batching limits
     * @throws IllegalArgumentException when the table has no primary key
     */
    public Lookuper lookuper(LookupOptions options) {
        Objects.requireNonNull(options, "options");
        return new Lookuper(context.lookups().of(context, info, options), options);
    }

    /**
     * Lookups of every row whose primary key starts with a prefix.
     *
     * @param columns the lookup columns: the partition keys, then the bucket keys, in order
     * @throws IllegalArgumentException when the table or the columns do not allow prefix lookups, saying why
     */
    public PrefixLookuper prefixLookuper(String... columns) {
        TableLookups lookups = context.lookups().of(context, info, LookupOptions.defaults());
        return new PrefixLookuper(lookups, lookups.prefixKey(List.of(columns)));
    }

    /**
     * At most {@code limit} rows of one bucket, in one request: the latest rows of a log table, or
     * current rows of a primary-key table.
     *
     * @param bucket the bucket
     * @param limit the most rows returned
     */
    public Flux<Row> limitScan(int bucket, int limit) {
        return LimitScan.rows(context, info, null, bucket, limit);
    }

    /**
     * At most {@code limit} rows of one bucket of one partition; see {@link #limitScan(int, int)}.
     *
     * @param partitionName the partition
     * @param bucket the bucket
     * @param limit the most rows returned
     */
    public Flux<Row> limitScan(String partitionName, int bucket, int limit) {
        return LimitScan.rows(context, info, Objects.requireNonNull(partitionName, "partitionName"), bucket, limit);
    }

    /** A scan of this table's log: every column and bucket, from the earliest offset, unbounded. */
    public Scan scan() {
        return Scan.of(context, info);
    }

    @Override
    public String toString() {
        return "FlussTable{" + info.tablePath() + ", id " + info.tableId() + "}";
    }
}
