package io.flussreactive.lookup;

import io.flussreactive.internal.lookup.TableLookups;
import io.flussreactive.row.Row;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;

/**
 * Lookups of every row whose primary key starts with a prefix, for primary-key tables whose bucket
 * key is a proper prefix of the primary key (for example primary key {@code (user, order)} with
 * bucket key {@code user}). A prefix is a row of the lookup columns: the partition keys, then the
 * bucket keys.
 *
 * <p>Batched like {@link Lookuper}. Thread-safe. Obtain it from
 * {@link io.flussreactive.table.FlussTable#prefixLookuper(String...)}.
 */
public final class PrefixLookuper {

    private final TableLookups lookups;
    private final TableLookups.PrefixKey prefixKey;

    /**
     * Built by {@link io.flussreactive.table.FlussTable}.
     *
     * @param lookups the lookups of the table
     * @param prefixKey the lookup columns and their encoding
     */
    public PrefixLookuper(TableLookups lookups, TableLookups.PrefixKey prefixKey) {
        this.lookups = lookups;
        this.prefixKey = prefixKey;
    }

    /** The lookup columns, in order. */
    public List<String> columns() {
        return prefixKey.columns();
    }

    /**
     * Every row whose lookup columns hold these values.
     *
     * @param prefix the values of the lookup columns, in order
     * @return the matching rows (none when nothing matches)
     */
    public Flux<Row> lookup(Row prefix) {
        return lookups.prefixLookup(prefixKey, Objects.requireNonNull(prefix, "prefix"));
    }
}
