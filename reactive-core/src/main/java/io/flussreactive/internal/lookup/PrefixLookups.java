package io.flussreactive.internal.lookup;

import io.flussreactive.row.Row;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Prefix lookups of one primary-key table: the rows whose primary key starts with some values. */
final class PrefixLookups {

    private final LookupKeys keys;
    private final KeyRouting routing;
    private final LookupValues values;
    private final KeyBatcher<List<byte[]>> prefixes;

    /**
     * @param keys encodes the table's keys
     * @param routing sends keys to their leaders
     * @param values decodes the values found
     * @param prefixes sends the prefixes
     */
    PrefixLookups(LookupKeys keys, KeyRouting routing, LookupValues values, KeyBatcher<List<byte[]>> prefixes) {
        this.keys = keys;
        this.routing = routing;
        this.values = values;
        this.prefixes = prefixes;
    }

    /**
     * The rows whose primary key starts with a prefix.
     *
     * @param prefix the lookup columns
     * @param prefixValues their values, in order
     * @return every matching row
     */
    Flux<Row> lookup(PrefixKey prefix, Row prefixValues) {
        return Mono.defer(() -> {
                    Row row = keys.fullRow(prefix, prefixValues);
                    byte[] bytes = prefix.encoder().encode(prefixValues);
                    return routing.submit(prefixes, row, bytes, bytes);
                })
                .flatMapMany(values::decodeAll);
    }
}
