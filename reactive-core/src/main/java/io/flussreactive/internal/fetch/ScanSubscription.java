package io.flussreactive.internal.fetch;

import io.flussreactive.error.FlussException;
import io.flussreactive.error.PartitionNotExistException;
import io.flussreactive.error.TableNotExistException;
import io.flussreactive.internal.meta.BucketKey;
import io.flussreactive.internal.meta.BucketLeaders;
import io.flussreactive.internal.meta.LeaderCache;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.meta.TableLocations;
import io.flussreactive.internal.proto.FetchLogRequest;
import io.flussreactive.internal.proto.FetchLogResponse;
import io.flussreactive.internal.proto.PbFetchLogRespForBucket;
import io.flussreactive.internal.proto.PbFetchLogRespForTable;
import io.flussreactive.internal.proto.PbRemoteLogFetchInfo;
import io.flussreactive.internal.retry.Retries;
import io.flussreactive.internal.rpc.ApiMethods;
import io.flussreactive.internal.rpc.BucketErrors;
import io.flussreactive.internal.rpc.ServerLane;
import io.flussreactive.internal.telemetry.ScanTelemetry;
import io.flussreactive.internal.util.SerialExecutor;
import io.flussreactive.internal.util.TroubleLog;
import io.flussreactive.scan.RecordBatch;
import io.github.resilience4j.retry.Retry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Schedulers;

/**
 * One subscription of a {@link LogScanFlux}: it fetches while downstream asks for batches and the
 * {@link PrefetchBudget} has room, decodes the answers off its executor, delivers each bucket's batches
 * in offset order, reads the tiered (remote) log segments a fetch answer points a bucket to, and
 * retries what a retriable error failed. Its state is touched only on its serial executor.
 */
final class ScanSubscription implements Subscription, LeaderCache.DropListener {

    private static final Logger log = LoggerFactory.getLogger(ScanSubscription.class);

    /**
     * How often to look again while a bucket's leader is not known yet, or after an answer pointed it to
     * tiered storage without naming a segment.
     */
    private static final Duration LEADER_WAIT = Duration.ofMillis(100);

    private final ScanPlan plan;
    private final ScanCluster cluster;
    private final ScanProgress progress;

    private final CoreSubscriber<? super RecordBatch> actual;
    private final SerialExecutor serial = new SerialExecutor();
    private final AtomicLong requested = new AtomicLong();
    private final ArrayDeque<ReadyBatch> ready = new ArrayDeque<>();
    private final PrefetchBudget budget;
    private final BucketLeaders leaders;
    private final ScanMemory memory;
    private final OrderedDecoding decoding;
    private List<FetchBucket> buckets;
    private volatile boolean terminated;
    private volatile boolean cancelled;
    private final Retry retry;
    /** Says once when fetches of some buckets have failed for a while, and once when they succeed again. */
    private final TroubleLog trouble;
    /** Where what the subscription delivers, holds and lags behind is recorded. */
    private final ScanTelemetry telemetry;
    /** The sum of the buckets' {@link FetchBucket#lag}. */
    private long lag;
    /** When the scheduled wake-up runs ({@link System#nanoTime}), or 0 while none is scheduled. */
    private long wakeUpAtNanos;
    /** Finding the buckets and where to read them; stopped if the subscription ends first. */
    private volatile Disposable starting;
    /** Finds the buckets read from the start, and those of the partitions created later. */
    private final ScanStart scanStart;
    /** Adds the partitions created while the scan runs; null when the scan reads a fixed set. */
    private final PartitionDiscovery discovery;

    /**
     * @param actual downstream
     * @param plan what the scan was asked for
     * @param cluster where leaders, locations, offsets and schemas are found
     * @param allocator the parent of the subscription's Arrow allocator
     * @param resumed what earlier subscriptions of the flux delivered
     */
    ScanSubscription(CoreSubscriber<? super RecordBatch> actual, ScanPlan plan, ScanCluster cluster,
            BufferAllocator allocator, ScanProgress resumed) {
        this.actual = actual;
        this.plan = plan;
        this.cluster = cluster;
        this.progress = new ScanProgress(resumed);
        this.budget = new PrefetchBudget(plan.options().prefetchBytes(), plan.options().fetchMaxBytes());
        this.leaders = cluster.leaders(serial, this::drain, this);
        this.retry = cluster.fetchRetry();
        this.trouble = new TroubleLog(log, "Scan of " + plan.table().tablePath());
        this.memory = new ScanMemory(
                allocator.newChildAllocator("scan of " + plan.table().tablePath(), 0, Long.MAX_VALUE),
                "scan of " + plan.table().tablePath() + " delivered to " + ScanMemory.stepsOf(actual));
        this.decoding = new OrderedDecoding(plan, cluster, memory, budget, serial, new DecodingOutput());
        this.telemetry = cluster.telemetry();
        this.scanStart = new ScanStart(plan, cluster, progress, where -> serial.execute(() -> leaders.put(where)));
        this.discovery = PartitionDiscovery.of(plan, cluster, scanStart, serial, this::partitionsCreated);
    }

    /** Whether the subscription was cancelled or ended: a new one goes on from its {@link #progress()}. */
    boolean isOver() {
        return cancelled || terminated;
    }

    /** What this subscription delivered so far. */
    ScanProgress progress() {
        return progress;
    }

    void start() {
        // Goes again as a fetch would, not within the few attempts of an admin read: a bucket that its
        // leader does not hold yet (a table just created, a leader that crashed) is worth waiting for.
        starting = scanStart.buckets()
                .transformDeferred(Retries.onMono(retry))
                .subscribe(
                        found -> serial.execute(() -> {
                            // A list of its own: partitions created while the scan runs join it.
                            buckets = new ArrayList<>(found);
                            if (discovery != null && !terminated) {
                                discovery.start(found);
                            }
                            drain();
                        }),
                        error -> serial.execute(() -> fail(error)));
        if (terminated) {
            // Ended before the start was stored for terminate() to stop.
            starting.dispose();
        }
    }

    @Override
    public void request(long n) {
        if (Operators.validate(n)) {
            requested.getAndAccumulate(n, Operators::addCap);
            serial.execute(this::drain);
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        serial.execute(this::drain);
    }

    // ---- on the serial executor ----

    private void drain() {
        if (terminated) {
            return;
        }
        if (cancelled) {
            terminate();
            return;
        }
        deliver();
        if (cancelled) {
            terminate();
            return;
        }
        if (buckets == null) {
            return;
        }
        // Each answer being decoded brings at least one batch: demand they cover fetches nothing more.
        if (requested.get() > decoding.pending() && budget.hasRoom()) {
            fetch();
        }
        readRemote();
        if (plan.untilLatest() && ready.isEmpty() && allDone()) {
            terminate();
            actual.onComplete();
            return;
        }
        telemetry.state(budget.used(), lag);
    }

    private void deliver() {
        long demand = requested.get();
        long emitted = 0;
        // Cancelling (also from inside onNext) stops delivery at once: what is left is closed.
        while (emitted < demand && !ready.isEmpty() && !cancelled) {
            ReadyBatch next = ready.poll();
            budget.delivered(next.size());
            progress.delivered(next.bucket(), next.batch().nextOffset());
            telemetry.delivered(next.batch().rowCount(), next.size());
            actual.onNext(next.batch());
            emitted++;
        }
        if (emitted > 0 && demand != Long.MAX_VALUE) {
            requested.addAndGet(-emitted);
        }
    }

    private boolean allDone() {
        for (FetchBucket bucket : buckets) {
            if (!bucket.isDone() || bucket.busy || !bucket.decodings.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Sends one fetch to each leader that has buckets to read and none in flight. */
    private void fetch() {
        long now = System.nanoTime();
        Map<Integer, List<FetchBucket>> byLeader = new HashMap<>();
        Map<Integer, ServerLane> clients = new HashMap<>();
        long wait = Long.MAX_VALUE;
        for (FetchBucket bucket : buckets) {
            if (bucket.busy || bucket.isDone()) {
                continue;
            }
            if (bucket.notBeforeNanos - now > 0) {
                wait = Math.min(wait, bucket.notBeforeNanos - now);
                continue;
            }
            TableLocations where = leaders.locations(bucket.bucket.partitionId());
            ServerLane leader = leaders.leaderOf(bucket.bucket);
            if (leader == null || where == null) {
                wait = Math.min(wait, LEADER_WAIT.toNanos());
                continue;
            }
            int leaderId = where.bucket(bucket.bucket.bucket()).orElseThrow().leader();
            if (budget.isFetching(leaderId)) {
                continue;
            }
            byLeader.computeIfAbsent(leaderId, id -> new ArrayList<>()).add(bucket);
            clients.put(leaderId, leader);
        }
        long[] allowances = budget.allowances(byLeader.size());
        int i = 0;
        for (Map.Entry<Integer, List<FetchBucket>> leader : byLeader.entrySet()) {
            long allowance = allowances[i++];
            if (allowance <= 0) {
                break;
            }
            send(leader.getKey(), clients.get(leader.getKey()), leader.getValue(), allowance);
        }
        if (wait != Long.MAX_VALUE) {
            wakeUpIn(wait);
        }
    }

    /**
     * Sends one fetch to a leader for these buckets.
     *
     * @param allowance the Arrow memory its answer may take decoded
     */
    private void send(int leaderId, ServerLane leader, List<FetchBucket> leaderBuckets, long allowance) {
        int maxBytes = budget.fetchSent(leaderId, allowance);
        FetchLogRequest request = FetchRequests.of(plan, leaderBuckets, maxBytes);
        for (FetchBucket bucket : leaderBuckets) {
            bucket.busy = true;
        }
        leader.send(ApiMethods.FETCH_LOG, request).subscribe(
                response -> serial.execute(() -> onAnswer(leaderId, leaderBuckets, response)),
                error -> serial.execute(() -> onRequestFailed(leaderId, leaderBuckets, error)));
    }

    private void onAnswer(int leaderId, List<FetchBucket> asked, FetchLogResponse response) {
        budget.fetchArrived(leaderId);
        if (terminated) {
            return;
        }
        Map<BucketKey, FetchBucket> byKey = new HashMap<>();
        for (FetchBucket bucket : asked) {
            byKey.put(bucket.bucket.key(), bucket);
        }
        boolean brought = false;
        for (PbFetchLogRespForTable table : response.getTablesRespList()) {
            for (PbFetchLogRespForBucket answer : table.getBucketsRespList()) {
                brought |= bringsRecords(answer);
                FetchBucket bucket = byKey.remove(
                        BucketKey.of(answer.hasPartitionId(), answer.getPartitionId(), answer.getBucketId()));
                if (bucket != null) {
                    onBucketAnswer(bucket, answer);
                }
            }
        }
        telemetry.fetched(!brought);
        // Buckets the answer did not mention are simply asked again.
        byKey.values().forEach(bucket -> bucket.busy = false);
        drain();
    }

    /** Whether a bucket's answer brings records, or says where to read them in remote storage. */
    private static boolean bringsRecords(PbFetchLogRespForBucket answer) {
        return answer.hasRemoteLogFetchInfo() || (answer.hasRecords() && !answer.getRecords().isEmpty());
    }

    private void onBucketAnswer(FetchBucket bucket, PbFetchLogRespForBucket answer) {
        FlussException error = BucketErrors.errorOf(answer.hasErrorCode(), answer.getErrorCode(),
                answer.hasErrorMessage(), answer.getErrorMessage());
        if (error != null) {
            bucket.busy = false;
            if (discovery != null) {
                discovery.serverReported(bucket.bucket, error);
            }
            retryOrFail(bucket, error);
            return;
        }
        if (bucket.retryContext != null) {
            // Counts start afresh with the next failure.
            bucket.retryContext.onComplete();
            bucket.retryContext = null;
            trouble.recovered(bucket.bucket);
        }
        if (answer.hasRemoteLogFetchInfo()) {
            updateLag(bucket, answer);
            startRemoteRead(bucket, answer.getRemoteLogFetchInfo());
            return;
        }
        if (!answer.hasRecords() || answer.getRecords().isEmpty()) {
            bucket.busy = false;
            updateLag(bucket, answer);
            return;
        }
        ByteBuffer records = answer.getRecords().asReadOnlyByteBuffer();
        long fetchOffset = bucket.nextOffset;
        long nextOffset;
        try {
            nextOffset = decoding.nextOffset(records, fetchOffset);
        } catch (RuntimeException corrupt) {
            bucket.busy = false;
            fail(corrupt);
            return;
        }
        // The bucket's next fetch may leave now: the server reads it while these records decode.
        decoding.start(bucket, records, fetchOffset, false);
        bucket.nextOffset = Math.min(nextOffset, bucket.endOffset);
        bucket.busy = false;
        updateLag(bucket, answer);
    }

    /**
     * The bucket's next records are only in tiered segments: they are read from remote storage, and
     * the bucket stays busy (its tablet server is not asked) until they were, so its batches keep
     * their order.
     */
    private void startRemoteRead(FetchBucket bucket, PbRemoteLogFetchInfo info) {
        List<RemoteLogRead.SegmentFile> segments = RemoteLogRead.segmentsOf(info);
        if (segments.isEmpty()) {
            // Nothing to read there: the tablet server is asked again, after a pause rather than at once.
            bucket.busy = false;
            bucket.notBeforeNanos = System.nanoTime() + LEADER_WAIT.toNanos();
            wakeUpIn(LEADER_WAIT.toNanos());
            return;
        }
        log.debug("The scan of {} reads {} from offset {} in {} tiered segment(s) starting with {}",
                plan.table().tablePath(), bucket.bucket, bucket.nextOffset, segments.size(), segments.get(0).file());
        bucket.remote = new RemoteLogRead(segments, cluster::readRemote, serial, budget, new RemoteOutput(bucket));
    }

    /**
     * Reads on in the tiered segments of the buckets that have some, a chunk at a time, while
     * downstream wants batches that nothing decoding will bring and the budget has room. A batch
     * begun is read to its end whatever the budget says, as a fetch brings at least one batch.
     */
    private void readRemote() {
        for (FetchBucket bucket : buckets) {
            RemoteLogRead remote = bucket.remote;
            if (remote != null && !remote.isReading() && requested.get() > decoding.pending()
                    && (budget.hasRoom() || remote.holdsPartialBatch())) {
                remote.readChunk();
            }
        }
    }

    /** Stops reading a bucket's tiered segments; its tablet server is fetched from again. */
    private static void endRemoteRead(FetchBucket bucket) {
        if (bucket.remote != null) {
            bucket.remote.cancel();
            bucket.remote = null;
            bucket.busy = false;
        }
    }

    /** Keeps the scan's lag, the sum of its buckets', as of the high watermark of an answer. */
    private void updateLag(FetchBucket bucket, PbFetchLogRespForBucket answer) {
        if (answer.hasHighWatermark()) {
            long bucketLag = Math.max(0, answer.getHighWatermark() - bucket.nextOffset);
            lag += bucketLag - bucket.lag;
            bucket.lag = bucketLag;
        }
    }

    private void onRequestFailed(int leaderId, List<FetchBucket> asked, Throwable error) {
        budget.fetchArrived(leaderId);
        for (FetchBucket bucket : asked) {
            bucket.busy = false;
        }
        if (terminated) {
            return;
        }
        for (FetchBucket bucket : asked) {
            if (!retryOrFail(bucket, error)) {
                return;
            }
        }
        drain();
    }

    /**
     * Fetches the bucket again after the fetch retry's backoff, if the retry says so; fails the scan
     * otherwise. Returns false when failed.
     */
    private boolean retryOrFail(FetchBucket bucket, Throwable error) {
        if (bucket.retryContext == null) {
            bucket.retryContext = retry.asyncContext();
        }
        long backoffMs = bucket.retryContext.onError(error);
        if (backoffMs < 0) {
            fail(error);
            return false;
        }
        trouble.failed(bucket.bucket, error);
        if (error instanceof FlussException fluss && fluss.errorCode().isInvalidMetadata()) {
            leaders.invalidate(bucket.bucket);
        }
        long backoff = TimeUnit.MILLISECONDS.toNanos(backoffMs);
        bucket.notBeforeNanos = System.nanoTime() + backoff;
        wakeUpIn(backoff);
        return true;
    }

    @Override
    public void tableDropped(TableNotExistException why) {
        fail(why);
    }

    /** Fails a scan that named the partition; in a scan of every partition, its buckets end. */
    @Override
    public void partitionDropped(long partitionId, String partitionName, PartitionNotExistException why) {
        if (plan.partitions() != null) {
            fail(why);
            return;
        }
        log.info("The scan of {} reads no more of partition '{}': it was dropped", plan.table().tablePath(),
                partitionName);
        for (FetchBucket bucket : buckets) {
            if (bucket.bucket.partitionId() == partitionId) {
                bucket.dropped = true;
                endRemoteRead(bucket);
            }
        }
        if (discovery != null) {
            // Dropped and created again under its name, perhaps: the new partition is read from its start.
            discovery.lookSoon();
        }
        drain();
    }

    /** The buckets of partitions created after the scan started join it, each from its earliest offset. */
    private void partitionsCreated(List<FetchBucket> joining) {
        if (terminated) {
            return;
        }
        log.info("The scan of {} reads the partitions created since it started: {}", plan.table().tablePath(),
                joining.stream().map(bucket -> bucket.bucket.partitionName()).distinct().toList());
        // The buckets of dropped partitions leave once nothing of theirs is in flight, so a long tail
        // of a table whose partitions come and go keeps only the buckets it reads.
        buckets.removeIf(FetchBucket::hasLeft);
        buckets.addAll(joining);
        drain();
    }

    /** Drains again in {@code nanos}, unless a wake-up scheduled earlier comes before that. */
    private void wakeUpIn(long nanos) {
        long at = System.nanoTime() + nanos;
        if (wakeUpAtNanos != 0 && wakeUpAtNanos - at <= 0) {
            return;
        }
        wakeUpAtNanos = at;
        Schedulers.parallel().schedule(() -> serial.execute(() -> {
            if (wakeUpAtNanos == at) {
                wakeUpAtNanos = 0;
            }
            drain();
        }), nanos, TimeUnit.NANOSECONDS);
    }

    private void fail(Throwable error) {
        if (terminated) {
            return;
        }
        terminate();
        actual.onError(error);
    }

    /** Ends the subscription: no more fetches; batches not delivered are closed. */
    private void terminate() {
        terminated = true;
        telemetry.close();
        if (discovery != null) {
            discovery.stop();
        }
        Disposable start = starting;
        if (start != null) {
            start.dispose();
        }
        if (buckets != null) {
            buckets.forEach(ScanSubscription::endRemoteRead);
        }
        releaseReady();
        endMemoryIfIdle();
    }

    /** Once no decoding is running, the memory closes after the last delivered batch is closed. */
    private void endMemoryIfIdle() {
        if (terminated && decoding.idle()) {
            memory.end();
        }
    }

    private void releaseReady() {
        ReadyBatch next;
        while ((next = ready.poll()) != null) {
            next.batch().close();
        }
        budget.bufferCleared();
        if (buckets != null) {
            // Decoded while older records of their bucket were still decoding.
            decoding.releaseAll(buckets);
        }
    }

    /** What the decoding hands back, on the subscription's executor. */
    private final class DecodingOutput implements OrderedDecoding.Output {

        @Override
        public boolean ended() {
            return terminated;
        }

        @Override
        public void ready(FetchBucket bucket, RecordBatch batch, long size) {
            ready.add(new ReadyBatch(batch, bucket.bucket, size));
            budget.buffered(size);
        }

        @Override
        public void failed(Throwable error) {
            fail(error);
        }

        @Override
        public void decoded() {
            if (terminated) {
                endMemoryIfIdle();
            } else {
                drain();
            }
        }
    }

    /** What the read of one bucket's tiered segments hands back, on the subscription's executor. */
    private final class RemoteOutput implements RemoteLogRead.Output {

        private final FetchBucket bucket;

        RemoteOutput(FetchBucket bucket) {
            this.bucket = bucket;
        }

        @Override
        public void records(ByteBuffer records) {
            if (terminated) {
                return;
            }
            long fetchOffset = bucket.nextOffset;
            long nextOffset;
            try {
                nextOffset = decoding.nextOffset(records, fetchOffset);
            } catch (RuntimeException corrupt) {
                endRemoteRead(bucket);
                fail(corrupt);
                return;
            }
            // The same decoding as fetched records, so the bucket's batches stay in offset order.
            decoding.start(bucket, records, fetchOffset, true);
            bucket.nextOffset = Math.min(nextOffset, bucket.endOffset);
            if (bucket.isDone()) {
                // The scan ends within the tiered segments: the rest is not read.
                endRemoteRead(bucket);
            }
        }

        @Override
        public void finished(long nextOffset) {
            bucket.remote = null;
            bucket.busy = false;
            // A segment's end offset is where the next one starts, also when its last records were
            // below the fetch offset: the tablet server is asked from there.
            bucket.nextOffset = Math.min(Math.max(bucket.nextOffset, nextOffset), bucket.endOffset);
            drain();
        }

        @Override
        public void failed(Throwable error) {
            bucket.remote = null;
            bucket.busy = false;
            fail(error);
        }

        @Override
        public void chunkArrived() {
            drain();
        }
    }

    /** A decoded batch waiting for demand. */
    private record ReadyBatch(RecordBatch batch, PhysicalBucket bucket, long size) {
    }
}
