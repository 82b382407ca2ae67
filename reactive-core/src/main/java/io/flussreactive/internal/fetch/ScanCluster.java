package io.flussreactive.internal.fetch;

import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.PartitionInfo;
import io.flussreactive.internal.meta.BucketLeaders;
import io.flussreactive.internal.meta.LeaderCache;
import io.flussreactive.internal.meta.TableLocations;
import io.flussreactive.internal.telemetry.ScanTelemetry;
import io.flussreactive.internal.util.SerialExecutor;
import io.flussreactive.type.RowType;
import io.github.resilience4j.retry.Retry;
import io.flussreactive.storage.RemoteStorageException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a scan of one table asks of the cluster besides its fetches: where the buckets are and who
 * leads them, the offsets where reading starts (and ends), and the schemas the records were written
 * with. {@link ClientScanCluster} asks the client's metadata and admin.
 */
interface ScanCluster {

    /**
     * The leaders of the table's buckets, for one subscription.
     *
     * @param serial the subscription's executor: lookups end there
     * @param wakeUp runs on {@code serial} when a lookup ended
     * @param drops told on {@code serial} when a lookup finds the table or a partition dropped
     * @return leaders not looked up yet
     */
    BucketLeaders leaders(SerialExecutor serial, Runnable wakeUp, LeaderCache.DropListener drops);

    /**
     * Where the buckets of the table are, or of one of its partitions.
     *
     * @param partitionName the partition, or null for a table that has none
     * @return the locations
     */
    Mono<TableLocations> locations(String partitionName);

    /** Forgets the table's locations known so far: the next {@link #locations} asks the cluster. */
    void forgetLocations();

    /** The partitions the table has now. */
    Flux<PartitionInfo> partitions();

    /**
     * One offset per bucket of the table, or of one of its partitions.
     *
     * @param partitionName the partition, or null for a table that has none
     * @param buckets the bucket ids
     * @param spec which offset
     * @return the offset by bucket id
     */
    Mono<Map<Integer, Long>> listOffsets(String partitionName, List<Integer> buckets, OffsetSpec spec);

    /**
     * The row type of one of the table's schemas.
     *
     * @param schemaId the schema id a batch names
     * @return its row type
     */
    Mono<RowType> rowType(int schemaId);

    /** Decides whether a bucket's failed fetch goes again, and after what backoff. */
    Retry fetchRetry();

    /** Decides whether a failed look for new partitions of a tailing scan goes again, and after what backoff. */
    Retry partitionListingRetry();

    /**
     * Reads a file of the cluster's remote storage (a tiered log segment) under demand.
     *
     * @param file the file
     * @param position the first byte to read
     * @return its bytes; by default, a cluster without remote storage fails the read
     */
    default Flux<ByteBuffer> readRemote(URI file, long position) {
        return Flux.error(new RemoteStorageException(file, "No remote storage to read from", null));
    }

    /** Where a subscription of the scan records what it delivers; nothing by default. */
    default ScanTelemetry telemetry() {
        return ScanTelemetry.NONE;
    }
}
