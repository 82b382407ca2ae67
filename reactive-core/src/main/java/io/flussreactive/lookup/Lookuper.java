package io.flussreactive.lookup;

import io.flussreactive.row.Row;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Point lookups of a primary-key table by primary key.
 *
 * <p>A key is a row of the primary-key columns, in primary-key order (partition-key columns included
 * for partitioned tables). Lookups are batched per leader without making any of them wait: a lookup
 * finding no request in flight leaves at once; lookups arriving meanwhile leave together when the
 * answer comes back (see {@link LookupOptions}).
 *
 * <pre>{@code
 * Lookuper lookuper = table.lookuper();
 * lookuper.lookup(GenericRow.of(42L)).map(row -> row.getString(1)).subscribe(...);
 * }</pre>
 *
 * <p>Lookups of a table that was dropped (or dropped and created again under its name) fail with a
 * {@link io.flussreactive.error.TableNotExistException}; a key of a dropped partition has no row.
 *
 * <p>Thread-safe. Obtain it from {@link io.flussreactive.table.FlussTable#lookuper()}.
 */
public interface Lookuper {

    /**
     * The row with this primary key.
     *
     * @param key the primary-key values, in primary-key order
     * @return the row, or empty when there is none; fails with {@link IllegalArgumentException} for a
     *     key of the wrong shape or with a null value, and with the retriable
     *     {@link io.flussreactive.error.LookupQueueFullException} when {@link LookupOptions#maxWaitingKeys()}
     *     lookups already wait to be sent
     */
    Mono<Row> lookup(Row key);

    /**
     * Looks up a stream of keys, at most {@link LookupOptions#lookupAllConcurrency()} at once, and
     * returns one result per key, in the order of the keys.
     *
     * @param keys the keys
     * @return one result per key
     */
    Flux<LookupResult> lookupAll(Publisher<? extends Row> keys);

    /**
     * The row with this primary key, inserted first (with its other columns null, or their
     * auto-increment values) when there is none.
     *
     * <p>Not for partitioned tables: Fluss 0.9.1 servers fail such inserts, so the call fails at once
     * with {@link UnsupportedOperationException}.
     *
     * @param key the primary-key values, in primary-key order
     * @return the row found or inserted
     */
    Mono<Row> lookupOrInsert(Row key);
}
