package io.flussreactive.internal.fetch;

import io.flussreactive.RetryPolicies.Operation;
import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.PartitionInfo;
import io.flussreactive.internal.retry.Retries;
import io.flussreactive.internal.telemetry.ScanTelemetry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.meta.BucketLeaders;
import io.flussreactive.internal.meta.BucketLocation;
import io.flussreactive.internal.meta.LeaderCache;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.meta.TableLocations;
import io.flussreactive.internal.rpc.ServerLane;
import io.flussreactive.internal.util.SerialExecutor;
import io.flussreactive.type.RowType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A cluster where the buckets of one unpartitioned table never move and every log starts at offset 0:
 * bucket {@code b} of {@code n} servers is led by server {@code b % n}, whose id is that number.
 */
final class FixedScanCluster implements ScanCluster {

    private final TableInfo table;
    private final List<ServerLane> servers;
    private final TableLocations locations;
    private final List<PhysicalBucket> invalidated = new CopyOnWriteArrayList<>();
    private Retry fetchRetry = Retries.defaults().retry(Operation.FETCH);
    private final AtomicInteger offsetFailuresLeft = new AtomicInteger();
    private final AtomicInteger offsetRequests = new AtomicInteger();
    private volatile Throwable offsetFailure;
    private ScanTelemetry telemetry = ScanTelemetry.NONE;

    /**
     * @param table an unpartitioned table
     * @param servers the servers leading its buckets
     */
    FixedScanCluster(TableInfo table, ServerLane... servers) {
        this.table = table;
        this.servers = List.of(servers);
        Map<Integer, BucketLocation> buckets = new HashMap<>();
        for (int bucket = 0; bucket < table.numBuckets(); bucket++) {
            int leader = bucket % servers.length;
            buckets.put(bucket, new BucketLocation(bucket, leader, List.of(leader), 0));
        }
        this.locations = new TableLocations(table.tablePath(), table.tableId(), PhysicalBucket.NO_PARTITION, null, buckets);
    }

    /** Gives the next scan subscriptions this telemetry. */
    void telemetry(ScanTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public ScanTelemetry telemetry() {
        return telemetry;
    }

    /** The table scanned. */
    TableInfo table() {
        return table;
    }

    /** The buckets whose leaders the scan reported stale, in order. */
    List<PhysicalBucket> invalidated() {
        return invalidated;
    }

    @Override
    public BucketLeaders leaders(SerialExecutor serial, Runnable wakeUp, LeaderCache.DropListener drops) {
        return new BucketLeaders() {
            @Override
            public TableLocations locations(long partitionId) {
                return locations;
            }

            @Override
            public void put(TableLocations found) {
            }

            @Override
            public ServerLane leaderOf(PhysicalBucket bucket) {
                return servers.get(bucket.bucket() % servers.size());
            }

            @Override
            public void invalidate(PhysicalBucket bucket) {
                invalidated.add(bucket);
            }
        };
    }

    @Override
    public Mono<TableLocations> locations(String partitionName) {
        return Mono.just(locations);
    }

    @Override
    public void forgetLocations() {
    }

    @Override
    public Flux<PartitionInfo> partitions() {
        return Flux.empty();
    }

    @Override
    public Mono<Map<Integer, Long>> listOffsets(String partitionName, List<Integer> buckets, OffsetSpec spec) {
        return Mono.defer(() -> {
            offsetRequests.incrementAndGet();
            if (offsetFailuresLeft.getAndDecrement() > 0) {
                return Mono.error(offsetFailure);
            }
            Map<Integer, Long> offsets = new HashMap<>();
            buckets.forEach(bucket -> offsets.put(bucket, 0L));
            return Mono.just(offsets);
        });
    }

    /** The next {@code times} offset requests fail with {@code error}. */
    void failOffsets(int times, Throwable error) {
        this.offsetFailure = error;
        this.offsetFailuresLeft.set(times);
    }

    /** How many times offsets were asked for. */
    int offsetRequests() {
        return offsetRequests.get();
    }

    @Override
    public Mono<RowType> rowType(int schemaId) {
        return Mono.just(table.rowType());
    }

    @Override
    public Retry fetchRetry() {
        return fetchRetry;
    }

    @Override
    public Retry partitionListingRetry() {
        return Retries.defaults().retry(Operation.ADMIN_READ);
    }

    /** Fetches of scans started afterwards retry by this policy instead of the default. */
    void fetchPolicy(RetryConfig policy) {
        this.fetchRetry = Retry.of(Operation.FETCH.retryName(), policy);
    }
}
