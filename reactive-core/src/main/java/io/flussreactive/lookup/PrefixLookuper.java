package io.flussreactive.lookup;

import io.flussreactive.row.Row;
import java.util.List;
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
public interface PrefixLookuper {

    /** The lookup columns, in order. */
    List<String> columns();

    /**
     * Every row whose lookup columns hold these values.
     *
     * @param prefix the values of the lookup columns, in order
     * @return the matching rows (none when nothing matches)
     */
    Flux<Row> lookup(Row prefix);
}
