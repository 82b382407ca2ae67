package io.flussreactive.internal.lookup;

import io.flussreactive.lookup.PrefixLookuper;
import io.flussreactive.row.Row;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;

/** A {@link PrefixLookuper} over the shared lookups of its table. */
public final class DefaultPrefixLookuper implements PrefixLookuper {

    private final TableLookups lookups;
    private final PrefixKey prefixKey;

    /**
     * @param lookups the lookups of the table
     * @param prefixKey the lookup columns and their encoding
     */
    public DefaultPrefixLookuper(TableLookups lookups, PrefixKey prefixKey) {
        this.lookups = lookups;
        this.prefixKey = prefixKey;
    }

    @Override
    public List<String> columns() {
        return prefixKey.columns();
    }

    @Override
    public Flux<Row> lookup(Row prefix) {
        return lookups.prefixLookup(prefixKey, Objects.requireNonNull(prefix, "prefix"));
    }
}
