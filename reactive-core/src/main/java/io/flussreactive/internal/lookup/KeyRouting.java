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

    private static final int STALE_METADATA_RETRIES = 5;
    private static final Duration STALE_METADATA_BACKOFF = Duration.ofMillis(50);

    private final MetadataManager metadata;
    private final TableInfo table;
    private final PartitionNames partitionNames;
    /** What lookups of an unpartitioned table found; forgotten whenever a lookup meets stale metadata. */
    private final KnownLeaders known;

    /**
     * @param metadata where leaders are found
     * @param table a primary-key table
     * @param known where the leaders found are kept
     */
    KeyRouting(MetadataManager metadata, TableInfo table, KnownLeaders known) {
        this.metadata = metadata;
        this.table = table;
        this.partitionNames = table.isPartitioned() ? PartitionNames.of(table) : null;
        this.known = known;
    }

    /**
     * Looks up a key at its leader, finding the leader again (up to a few times, with a growing pause)
     * when it moved or its connection dropped.
     *
     * @param row a row of the table's width holding at least the partition keys
     * @param bucketBytes the encoded bucket key
     * @param keyBytes the encoded key the batcher sends
     */
    <R> Mono<R> submit(KeyBatcher<R> batcher, Row row, byte[] bucketBytes, byte[] keyBytes) {
        // Located on every attempt: a retry must look up the leaders again, not replay them.
        return withStaleMetadataRetry(() -> submitOnce(batcher, row, bucketBytes, keyBytes), STALE_METADATA_RETRIES);
    }

    /** Like {@link #submit}, for a key whose first attempt, made elsewhere, met stale metadata. */
    <R> Mono<R> submitAgain(KeyBatcher<R> batcher, Row row, byte[] bucketBytes, byte[] keyBytes) {
        return retryAfterStaleMetadata(() -> submitOnce(batcher, row, bucketBytes, keyBytes), STALE_METADATA_RETRIES);
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
     * Runs an attempt, and again (up to {@code retriesLeft} times, with a growing pause) when it fails
     * because a leader moved or a connection dropped, after forgetting the table's leaders. Built from
     * {@code onErrorResume} rather than {@code retryWhen}, which would cost every lookup a retry
     * companion whether it fails or not.
     */
    private <V> Mono<V> withStaleMetadataRetry(Supplier<Mono<V>> attempt, int retriesLeft) {
        Mono<V> first = attempt.get();
        if (retriesLeft <= 0) {
            return first;
        }
        return first.onErrorResume(KeyRouting::isStaleMetadata, error -> retryAfterStaleMetadata(attempt, retriesLeft));
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
