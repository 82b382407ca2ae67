package io.flussreactive.internal.fetch;

import io.flussreactive.error.PartitionNotExistException;
import io.flussreactive.error.TableNotExistException;
import io.flussreactive.scan.RecordBatch;
import org.apache.arrow.memory.BufferAllocator;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The batches of a log scan, fetched as downstream asks for them.
 *
 * <p>Demand is counted in batches and bounded in bytes: a FetchLog goes to a leader only while
 * downstream has asked for batches it has not received and the decoded batches waiting for it, with
 * what the fetched bytes still being decoded are expected to take decoded, stay under
 * {@link io.flussreactive.scan.ScanOptions#prefetchBytes()}.
 * With no demand nothing is fetched and the server is not polled. One fetch per leader is in flight at
 * a time; the server holds it (long poll) while there is nothing new. Decoding (decompression) runs on
 * {@link Schedulers#parallel()}; a bucket's next fetch leaves as soon as the previous answer arrives,
 * its offset read from the batch headers, so the server reads while the client decodes.
 *
 * <p>Cancellation stops fetching and closes every batch not delivered. A new subscription of the same
 * flux (a retry) goes on from the offsets after the last batches the previous subscription delivered;
 * subscriptions running side by side read independently.
 *
 * <p>A scan whose table is dropped fails with a {@link TableNotExistException}. A dropped partition
 * fails a scan that named it with a {@link PartitionNotExistException}; in a scan of every partition,
 * its buckets just end, as partitions come and go.
 */
public final class LogScanFlux extends Flux<RecordBatch> {

    private final ScanPlan plan;
    private final ScanCluster cluster;
    private final BufferAllocator allocator;
    /** The latest subscription: where the next one goes on if it was cancelled or ended (a retry). */
    private volatile ScanSubscription latest;

    LogScanFlux(ScanPlan plan) {
        this(plan, new ClientScanCluster(plan.context(), plan.table()), plan.context().arrowAllocator());
    }

    /**
     * @param plan what the scan was asked for (its client context is not used)
     * @param cluster where the table's buckets, offsets and schemas are found
     * @param allocator the parent of each subscription's Arrow allocator
     */
    LogScanFlux(ScanPlan plan, ScanCluster cluster, BufferAllocator allocator) {
        this.plan = plan;
        this.cluster = cluster;
        this.allocator = allocator;
    }

    @Override
    public void subscribe(CoreSubscriber<? super RecordBatch> actual) {
        ScanSubscription previous = latest;
        // A subscription running side by side starts afresh; one after a cancel or an end goes on.
        ScanProgress resumed = previous != null && previous.isOver() ? previous.progress() : new ScanProgress();
        ScanSubscription subscription = new ScanSubscription(actual, plan, cluster, allocator, resumed);
        latest = subscription;
        actual.onSubscribe(subscription);
        subscription.start();
    }
}
