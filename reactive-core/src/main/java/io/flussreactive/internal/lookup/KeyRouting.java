package io.flussreactive.internal.lookup;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.error.FlussException;
import io.flussreactive.error.PartitionNotExistException;
import io.flussreactive.error.TableNotExistException;
import io.flussreactive.internal.bucket.FlussBucketing;
import io.flussreactive.internal.meta.BucketLocation;
import io.flussreactive.internal.meta.KnownLeaders;
import io.flussreactive.internal.meta.MetadataManager;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.meta.TableLocations;
import io.flussreactive.internal.record.PartitionNames;
import io.flussreactive.internal.rpc.ServerLane;
import io.flussreactive.row.Row;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Sends the keys of one table to their bucket's leader. The leaders of an unpartitioned table are
 * kept in {@link KnownLeaders}, so that once found a key reaches its batcher without going through the
 * metadata cache's Monos; the rest is found through the metadata cache. A key whose leader moved is
 * sent again after a metadata refresh; one whose table was dropped (or dropped and created again under
 * its name) fails with {@link TableNotExistException}.
 */
final class KeyRouting {

    private final MetadataManager metadata;
    private final TableInfo table;
    private final PartitionNames partitionNames;
    /** What lookups of an unpartitioned table found; forgotten whenever a lookup meets stale metadata. */
    private final KnownLeaders known;
    /** Decides whether and when a failed lookup goes again. */
    private final Retry retry;

    /**
     * @param metadata where leaders are found
     * @param table a primary-key table
     * @param known where the leaders found are kept
     * @param retry the lookup retry
     */
    KeyRouting(MetadataManager metadata, TableInfo table, KnownLeaders known, Retry retry) {
        this.metadata = metadata;
        this.table = table;
        this.partitionNames = table.isPartitioned() ? PartitionNames.of(table) : null;
        this.known = known;
        this.retry = retry;
    }

    /**
     * Looks up a key at its leader, again after a failure that may pass for as long as the lookup retry
     * allows (finding the leader again when it moved or its connection dropped).
     *
     * @param row a row of the table's width holding at least the partition keys
     * @param bucketBytes the encoded bucket key
     * @param keyBytes the encoded key the batcher sends
     */
    <R> Mono<R> submit(KeyBatcher<R> batcher, Row row, byte[] bucketBytes, byte[] keyBytes) {
        // Located on every attempt: a retry must look up the leaders again, not replay them.
        return withRetry(() -> submitOnce(batcher, row, bucketBytes, keyBytes));
    }

    /** Like {@link #submit}, for a key whose first attempt, made elsewhere, failed with {@code error}. */
    <R> Mono<R> submitAgain(KeyBatcher<R> batcher, Row row, byte[] bucketBytes, byte[] keyBytes, Throwable error) {
        return retryAfter(() -> submitOnce(batcher, row, bucketBytes, keyBytes), retry.asyncContext(), error);
    }

    /** Whether an error means a leader moved or a connection dropped: the metadata has to be fetched again. */
    static boolean isStaleMetadata(Throwable error) {
        return error instanceof FlussException fluss && fluss.errorCode().isInvalidMetadata();
    }

    /** Where a key goes, from what earlier lookups found; null if unknown or the table is partitioned. */
    Target knownTarget(byte[] bucketBytes) {
        TableLocations locations = partitionNames == null ? known.locations(PhysicalBucket.NO_PARTITION) : null;
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
    private <R> Mono<R> submitOnce(KeyBatcher<R> batcher, Row row, byte[] bucketBytes, byte[] keyBytes) {
        Target target = knownTarget(bucketBytes);
        if (target != null) {
            return batcher.submit(target.leaderId(), target.leader(), target.bucket(), keyBytes);
        }
        return locate(row, bucketBytes)
                .flatMap(found -> batcher.submit(found.leaderId(), found.leader(), found.bucket(), keyBytes));
    }

    /**
     * Where a key goes: its bucket and the bucket's leader; empty when the key's partition does not
     * exist.
     */
    private Mono<Target> locate(Row row, byte[] bucketBytes) {
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
            PhysicalBucket physical = new PhysicalBucket(
                    table.tableId(), locations.partitionId(), locations.partitionName(), bucket);
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

    /**
     * Runs an attempt, and again for as long as the lookup retry allows when it fails for a reason that
     * may pass. Built from {@code onErrorResume} rather than a retry operator, which would cost every
     * lookup a retry context whether it fails or not: nearly all succeed at once.
     */
    private <V> Mono<V> withRetry(Supplier<Mono<V>> attempt) {
        return attempt.get().onErrorResume(error -> retryAfter(attempt, retry.asyncContext(), error));
    }

    /**
     * What follows an attempt that failed with {@code error}: the failure if the retry says so, otherwise
     * the attempt again after the retry's backoff, with the leaders forgotten first if they were stale.
     */
    private <V> Mono<V> retryAfter(Supplier<Mono<V>> attempt, Retry.AsyncContext<Object> context, Throwable error) {
        long backoffMs = context.onError(error);
        if (backoffMs < 0) {
            return Mono.error(error);
        }
        if (isStaleMetadata(error)) {
            forgetLeaders();
        }
        return Mono.delay(Duration.ofMillis(backoffMs)).then(Mono.defer(() -> attempt.get()
                .doOnSuccess(found -> context.onComplete())
                .onErrorResume(next -> retryAfter(attempt, context, next))));
    }

    /** Forgets the leaders lookups found, after one of them turned out stale. */
    private void forgetLeaders() {
        known.forget(PhysicalBucket.NO_PARTITION);
        known.forgetServers();
        metadata.invalidate(table.tablePath());
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
