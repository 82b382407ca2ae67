package io.flussreactive.internal.lookup;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.ClientContext;
import io.flussreactive.lookup.LookupOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lookups of each table one client looks up, shared by all its lookupers of that table: lookups
 * from several lookupers (say one per web request) batch together, and a new lookuper starts with the
 * leaders and schemas the earlier ones found instead of finding them again.
 *
 * <p>One entry is kept per table, schema version and batching limits the client has looked up; a
 * client looks up a bounded set of tables, and an entry holds no data beyond keys waiting to be sent.
 */
public final class SharedTableLookups {

    private record Key(long tableId, int schemaId, LookupOptions options) {
    }

    private final Map<Key, TableLookups> lookups = new ConcurrentHashMap<>();

    /**
     * The lookups of a table with these batching limits, made on first use.
     *
     * @param context the client's shared parts
     * @param table a primary-key table
     * @param options batching limits (its {@code lookupAll} concurrency is not used)
     * @return the shared lookups
     * @throws IllegalArgumentException when the table has no primary key
     */
    public TableLookups of(ClientContext context, TableInfo table, LookupOptions options) {
        // lookupAll's concurrency is each lookuper's own: lookupers differing only in it batch together.
        LookupOptions batching = options.toBuilder().lookupAllConcurrency(LookupOptions.defaults().lookupAllConcurrency()).build();
        return lookups.computeIfAbsent(new Key(table.tableId(), table.schemaId(), batching),
                key -> new TableLookups(context, table, batching));
    }
}
