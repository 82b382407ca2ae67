package io.flussreactive.internal.lookup;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.row.Row;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * Point lookups of one primary-key table: the row with a primary key, optionally inserted (other
 * columns null) when there is none.
 */
final class PointLookups {

    private final TableInfo table;
    private final LookupKeys keys;
    private final KeyRouting routing;
    private final LookupValues values;
    private final KeyBatcher<byte[]> lookups;
    private final KeyBatcher<byte[]> inserts;

    /**
     * @param table a primary-key table
     * @param keys encodes its keys
     * @param routing sends keys to their leaders
     * @param values decodes the values found
     * @param lookups sends the keys of plain lookups
     * @param inserts sends the keys of insert-if-not-exists lookups
     */
    PointLookups(TableInfo table, LookupKeys keys, KeyRouting routing, LookupValues values,
            KeyBatcher<byte[]> lookups, KeyBatcher<byte[]> inserts) {
        this.table = table;
        this.keys = keys;
        this.routing = routing;
        this.values = values;
        this.lookups = lookups;
        this.inserts = inserts;
    }

    /**
     * The row with this primary key.
     *
     * @param key the primary-key values, in primary-key order
     * @param insertIfNotExists insert a row with this key (other columns null) when there is none
     * @return the row, or empty when there is none
     */
    Mono<Row> lookup(Row key, boolean insertIfNotExists) {
        if (insertIfNotExists && table.isPartitioned()) {
            // The 0.9.1 server decodes the keys to insert with the partition columns, which keys do not
            // carry, and fails: refuse before creating anything.
            return Mono.error(new UnsupportedOperationException("Insert-if-not-exists lookups of partitioned tables "
                    + "fail on Fluss 0.9.1 servers (" + table.tablePath() + "); use an upsert writer"));
        }
        return new PointLookup(key, insertIfNotExists ? inserts : lookups);
    }

    /**
     * One point lookup. When the key's leader is known (the usual case once a table has been looked
     * up), the key goes to the batcher with this lookup itself as the listener: no operator chain per
     * lookup. Otherwise, and to retry after a leader moved, it goes through {@link KeyRouting#submit}.
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
                row = keys.fullRow(key);
                keyBytes = keys.primaryKey(row);
                bucketBytes = keys.bucketKey(row, keyBytes);
            } catch (RuntimeException invalid) {
                Operators.error(actual, invalid);
                return;
            }
            KeyRouting.Target known = routing.knownTarget(bucketBytes);
            if (known == null) {
                routing.submit(batcher, row, bucketBytes, keyBytes).flatMap(values::decode).subscribe(actual);
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
                if (!values.canDecodeNow(value)) {
                    continueWith(values.decode(value));
                    return;
                }
                decoded = values.decodeNow(value);
            } catch (RuntimeException corrupt) {
                actual.onError(corrupt);
                return;
            }
            complete(decoded);
        }

        @Override
        public void onError(Throwable error) {
            // Retried, if the failure may pass, as the general path retries its first attempt.
            continueWith(routing.submitAgain(batcher, row, bucketBytes, keyBytes, error).flatMap(values::decode));
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
}
