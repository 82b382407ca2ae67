package io.flussreactive.internal.fetch;

import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.PartitionInfo;
import io.flussreactive.error.KvSnapshotNotExistException;
import io.flussreactive.error.PartitionNotExistException;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.proto.GetLatestKvSnapshotsResponse;
import io.flussreactive.internal.proto.PbKvSnapshot;
import io.flussreactive.internal.snapshot.KvSnapshotRpcs;
import io.flussreactive.internal.snapshot.RocksDbSupport;
import io.flussreactive.internal.snapshot.SnapshotBucket;
import io.flussreactive.internal.snapshot.SnapshotDownload;
import io.flussreactive.internal.snapshot.SnapshotValues;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.scan.ScanPosition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The batches of a scan that starts each bucket of a primary-key table with its latest KV snapshot:
 * first the rows of every bucket's snapshot, bucket after bucket, then (unless only the snapshot is
 * asked for) the changelog of every bucket from the offset its snapshot was taken at, or from the
 * earliest offset for a bucket without a snapshot. So each key's state is delivered once, and every
 * change after it exactly once.
 *
 * <p>The snapshots are held by a lease of the subscription's own while they are read, so that the
 * cluster does not delete one under the reader; the lease is renewed while the read runs, each
 * bucket's snapshot is released once read, and the lease is dropped when the snapshots are read, or
 * the subscription fails or is cancelled.
 *
 * <p>A new subscription after one that was cancelled or ended (a retry) goes on from what that one
 * delivered: a bucket whose snapshot was delivered to its last batch goes on with its changelog, the
 * others read their snapshot again; subscriptions side by side read independently.
 */
final class SnapshotScanFlux extends Flux<RecordBatch> {

    private static final Logger log = LoggerFactory.getLogger(SnapshotScanFlux.class);

    /** How long the cluster keeps a snapshot for a reader that vanished without releasing it. */
    static final Duration LEASE_DURATION = Duration.ofMinutes(30);

    /**
     * How often a lease is renewed while its snapshots are read: a read held back by slow downstream
     * may take longer than the lease.
     */
    static final Duration LEASE_RENEWAL = LEASE_DURATION.dividedBy(3);

    /** The most rows per snapshot batch. */
    static final int SNAPSHOT_BATCH_ROWS = 2048;

    private final ScanPlan plan;
    private final boolean thenChangelog;
    private final ScanCluster cluster;
    private final BufferAllocator allocator;
    private final KvSnapshotRpcs rpcs;
    private final SnapshotValues values;
    /** The latest subscription: where the next one goes on if it was cancelled or ended. */
    private volatile Attempt latest;

    /**
     * @param plan what the scan was asked for; its start and resume position say where the buckets it
     *     does not read a snapshot of start
     * @param thenChangelog whether the changelog follows the snapshots, or the scan ends after them
     */
    SnapshotScanFlux(ScanPlan plan, boolean thenChangelog) {
        this.plan = plan;
        this.thenChangelog = thenChangelog;
        this.cluster = new ClientScanCluster(plan.context(), plan.table());
        this.allocator = plan.context().arrowAllocator();
        this.rpcs = new KvSnapshotRpcs(plan.context());
        this.values = new SnapshotValues(rpcs, new SnapshotDownload(plan.context().remoteFileSystems(),
                Path.of(System.getProperty("java.io.tmpdir"))));
    }

    @Override
    public void subscribe(CoreSubscriber<? super RecordBatch> actual) {
        Attempt previous = latest;
        Attempt attempt = new Attempt(previous != null && previous.over ? previous.delivered : plan.resumeFrom());
        latest = attempt;
        Flux.defer(() -> read(attempt.delivered))
                .doOnNext(batch -> attempt.delivered = attempt.delivered.after(batch))
                // Marked before the end reaches downstream, which may subscribe again at once.
                .doOnTerminate(() -> attempt.over = true)
                .doOnCancel(() -> attempt.over = true)
                .subscribe(actual);
    }

    private Flux<RecordBatch> read(ScanPosition resumeFrom) {
        Optional<UnsupportedOperationException> missing = RocksDbSupport.missing();
        if (missing.isPresent()) {
            return Flux.error(missing.get());
        }
        return starts(resumeFrom).collectList().flatMapMany(starts -> {
            Flux<RecordBatch> snapshots = snapshots(starts);
            if (!thenChangelog) {
                return snapshots;
            }
            ScanPosition changelogFrom = resumeFrom;
            for (BucketStart start : starts) {
                changelogFrom = changelogFrom.with(start.bucket().partitionName(), start.bucket().bucket(),
                        start.logOffset());
            }
            ScanPlan changelog = new ScanPlan(plan.context(), plan.table(), plan.projectedFields(), OffsetSpec.earliest(),
                    changelogFrom, plan.buckets(), plan.partitions(), plan.until(), plan.requestedProjection(),
                    plan.options());
            return snapshots.concatWith(new LogScanFlux(changelog, cluster, allocator));
        });
    }

    /** The buckets with a snapshot to read, of the table or of the partitions read. */
    private Flux<BucketStart> starts(ScanPosition resumeFrom) {
        if (!plan.table().isPartitioned()) {
            return startsOf(null, resumeFrom);
        }
        if (plan.partitions() != null) {
            return Flux.fromIterable(plan.partitions()).concatMap(name -> startsOf(name, resumeFrom));
        }
        return cluster.partitions()
                .map(PartitionInfo::partitionName)
                // A partition dropped since it was listed has nothing to read, as in a log scan.
                .concatMap(name -> startsOf(name, resumeFrom).onErrorResume(PartitionNotExistException.class,
                        gone -> Flux.empty()));
    }

    private Flux<BucketStart> startsOf(String partitionName, ScanPosition resumeFrom) {
        return rpcs.latestSnapshots(plan.table().tablePath(), partitionName)
                .flatMapIterable(latestOfTable -> startsOf(partitionName, latestOfTable, resumeFrom));
    }

    private List<BucketStart> startsOf(String partitionName, GetLatestKvSnapshotsResponse latestOfTable,
            ScanPosition resumeFrom) {
        long partitionId = latestOfTable.hasPartitionId() ? latestOfTable.getPartitionId() : PhysicalBucket.NO_PARTITION;
        List<BucketStart> starts = new ArrayList<>();
        for (PbKvSnapshot snapshot : latestOfTable.getLatestSnapshotsList()) {
            int bucket = snapshot.getBucketId();
            boolean read = plan.buckets() == null || plan.buckets().contains(bucket);
            // A bucket the position knows goes on in its changelog; one without a snapshot has its whole
            // changelog still, and starts at the scan's start.
            if (read && snapshot.hasSnapshotId() && resumeFrom.nextOffset(partitionName, bucket).isEmpty()) {
                starts.add(new BucketStart(new PhysicalBucket(latestOfTable.getTableId(), partitionId, partitionName,
                        bucket), snapshot.getSnapshotId(), snapshot.getLogOffset()));
            }
        }
        starts.sort((a, b) -> Integer.compare(a.bucket().bucket(), b.bucket().bucket()));
        return starts;
    }

    /** The rows of every snapshot, under one lease. */
    private Flux<RecordBatch> snapshots(List<BucketStart> starts) {
        if (starts.isEmpty()) {
            return Flux.empty();
        }
        // Not UUID.randomUUID(): its SecureRandom may block, and this runs on a network thread.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String leaseId = "fluss-reactive-" + new UUID(random.nextLong(), random.nextLong());
        ScanMemory memory = new ScanMemory(
                allocator.newChildAllocator("snapshot scan of " + plan.table().tablePath(), 0, Long.MAX_VALUE),
                "snapshot scan of " + plan.table().tablePath());
        SnapshotBatches batches = new SnapshotBatches(plan.table(), plan.requestedProjection(), cluster, memory);
        return Flux.usingWhen(
                        acquire(leaseId, starts).map(leased -> renewEvery(leaseId)),
                        renewal -> Flux.fromIterable(starts).concatMap(start -> snapshotOf(start, batches, leaseId)),
                        renewal -> drop(leaseId, renewal),
                        (renewal, error) -> drop(leaseId, renewal),
                        renewal -> drop(leaseId, renewal))
                .doOnDiscard(RecordBatch.class, RecordBatch::close)
                .doFinally(signal -> memory.end());
    }

    private Mono<String> acquire(String leaseId, List<BucketStart> starts) {
        Map<SnapshotBucket, Long> snapshots = new LinkedHashMap<>();
        for (BucketStart start : starts) {
            snapshots.put(start.snapshotBucket(), start.snapshotId());
        }
        return rpcs.acquireLease(leaseId, LEASE_DURATION, snapshots).flatMap(answer -> {
            if (answer.getUnavailableSnapshotsCount() > 0) {
                return drop(leaseId).then(Mono.error(new KvSnapshotNotExistException("The cluster could not lease the "
                        + "latest KV snapshots of some buckets of " + plan.table().tablePath() + " (deleted meanwhile?): "
                        + answer.getUnavailableSnapshotsList())));
            }
            return Mono.just(leaseId);
        });
    }

    private Flux<RecordBatch> snapshotOf(BucketStart start, SnapshotBatches batches, String leaseId) {
        int maxBytes = plan.options().fetchMaxBytesPerBucket();
        return values.read(start.snapshotBucket(), start.snapshotId(), SNAPSHOT_BATCH_ROWS, maxBytes)
                .concatMap(chunk -> batches.batchOf(chunk, start.bucket(), start.logOffset()), 1)
                .concatWith(rpcs.releaseLease(leaseId, start.snapshotBucket())
                        .onErrorResume(error -> {
                            log.debug("Releasing the snapshot of {} from lease {} failed; dropping the lease releases "
                                    + "it", start.bucket(), leaseId, error);
                            return Mono.empty();
                        })
                        .then(Mono.<RecordBatch>empty()));
    }

    /** Renews the lease until the returned renewal is disposed. */
    private Disposable renewEvery(String leaseId) {
        return Flux.interval(LEASE_RENEWAL, LEASE_RENEWAL)
                .onBackpressureDrop()
                .concatMap(tick -> rpcs.renewLease(leaseId, LEASE_DURATION).onErrorResume(error -> {
                    log.warn("Renewing the KV snapshot lease {} failed; trying again in {}", leaseId, LEASE_RENEWAL,
                            error);
                    return Mono.empty();
                }), 0)
                .subscribe();
    }

    private Mono<Void> drop(String leaseId, Disposable renewal) {
        renewal.dispose();
        return drop(leaseId);
    }

    private Mono<Void> drop(String leaseId) {
        return rpcs.dropLease(leaseId).onErrorResume(error -> {
            log.warn("Dropping the KV snapshot lease {} failed; the cluster lets it expire after {}", leaseId,
                    LEASE_DURATION, error);
            return Mono.empty();
        });
    }

    /**
     * A bucket whose snapshot is read.
     *
     * @param bucket the bucket
     * @param snapshotId its latest snapshot
     * @param logOffset where its changelog goes on after the snapshot
     */
    private record BucketStart(PhysicalBucket bucket, long snapshotId, long logOffset) {
        SnapshotBucket snapshotBucket() {
            return new SnapshotBucket(bucket.tableId(), bucket.isPartitioned() ? bucket.partitionId() : null,
                    bucket.bucket());
        }
    }

    /** One subscription: what it delivered, and whether it is over. */
    private static final class Attempt {
        volatile ScanPosition delivered;
        volatile boolean over;

        Attempt(ScanPosition delivered) {
            this.delivered = delivered;
        }
    }
}
