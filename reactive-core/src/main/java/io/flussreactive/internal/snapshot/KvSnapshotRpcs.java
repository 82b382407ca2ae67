package io.flussreactive.internal.snapshot;

import io.flussreactive.RetryPolicies;
import io.flussreactive.internal.ClientContext;
import io.flussreactive.internal.meta.MetadataManager;
import io.flussreactive.internal.proto.AcquireKvSnapshotLeaseRequest;
import io.flussreactive.internal.proto.AcquireKvSnapshotLeaseResponse;
import io.flussreactive.internal.proto.DropKvSnapshotLeaseRequest;
import io.flussreactive.internal.proto.GetKvSnapshotMetadataRequest;
import io.flussreactive.internal.proto.GetKvSnapshotMetadataResponse;
import io.flussreactive.internal.proto.GetLatestKvSnapshotsRequest;
import io.flussreactive.internal.proto.GetLatestKvSnapshotsResponse;
import io.flussreactive.internal.proto.PbKvSnapshotLeaseForBucket;
import io.flussreactive.internal.proto.PbKvSnapshotLeaseForTable;
import io.flussreactive.internal.proto.PbTableBucket;
import io.flussreactive.internal.proto.ReleaseKvSnapshotLeaseRequest;
import io.flussreactive.internal.retry.Retries;
import io.flussreactive.internal.rpc.ApiMethods;
import io.flussreactive.table.TablePath;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The coordinator's KV snapshot APIs: the latest snapshot of each bucket, the files of one snapshot,
 * and the leases that keep snapshots from being deleted while they are read. Reads go again as admin
 * reads do; lease changes are sent once.
 */
public final class KvSnapshotRpcs {

    private final MetadataManager metadata;
    private final Retry readRetry;

    /**
     * @param context the client's shared parts
     */
    public KvSnapshotRpcs(ClientContext context) {
        this.metadata = context.metadata();
        this.readRetry = context.retries().retry(RetryPolicies.Operation.ADMIN_READ);
    }

    /**
     * The latest snapshot of each bucket of a table, or of one of its partitions.
     *
     * @param table the table
     * @param partitionName the partition, or null for a table that is not partitioned
     * @return the table (and partition) id and, per bucket, the snapshot id and log offset if it has one
     */
    public Mono<GetLatestKvSnapshotsResponse> latestSnapshots(TablePath table, String partitionName) {
        GetLatestKvSnapshotsRequest.Builder request = GetLatestKvSnapshotsRequest.newBuilder()
                .setTablePath(MetadataManager.toPb(table));
        if (partitionName != null) {
            request.setPartitionName(partitionName);
        }
        GetLatestKvSnapshotsRequest built = request.build();
        return Mono.defer(() -> metadata.coordinator())
                .flatMap(coordinator -> coordinator.send(ApiMethods.GET_LATEST_KV_SNAPSHOTS, built))
                .transformDeferred(Retries.onMono(readRetry));
    }

    /**
     * The files of one snapshot of a bucket, and the log offset the changelog goes on from after it.
     *
     * @param bucket the bucket
     * @param snapshotId the snapshot
     * @return the files (remote path and local file name each) and the log offset
     */
    public Mono<GetKvSnapshotMetadataResponse> snapshotFiles(SnapshotBucket bucket, long snapshotId) {
        GetKvSnapshotMetadataRequest.Builder request = GetKvSnapshotMetadataRequest.newBuilder()
                .setTableId(bucket.tableId())
                .setBucketId(bucket.bucket())
                .setSnapshotId(snapshotId);
        if (bucket.partitionId() != null) {
            request.setPartitionId(bucket.partitionId());
        }
        GetKvSnapshotMetadataRequest built = request.build();
        return Mono.defer(() -> metadata.coordinator())
                .flatMap(coordinator -> coordinator.send(ApiMethods.GET_KV_SNAPSHOT_METADATA, built))
                .transformDeferred(Retries.onMono(readRetry));
    }

    /**
     * Adds snapshots to a lease (made if new) and sets its expiry to {@code duration} from now.
     *
     * @param leaseId the lease
     * @param duration how long the lease holds unless renewed, released or dropped
     * @param snapshots the snapshot id of each bucket to keep
     * @return the snapshots the coordinator could not lease
     */
    public Mono<AcquireKvSnapshotLeaseResponse> acquireLease(String leaseId, Duration duration,
            Map<SnapshotBucket, Long> snapshots) {
        AcquireKvSnapshotLeaseRequest.Builder request = AcquireKvSnapshotLeaseRequest.newBuilder()
                .setLeaseId(leaseId)
                .setLeaseDurationMs(duration.toMillis());
        Map<Long, PbKvSnapshotLeaseForTable.Builder> byTable = new LinkedHashMap<>();
        snapshots.forEach((bucket, snapshotId) -> {
            PbKvSnapshotLeaseForBucket.Builder leased = PbKvSnapshotLeaseForBucket.newBuilder()
                    .setBucketId(bucket.bucket())
                    .setSnapshotId(snapshotId);
            if (bucket.partitionId() != null) {
                leased.setPartitionId(bucket.partitionId());
            }
            byTable.computeIfAbsent(bucket.tableId(), id -> PbKvSnapshotLeaseForTable.newBuilder().setTableId(id))
                    .addBucketSnapshots(leased);
        });
        byTable.values().forEach(request::addSnapshotsToLease);
        AcquireKvSnapshotLeaseRequest built = request.build();
        return Mono.defer(() -> metadata.coordinator())
                .flatMap(coordinator -> coordinator.send(ApiMethods.ACQUIRE_KV_SNAPSHOT_LEASE, built));
    }

    /**
     * Sets a lease's expiry to {@code duration} from now, keeping the snapshots it holds.
     *
     * @param leaseId the lease
     * @param duration how long the lease holds from now
     * @return completes once the coordinator answered
     */
    public Mono<Void> renewLease(String leaseId, Duration duration) {
        AcquireKvSnapshotLeaseRequest request = AcquireKvSnapshotLeaseRequest.newBuilder()
                .setLeaseId(leaseId)
                .setLeaseDurationMs(duration.toMillis())
                .build();
        return Mono.defer(() -> metadata.coordinator())
                .flatMap(coordinator -> coordinator.send(ApiMethods.ACQUIRE_KV_SNAPSHOT_LEASE, request))
                .then();
    }

    /**
     * Takes one bucket's snapshot out of a lease; the coordinator drops a lease left empty.
     *
     * @param leaseId the lease
     * @param bucket the bucket whose snapshot may be deleted again
     * @return completes once the coordinator answered
     */
    public Mono<Void> releaseLease(String leaseId, SnapshotBucket bucket) {
        PbTableBucket.Builder released = PbTableBucket.newBuilder()
                .setTableId(bucket.tableId())
                .setBucketId(bucket.bucket());
        if (bucket.partitionId() != null) {
            released.setPartitionId(bucket.partitionId());
        }
        ReleaseKvSnapshotLeaseRequest request = ReleaseKvSnapshotLeaseRequest.newBuilder()
                .setLeaseId(leaseId)
                .addBucketsToRelease(released)
                .build();
        return Mono.defer(() -> metadata.coordinator())
                .flatMap(coordinator -> coordinator.send(ApiMethods.RELEASE_KV_SNAPSHOT_LEASE, request))
                .then();
    }

    /**
     * Drops a lease with every snapshot it holds; a lease the coordinator does not know is no error.
     *
     * @param leaseId the lease
     * @return completes once the coordinator answered
     */
    public Mono<Void> dropLease(String leaseId) {
        DropKvSnapshotLeaseRequest request = DropKvSnapshotLeaseRequest.newBuilder().setLeaseId(leaseId).build();
        return Mono.defer(() -> metadata.coordinator())
                .flatMap(coordinator -> coordinator.send(ApiMethods.DROP_KV_SNAPSHOT_LEASE, request))
                .then();
    }
}
