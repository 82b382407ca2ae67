package io.flussreactive.internal.lookup;

import io.flussreactive.RetryPolicies.Operation;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.error.TableNotExistException;
import io.flussreactive.internal.ClientContext;
import io.flussreactive.internal.meta.KnownLeaders;
import io.flussreactive.internal.telemetry.LookupTelemetry;
import io.flussreactive.lookup.LookupOptions;
import io.flussreactive.row.Row;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Point and prefix lookups of one primary-key table: keys are encoded ({@link LookupKeys}), sent to
 * their bucket's leader ({@link KeyRouting}) through a {@link KeyBatcher}, and the values that come
 * back are decoded with the schema they name ({@link LookupValues}). A lookup whose leader moved is
 * routed again after a metadata refresh; one whose table was dropped (or dropped and created again
 * under its name) fails with {@link TableNotExistException}.
 */
public final class TableLookups {

    private final TableInfo table;
    private final LookupKeys keys;
    private final PointLookups points;
    private final PrefixLookups prefixes;
    /** Times each lookup, makes it an observation, and records the keys of each request. */
    private final LookupTelemetry telemetry;

    /**
     * @param context the client's shared parts
     * @param table a primary-key table
     * @param options batching limits
     */
    public TableLookups(ClientContext context, TableInfo table, LookupOptions options) {
        this(context, table, options, new KnownLeaders());
    }

    /** As above, the leaders already known being kept in {@code known}. */
    TableLookups(ClientContext context, TableInfo table, LookupOptions options, KnownLeaders known) {
        if (!table.hasPrimaryKey()) {
            throw new IllegalArgumentException("Table " + table.tablePath() + " has no primary key: it has no lookups");
        }
        this.table = table;
        this.telemetry = context.telemetry().lookups(table.tablePath());
        this.keys = new LookupKeys(table);
        KeyRouting routing = new KeyRouting(context.metadata(), table, known, context.retries().retry(Operation.LOOKUP));
        LookupValues values = new LookupValues(context.metadata(), table);
        int timeoutMs = (int) Math.max(1, context.options().requestTimeout().toMillis() / 2);
        this.points = new PointLookups(table, keys, routing, values,
                batcher(LookupRpcs.lookup(table.tableId(), false, 0, 0), options, telemetry),
                batcher(LookupRpcs.lookup(table.tableId(), true, -1, timeoutMs), options, telemetry));
        this.prefixes = new PrefixLookups(keys, routing, values,
                batcher(LookupRpcs.prefixLookup(table.tableId()), options, telemetry));
    }

    private static <R> KeyBatcher<R> batcher(KeyBatcher.Rpc<R> rpc, LookupOptions options, LookupTelemetry telemetry) {
        return new KeyBatcher<>(rpc, options.maxInFlightRequestsPerLeader(), options.maxKeysPerRequest(),
                options.maxWaitingKeys(), telemetry);
    }

    /** The table. */
    public TableInfo table() {
        return table;
    }

    /**
     * The row with this primary key.
     *
     * @param key the primary-key values, in primary-key order
     * @param insertIfNotExists insert a row with this key (other columns null) when there is none
     * @return the row, or empty when there is none
     */
    public Mono<Row> lookup(Row key, boolean insertIfNotExists) {
        return telemetry.lookup(insertIfNotExists ? LookupTelemetry.LOOKUP_OR_INSERT : LookupTelemetry.LOOKUP,
                points.lookup(key, insertIfNotExists));
    }

    /**
     * The rows whose primary key starts with a prefix.
     *
     * @param prefix the lookup columns of {@link #prefixKey}
     * @param values their values, in order
     * @return every matching row
     */
    public Flux<Row> prefixLookup(PrefixKey prefix, Row values) {
        return telemetry.prefixLookup(prefixes.lookup(prefix, values));
    }

    /**
     * The key of prefix lookups by these columns.
     *
     * @param columns the partition keys and then the bucket keys of the table, in order
     * @throws IllegalArgumentException when the table or the columns do not allow prefix lookups, saying why
     */
    public PrefixKey prefixKey(List<String> columns) {
        return keys.prefixKey(columns);
    }
}
