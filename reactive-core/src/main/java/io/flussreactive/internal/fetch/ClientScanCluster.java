package io.flussreactive.internal.fetch;

import io.flussreactive.RetryPolicies.Operation;
import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.PartitionInfo;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.ClientContext;
import io.flussreactive.internal.meta.BucketLeaders;
import io.flussreactive.internal.meta.LeaderCache;
import io.flussreactive.internal.meta.TableLocations;
import io.flussreactive.internal.telemetry.ScanTelemetry;
import io.flussreactive.internal.util.SerialExecutor;
import io.flussreactive.type.RowType;
import io.github.resilience4j.retry.Retry;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a scan asks of the cluster, answered by the client's metadata (cached) and admin.
 *
 * @param context the client's shared parts
 * @param table the table scanned
 */
record ClientScanCluster(ClientContext context, TableInfo table) implements ScanCluster {

    @Override
    public BucketLeaders leaders(SerialExecutor serial, Runnable wakeUp, LeaderCache.DropListener drops) {
        return new LeaderCache(context.metadata(), table.tablePath(), serial, wakeUp, drops);
    }

    @Override
    public ScanTelemetry telemetry() {
        return context.telemetry().scan(table.tablePath());
    }

    @Override
    public Mono<TableLocations> locations(String partitionName) {
        return partitionName == null
                ? context.metadata().tableLocations(table.tablePath())
                : context.metadata().partitionLocations(table.tablePath(), partitionName);
    }

    @Override
    public void forgetLocations() {
        context.metadata().invalidate(table.tablePath());
    }

    @Override
    public Flux<PartitionInfo> partitions() {
        return context.admin().listPartitions(table.tablePath());
    }

    @Override
    public Mono<Map<Integer, Long>> listOffsets(String partitionName, List<Integer> buckets, OffsetSpec spec) {
        return partitionName == null
                ? context.admin().listOffsets(table.tablePath(), buckets, spec)
                : context.admin().listOffsets(table.tablePath(), partitionName, buckets, spec);
    }

    @Override
    public Mono<RowType> rowType(int schemaId) {
        return context.metadata().schema(table.tablePath(), table.tableId(), schemaId)
                .map(info -> info.schema().rowType());
    }

    @Override
    public Flux<ByteBuffer> readRemote(URI file, long position) {
        return context.remoteFileSystems().read(file, position);
    }

    @Override
    public Retry fetchRetry() {
        return context.retries().retry(Operation.FETCH);
    }

    @Override
    public Retry partitionListingRetry() {
        return context.retries().retry(Operation.ADMIN_READ);
    }
}
