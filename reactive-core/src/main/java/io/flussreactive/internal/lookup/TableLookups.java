package io.flussreactive.internal.lookup;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.error.FlussException;
import io.flussreactive.error.PartitionNotExistException;
import io.flussreactive.error.TableNotExistException;
import io.flussreactive.internal.ClientContext;
import io.flussreactive.internal.bucket.FlussBucketing;
import io.flussreactive.internal.meta.BucketLocation;
import io.flussreactive.internal.meta.KnownLeaders;
import io.flussreactive.internal.meta.MetadataManager;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.meta.TableLocations;
import io.flussreactive.internal.record.KeyEncoder;
import io.flussreactive.internal.record.KeyEncoders;
import io.flussreactive.internal.record.PartitionNames;
import io.flussreactive.internal.record.ValueDecoder;
import io.flussreactive.internal.rpc.ServerLane;
import io.flussreactive.lookup.LookupOptions;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.type.RowType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * Point and prefix lookups of one primary-key table: keys are encoded, routed to their bucket's
 * leader through a {@link KeyBatcher}, and the values that come back are decoded with the schema they
 * name. A lookup whose leader moved is routed again after a metadata refresh; one whose table was
 * dropped (or dropped and created again under its name) fails with {@link TableNotExistException}.
 */
public final class TableLookups {

    private static final int STALE_METADATA_RETRIES = 5;
    private static final Duration STALE_METADATA_BACKOFF = Duration.ofMillis(50);

    private final ClientContext context;
    private final TableInfo table;
    private final KeyEncoder primaryKey;
    private final KeyEncoder bucketKey;
    private final PartitionNames partitionNames;
    private final int[] keyPositions;
    private final Map<Integer, RowType> schemas = new ConcurrentHashMap<>();
    private final ValueDecoder values;
    private final KeyBatcher<byte[]> lookups;
    private final KeyBatcher<byte[]> inserts;
    private final KeyBatcher<List<byte[]>> prefixes;
    /**
     * The bucket locations and leader connections an unpartitioned table's lookups found last, so
     * the next lookups find their leader without going through the metadata cache's Monos. Forgotten
     * whenever a lookup meets stale metadata.
     */
    private final KnownLeaders known = new KnownLeaders();

    /**
     * @param context the client's shared parts
     * @param table a primary-key table
     * @param options batching limits
     */
    public TableLookups(ClientContext context, TableInfo table, LookupOptions options) {
        if (!table.hasPrimaryKey()) {
            throw new IllegalArgumentException("Table " + table.tablePath() + " has no primary key: it has no lookups");
        }
        this.context = context;
        this.table = table;
        this.primaryKey = KeyEncoders.primaryKey(table);
        this.bucketKey = KeyEncoders.isDefaultBucketKey(table) ? null : KeyEncoders.bucketKey(table);
        this.partitionNames = table.isPartitioned() ? PartitionNames.of(table) : null;
        List<String> names = table.rowType().fieldNames();
        this.keyPositions = table.primaryKey().stream().mapToInt(names::indexOf).toArray();
        this.values = new ValueDecoder(table.kvFormat(), schemas::get);
        int timeoutMs = (int) Math.max(1, context.options().requestTimeout().toMillis() / 2);
        this.lookups = new KeyBatcher<>(LookupRpcs.lookup(table.tableId(), false, 0, 0),
                options.maxInFlightRequestsPerLeader(), options.maxKeysPerRequest(), options.maxWaitingKeys());
        this.inserts = new KeyBatcher<>(LookupRpcs.lookup(table.tableId(), true, -1, timeoutMs),
                options.maxInFlightRequestsPerLeader(), options.maxKeysPerRequest(), options.maxWaitingKeys());
        this.prefixes = new KeyBatcher<>(LookupRpcs.prefixLookup(table.tableId()),
                options.maxInFlightRequestsPerLeader(), options.maxKeysPerRequest(), options.maxWaitingKeys());
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
        if (insertIfNotExists && table.isPartitioned()) {
            // The 0.9.1 server decodes the keys to insert with the partition columns, which keys do not
            // carry, and fails: refuse before creating anything.
            return Mono.error(new UnsupportedOperationException("Insert-if-not-exists lookups of partitioned tables "
                    + "fail on Fluss 0.9.1 servers (" + table.tablePath() + "); use an upsert writer"));
        }
        return new PointLookup(key, insertIfNotExists ? inserts : lookups);
    }

    /** A lookup the general way: leaders found through the metadata, retried when they moved. */
    private Mono<Row> lookupRouted(Row row, byte[] bucketBytes, byte[] keyBytes, KeyBatcher<byte[]> batcher) {
        // Located on every attempt: a retry must look up the leaders again, not replay them.
        return withStaleMetadataRetry(() -> submit(batcher, row, bucketBytes, keyBytes), STALE_METADATA_RETRIES)
                .flatMap(this::decode);
    }

    /**
     * One point lookup. When the key's leader is known (the usual case once a table has been looked
     * up), the key goes to the batcher with this lookup itself as the listener: no operator chain per
     * lookup. Otherwise, and to retry after a leader moved, it continues as {@link #lookupRouted}.
     */
    private final class PointLookup extends Mono<Row> {
        private final Row key;
        private final KeyBatcher<byte[]> batcher;

        PointLookup(Row key, KeyBatcher<byte[]> batcher) {
            this.key = key;
            this.batcher = batcher;
        }

        @Override
        public void subscribe(CoreSubscriber<? super Row> actual) {
            Row row;
            byte[] keyBytes;
            byte[] bucketBytes;
            try {
                row = fullRow(key);
                keyBytes = primaryKey.encode(row);
                bucketBytes = bucketKey == null ? keyBytes : bucketKey.encode(row);
            } catch (RuntimeException invalid) {
                Operators.error(actual, invalid);
                return;
            }
            Target known = partitionNames == null ? knownTarget(bucketBytes) : null;
            if (known == null) {
                lookupRouted(row, bucketBytes, keyBytes, batcher).subscribe(actual);
                return;
            }
            Answer answer = new Answer(actual, row, bucketBytes, keyBytes, batcher);
            actual.onSubscribe(answer);
            batcher.submit(known.leaderId(), known.leader(), known.bucket(), keyBytes, answer);
        }
    }

    /** The answer to a {@link PointLookup} sent to a known leader, handed to its subscriber. */
    private final class Answer extends Operators.MonoSubscriber<Row, Row> implements KeyBatcher.AnswerListener<byte[]> {
        private final Row row;
        private final byte[] bucketBytes;
        private final byte[] keyBytes;
        private final KeyBatcher<byte[]> batcher;
        /** What continues the lookup after a stale leader or an unknown schema, if anything. */
        private volatile Disposable continuation;

        Answer(CoreSubscriber<? super Row> actual, Row row, byte[] bucketBytes, byte[] keyBytes,
                KeyBatcher<byte[]> batcher) {
            super(actual);
            this.row = row;
            this.bucketBytes = bucketBytes;
            this.keyBytes = keyBytes;
            this.batcher = batcher;
        }

        @Override
        public void onAnswer(byte[] value) {
            if (isCancelled()) {
                return;
            }
            if (value == null) {
                actual.onComplete();
                return;
            }
            Row decoded;
            try {
                if (!schemas.containsKey(ValueDecoder.schemaIdOf(value))) {
                    continueWith(decode(value));
                    return;
                }
                decoded = padded(values.decode(value).row());
            } catch (RuntimeException corrupt) {
                actual.onError(corrupt);
                return;
            }
            complete(decoded);
        }

        @Override
        public void onError(Throwable error) {
            if (isStaleMetadata(error)) {
                // The leader moved: retried as the general path retries its first attempt.
                continueWith(retryAfterStaleMetadata(() -> submit(batcher, row, bucketBytes, keyBytes),
                        STALE_METADATA_RETRIES).flatMap(TableLookups.this::decode));
                return;
            }
            actual.onError(error);
        }

        private void continueWith(Mono<Row> rest) {
            boolean[] valued = new boolean[1];
            continuation = rest.subscribe(
                    value -> {
                        valued[0] = true;
                        complete(value);
                    },
                    actual::onError,
                    () -> {
                        // Also called after a value, which complete() has already ended the lookup with.
                        if (!valued[0]) {
                            actual.onComplete();
                        }
                    });
            if (isCancelled()) {
                continuation.dispose();
            }
        }

        @Override
        public void cancel() {
            super.cancel();
            Disposable rest = continuation;
            if (rest != null) {
                rest.dispose();
            }
        }
    }

    /**
     * The rows whose primary key starts with a prefix.
     *
     * @param prefix the lookup columns of {@link #prefixKey}
     * @param values their values, in order
     * @return every matching row
     */
    public Flux<Row> prefixLookup(PrefixKey prefix, Row values) {
        return Mono.defer(() -> {
                    Row row = fullRow(values, prefix.positions(), prefix.columns(), "prefix");
                    byte[] bytes = prefix.encoder().encode(values);
                    return withStaleMetadataRetry(() -> submit(prefixes, row, bytes, bytes), STALE_METADATA_RETRIES);
                })
                .flatMapMany(this::decodeAll);
    }

    /**
     * The key of prefix lookups by these columns.
     *
     * @param columns the partition keys and then the bucket keys of the table, in order
     * @throws IllegalArgumentException when the table or the columns do not allow prefix lookups, saying why
     */
    public PrefixKey prefixKey(List<String> columns) {
        KeyEncoder encoder = KeyEncoders.prefixLookupKey(table, columns);
        List<String> names = table.rowType().fieldNames();
        return new PrefixKey(List.copyOf(columns), encoder, columns.stream().mapToInt(names::indexOf).toArray());
    }

    /**
     * What prefix lookups by some columns need.
     *
     * @param columns the lookup columns
     * @param encoder encodes rows of the lookup columns
     * @param positions the columns' positions in the table
     */
    public record PrefixKey(List<String> columns, KeyEncoder encoder, int[] positions) {
    }

    /** A row of the table's width with the key's values at the primary-key positions. */
    private Row fullRow(Row key) {
        return fullRow(key, keyPositions, table.primaryKey(), "key");
    }

    /** A row of the table's width with the values at the given positions. */
    private Row fullRow(Row values, int[] positions, List<String> columns, String what) {
        if (values.fieldCount() != positions.length) {
            throw new IllegalArgumentException("A " + what + " of " + table.tablePath() + " has the " + positions.length
                    + " columns " + columns + ", in that order; got " + values.fieldCount() + " values");
        }
        GenericRow row = GenericRow.ofSize(table.rowType().fieldCount());
        for (int i = 0; i < positions.length; i++) {
            row.set(positions[i], values.get(i));
        }
        return row;
    }

    /**
     * Where a key goes: its bucket and the bucket's leader; empty when the key's partition does not
     * exist.
     *
     * @param row a row of the table's width holding at least the partition keys
     * @param bucketBytes the encoded bucket key
     */
    Mono<Target> locate(Row row, byte[] bucketBytes) {
        MetadataManager metadata = context.metadata();
        String partitionName = partitionNames == null ? null : partitionNames.partitionName(row);
        Mono<TableLocations> where;
        if (partitionName == null) {
            where = metadata.tableLocations(table.tablePath());
        } else {
            // No partition, no row: a lookup there finds nothing.
            where = metadata.partitionLocations(table.tablePath(), partitionName)
                    .onErrorResume(PartitionNotExistException.class, missing -> Mono.empty());
        }
        return where.flatMap(locations -> {
            if (locations.tableId() != table.tableId()) {
                return Mono.error(new TableNotExistException("Table " + table.tablePath() + " was dropped (the table "
                        + "now of that name is another one, with id " + locations.tableId() + ")"));
            }
            int bucket = FlussBucketing.bucket(bucketBytes, table.numBuckets());
            BucketLocation location = locations.bucket(bucket).orElseThrow();
            long partitionId = locations.partitionId();
            PhysicalBucket physical = new PhysicalBucket(table.tableId(), partitionId, locations.partitionName(), bucket);
            return metadata.tabletServer(location.leader())
                    .map(leader -> {
                        if (partitionName == null) {
                            known.putServer(location.leader(), leader);
                            known.put(locations);
                        }
                        return new Target(location.leader(), leader, physical);
                    });
        });
    }

    /** Where a key of an unpartitioned table goes, from what earlier lookups found; null if unknown. */
    private Target knownTarget(byte[] bucketBytes) {
        TableLocations locations = known.locations(PhysicalBucket.NO_PARTITION);
        if (locations == null) {
            return null;
        }
        int bucket = FlussBucketing.bucket(bucketBytes, table.numBuckets());
        BucketLocation location = locations.bucket(bucket).orElse(null);
        if (location == null || !location.hasLeader()) {
            return null;
        }
        ServerLane leader = known.server(location.leader());
        return leader == null ? null : new Target(location.leader(), leader,
                new PhysicalBucket(table.tableId(), PhysicalBucket.NO_PARTITION, null, bucket));
    }

    /** Sends a key to its leader: straight away when the leader is known, else once it is found. */
    private <R> Mono<R> submit(KeyBatcher<R> batcher, Row row, byte[] bucketBytes, byte[] keyBytes) {
        Target known = partitionNames == null ? knownTarget(bucketBytes) : null;
        if (known != null) {
            return batcher.submit(known.leaderId(), known.leader(), known.bucket(), keyBytes);
        }
        return locate(row, bucketBytes)
                .flatMap(target -> batcher.submit(target.leaderId(), target.leader(), target.bucket(), keyBytes));
    }

    /** A value as a row of the current schema: columns added since its schema was used are null. */
    private Mono<Row> decode(byte[] value) {
        int schemaId = ValueDecoder.schemaIdOf(value);
        if (schemas.containsKey(schemaId)) {
            // The usual case: a value the flatMap can take without subscribing to anything.
            return Mono.just(padded(values.decode(value).row()));
        }
        return schemaOf(schemaId).map(rowType -> padded(values.decode(value).row()));
    }

    /** The values of a list, decoded. */
    Flux<Row> decodeAll(List<byte[]> valueList) {
        return Flux.fromIterable(valueList).concatMap(this::decode);
    }

    private Mono<RowType> schemaOf(int schemaId) {
        RowType known = schemas.get(schemaId);
        if (known != null) {
            return Mono.just(known);
        }
        return context.metadata().schema(table.tablePath(), table.tableId(), schemaId)
                .map(info -> {
                    RowType type = info.schema().rowType();
                    schemas.put(schemaId, type);
                    return type;
                });
    }

    /** A row decoded with its own schema, as a row of the current one. */
    private Row padded(Row row) {
        return ValueDecoder.padded(row, table.rowType().fieldCount());
    }

    /**
     * Runs an attempt, and again (up to {@code retriesLeft} times, with a growing pause) when it fails
     * because a leader moved or a connection dropped, after forgetting the table's leaders. Built from
     * {@code onErrorResume} rather than {@code retryWhen}, which would cost every lookup a retry
     * companion whether it fails or not.
     */
    <V> Mono<V> withStaleMetadataRetry(Supplier<Mono<V>> attempt, int retriesLeft) {
        Mono<V> first = attempt.get();
        if (retriesLeft <= 0) {
            return first;
        }
        return first.onErrorResume(TableLookups::isStaleMetadata, error -> retryAfterStaleMetadata(attempt, retriesLeft));
    }

    /**
     * What follows an attempt that met stale metadata, {@code retriesLeft} being the retries it had:
     * the leaders are forgotten, and after a pause that grows with each retry the attempt runs again.
     */
    private <V> Mono<V> retryAfterStaleMetadata(Supplier<Mono<V>> attempt, int retriesLeft) {
        forgetLeaders();
        Duration pause = STALE_METADATA_BACKOFF.multipliedBy(1L << (STALE_METADATA_RETRIES - retriesLeft));
        return Mono.delay(pause).then(Mono.defer(() -> withStaleMetadataRetry(attempt, retriesLeft - 1)));
    }

    /** Whether an error means a leader moved or a connection dropped: the metadata has to be fetched again. */
    private static boolean isStaleMetadata(Throwable error) {
        return error instanceof FlussException fluss && fluss.errorCode().isInvalidMetadata();
    }

    /** Forgets the leaders lookups found, after one of them turned out stale. */
    private void forgetLeaders() {
        known.forget(PhysicalBucket.NO_PARTITION);
        known.forgetServers();
        context.metadata().invalidate(table.tablePath());
    }

    /**
     * Where one key goes.
     *
     * @param leaderId the leader's id
     * @param leader the connection to the leader
     * @param bucket the bucket
     */
    record Target(int leaderId, ServerLane leader, PhysicalBucket bucket) {
    }
}
