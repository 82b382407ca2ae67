package io.flussreactive.internal.lookup;

import io.flussreactive.lookup.LookupOptions;
import io.flussreactive.lookup.LookupResult;
import io.flussreactive.lookup.Lookuper;
import io.flussreactive.row.Row;
import java.util.Objects;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A {@link Lookuper} over the shared lookups of its table. */
public final class DefaultLookuper implements Lookuper {

    private final TableLookups lookups;
    private final LookupOptions options;

    /**
     * @param lookups the lookups of the table
     * @param options batching limits
     */
    public DefaultLookuper(TableLookups lookups, LookupOptions options) {
        this.lookups = lookups;
        this.options = options;
    }

    @Override
    public Mono<Row> lookup(Row key) {
        return lookups.lookup(Objects.requireNonNull(key, "key"), false);
    }

    @Override
    public Flux<LookupResult> lookupAll(Publisher<? extends Row> keys) {
        return Flux.from(keys).flatMapSequential(
                key -> lookup(key).map(row -> new LookupResult(key, row)).defaultIfEmpty(new LookupResult(key, null)),
                options.lookupAllConcurrency());
    }

    @Override
    public Mono<Row> lookupOrInsert(Row key) {
        return lookups.lookup(Objects.requireNonNull(key, "key"), true);
    }
}
