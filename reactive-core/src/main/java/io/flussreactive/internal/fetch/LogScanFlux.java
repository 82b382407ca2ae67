package io.flussreactive.internal.fetch;

import io.flussreactive.admin.LogFormat;
import io.flussreactive.admin.OffsetSpec;
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
import io.flussreactive.internal.proto.PbFetchLogReqForBucket;
import io.flussreactive.internal.proto.PbFetchLogReqForTable;
import io.flussreactive.internal.proto.PbFetchLogRespForBucket;
import io.flussreactive.internal.proto.PbFetchLogRespForTable;
import io.flussreactive.internal.rpc.ApiMethods;
import io.flussreactive.internal.rpc.BucketErrors;
import io.flussreactive.internal.rpc.ServerLane;
import io.flussreactive.internal.util.SerialExecutor;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.type.RowType;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ReferenceManager;
import org.apache.arrow.vector.FieldVector;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
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
 * flux (a retry) goes on from the offsets after the last batches delivered.
 *
 * <p>A scan whose table is dropped fails with a {@link TableNotExistException}. A dropped partition
 * fails a scan that named it with a {@link PartitionNotExistException}; in a scan of every partition,
 * its buckets just end, as partitions come and go.
 */
public final class LogScanFlux extends Flux<RecordBatch> {

    private static final Logger log = LoggerFactory.getLogger(LogScanFlux.class);

    private static final Duration RETRY_BACKOFF = Duration.ofMillis(100);
    private static final int CLIENT_FOLLOWER_ID = -1;
    /**
     * How much the records of an answer that arrived before any was decoded are taken to grow when
     * decoded; only fetches of one batch leave before the first answer is decoded.
     */
    private static final double FIRST_EXPANSION_GUESS = 4.0;

    private final ScanPlan plan;
    private final ScanCluster cluster;
    private final BufferAllocator allocator;
    private final ScanProgress progress = new ScanProgress();

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
        ScanSubscription subscription = new ScanSubscription(actual);
        actual.onSubscribe(subscription);
        subscription.start();
    }

    /** One subscription of the scan. Its state is touched only on its serial executor. */
    private final class ScanSubscription implements Subscription, LeaderCache.DropListener {

        private final CoreSubscriber<? super RecordBatch> actual;
        private final SerialExecutor serial = new SerialExecutor();
        private final AtomicLong requested = new AtomicLong();
        private final ArrayDeque<ReadyBatch> ready = new ArrayDeque<>();
        /**
         * The leaders with a fetch in flight, each with what its answer may take decoded: counted against
         * the prefetch budget until the answer arrives.
         */
        private final Map<Integer, Long> fetchesInFlight = new HashMap<>();
        private long inFlightBytes;
        private final BucketLeaders leaders;
        private final ScanMemory memory;
        private final Map<Integer, RowType> schemas = new ConcurrentHashMap<>();
        private final FetchedBatchDecoder decoder;
        /** Decodes started and not finished (a terminated scan's memory ends after the last). */
        private int decodesRunning;
        private List<FetchBucket> buckets;
        /** The Arrow memory of the decoded batches waiting for demand. */
        private long bufferedBytes;
        /**
         * What the fetched answers being decoded will take once decoded, by the {@link #expansion} seen
         * so far: they count against the prefetch budget too.
         */
        private long decodingBytes;
        /**
         * How many bytes of Arrow memory a fetched byte becomes: the most seen lately (it follows a larger
         * expansion at once and a smaller one slowly), or 0 until an answer was decoded.
         */
        private double expansion;
        /** Fetched answers of buckets being decoded or waiting for an older one: batches on their way. */
        private int decodingsPending;
        private boolean terminated;
        private volatile boolean cancelled;
        private boolean retryScheduled;

        ScanSubscription(CoreSubscriber<? super RecordBatch> actual) {
            this.actual = actual;
            this.leaders = cluster.leaders(serial, this::drain, this);
            this.memory = new ScanMemory(
                    allocator.newChildAllocator("scan of " + plan.table().tablePath(), 0, Long.MAX_VALUE),
                    "scan of " + plan.table().tablePath() + " delivered to " + stepsOf(actual));
            this.decoder = new LogBatchesDecoder(plan.table(), plan.projectedFields(), plan.requestedProjection(),
                    schemas::get, memory);
        }

        void start() {
            startBuckets().subscribe(
                    found -> serial.execute(() -> {
                        buckets = found;
                        drain();
                    }),
                    error -> serial.execute(() -> fail(error)));
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
            if (requested.get() > decodingsPending && usedBudget() < plan.options().prefetchBytes()) {
                fetch();
            }
            if (plan.untilLatest() && ready.isEmpty() && allDone()) {
                terminate();
                actual.onComplete();
            }
        }

        private void deliver() {
            long demand = requested.get();
            long emitted = 0;
            // Cancelling (also from inside onNext) stops delivery at once: what is left is closed.
            while (emitted < demand && !ready.isEmpty() && !cancelled) {
                ReadyBatch next = ready.poll();
                bufferedBytes -= next.size();
                progress.delivered(next.bucket(), next.batch().nextOffset());
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
            boolean waiting = false;
            for (FetchBucket bucket : buckets) {
                if (bucket.busy || bucket.isDone()) {
                    continue;
                }
                if (bucket.notBeforeNanos - now > 0) {
                    waiting = true;
                    continue;
                }
                TableLocations where = leaders.locations(bucket.bucket.partitionId());
                ServerLane leader = leaders.leaderOf(bucket.bucket);
                if (leader == null || where == null) {
                    waiting = true;
                    continue;
                }
                int leaderId = where.bucket(bucket.bucket.bucket()).orElseThrow().leader();
                if (fetchesInFlight.containsKey(leaderId)) {
                    continue;
                }
                byLeader.computeIfAbsent(leaderId, id -> new ArrayList<>()).add(bucket);
                clients.put(leaderId, leader);
            }
            // Each leader read from may take its share of the budget, so that one whose answers come
            // back first does not leave the others without room; and no more than is left of it. A
            // fetch takes half a share, so that a leader's next fetch finds room while the previous
            // answer decodes: the server reads while the client decodes.
            long prefetch = plan.options().prefetchBytes();
            long share = Math.max(1, prefetch / Math.max(1, byLeader.size() + fetchesInFlight.size()) / 2);
            long room = prefetch - usedBudget();
            for (Map.Entry<Integer, List<FetchBucket>> leader : byLeader.entrySet()) {
                long allowance = Math.min(share, room);
                if (allowance <= 0) {
                    break;
                }
                room -= allowance;
                send(leader.getKey(), clients.get(leader.getKey()), leader.getValue(), allowance);
            }
            if (waiting) {
                retryLater();
            }
        }

        /** The prefetch budget taken: batches waiting for demand, answers being decoded, fetches in flight. */
        private long usedBudget() {
            return bufferedBytes + decodingBytes + inFlightBytes;
        }

        /**
         * Sends one fetch to a leader for these buckets.
         *
         * @param allowance the Arrow memory its answer may take decoded
         */
        private void send(int leaderId, ServerLane leader, List<FetchBucket> leaderBuckets, long allowance) {
            // The server counts fetched bytes; the budget, decoded ones. Until an answer has shown how
            // much this scan's records grow, a fetch asks for one byte, which brings exactly one batch.
            int maxBytes = expansion == 0 ? 1
                    : (int) Math.max(1, Math.min(plan.options().fetchMaxBytes(), allowance / expansion));
            long reserved = expansion == 0 ? allowance : (long) (maxBytes * expansion);
            // Only ARROW logs can be cut by column on the server; rows of the other formats are
            // projected as they are decoded.
            boolean pushDown = plan.projectedFields() != null && plan.table().logFormat() == LogFormat.ARROW;
            PbFetchLogReqForTable.Builder table = PbFetchLogReqForTable.newBuilder()
                    .setTableId(plan.table().tableId())
                    .setProjectionPushdownEnabled(pushDown);
            if (pushDown) {
                for (int field : plan.projectedFields()) {
                    table.addProjectedFields(field);
                }
            }
            for (FetchBucket bucket : leaderBuckets) {
                PbFetchLogReqForBucket.Builder request = PbFetchLogReqForBucket.newBuilder()
                        .setBucketId(bucket.bucket.bucket())
                        .setFetchOffset(bucket.nextOffset)
                        .setMaxFetchBytes(Math.min(plan.options().fetchMaxBytesPerBucket(), maxBytes));
                if (bucket.bucket.isPartitioned()) {
                    request.setPartitionId(bucket.bucket.partitionId());
                }
                table.addBucketsReq(request);
                bucket.busy = true;
            }
            FetchLogRequest request = FetchLogRequest.newBuilder()
                    .setFollowerServerId(CLIENT_FOLLOWER_ID)
                    .setMaxBytes(maxBytes)
                    .setMinBytes(plan.options().fetchMinBytes())
                    .setMaxWaitMs((int) plan.options().fetchMaxWait().toMillis())
                    .addTablesReq(table)
                    .build();
            fetchesInFlight.put(leaderId, reserved);
            inFlightBytes += reserved;
            leader.send(ApiMethods.FETCH_LOG, request).subscribe(
                    response -> serial.execute(() -> onAnswer(leaderId, leaderBuckets, response)),
                    error -> serial.execute(() -> onRequestFailed(leaderId, leaderBuckets, error)));
        }

        private void onAnswer(int leaderId, List<FetchBucket> asked, FetchLogResponse response) {
            fetchArrived(leaderId);
            if (terminated) {
                return;
            }
            Map<BucketKey, FetchBucket> byKey = new HashMap<>();
            for (FetchBucket bucket : asked) {
                byKey.put(bucket.bucket.key(), bucket);
            }
            for (PbFetchLogRespForTable table : response.getTablesRespList()) {
                for (PbFetchLogRespForBucket answer : table.getBucketsRespList()) {
                    FetchBucket bucket = byKey.remove(
                            BucketKey.of(answer.hasPartitionId(), answer.getPartitionId(), answer.getBucketId()));
                    if (bucket != null) {
                        onBucketAnswer(bucket, answer);
                    }
                }
            }
            // Buckets the answer did not mention are simply asked again.
            byKey.values().forEach(bucket -> bucket.busy = false);
            drain();
        }

        private void onBucketAnswer(FetchBucket bucket, PbFetchLogRespForBucket answer) {
            FlussException error = BucketErrors.errorOf(answer.hasErrorCode(), answer.getErrorCode(),
                    answer.hasErrorMessage(), answer.getErrorMessage());
            if (error != null) {
                bucket.busy = false;
                retryOrFail(bucket, error);
                return;
            }
            if (answer.hasRemoteLogFetchInfo()) {
                bucket.busy = false;
                fail(new UnsupportedOperationException("Offset " + bucket.nextOffset + " of " + bucket.bucket
                        + " is only in tiered (remote) log segments, which this client does not read yet"));
                return;
            }
            if (!answer.hasRecords() || answer.getRecords().isEmpty()) {
                bucket.busy = false;
                return;
            }
            ByteBuffer records = answer.getRecords().asReadOnlyByteBuffer();
            long fetchOffset = bucket.nextOffset;
            long nextOffset;
            try {
                nextOffset = decoder.nextOffset(records.duplicate(), fetchOffset);
            } catch (RuntimeException corrupt) {
                bucket.busy = false;
                fail(corrupt);
                return;
            }
            // The bucket's next fetch may leave now: the server reads it while these records decode.
            FetchBucket.Decoding decoding = new FetchBucket.Decoding(records.remaining(),
                    (long) (records.remaining() * (expansion == 0 ? FIRST_EXPANSION_GUESS : expansion)));
            bucket.decodings.add(decoding);
            decodingsPending++;
            decodingBytes += decoding.expectedBytes;
            bucket.nextOffset = Math.min(nextOffset, bucket.endOffset);
            bucket.busy = false;
            decodesRunning++;
            Mono.defer(() -> ensureSchemas(records))
                    .then(Mono.fromCallable(() -> decoder.decode(records, fetchOffset, bucket.bucket)))
                    .subscribeOn(Schedulers.parallel())
                    .subscribe(
                            decoded -> serial.execute(() -> onDecoded(bucket, decoding, decoded)),
                            decodeError -> serial.execute(() -> {
                                decodesRunning--;
                                fail(decodeError);
                                endMemoryIfIdle();
                            }));
        }

        /** A leader's fetch is over: what it reserved of the budget is free again. */
        private void fetchArrived(int leaderId) {
            Long reserved = fetchesInFlight.remove(leaderId);
            if (reserved != null) {
                inFlightBytes -= reserved;
            }
        }

        /** Learns from a decoded answer how much this scan's records grow when decoded. */
        private void measureExpansion(FetchBucket.Decoding decoding, List<RecordBatch> decoded) {
            long arrowBytes = 0;
            for (RecordBatch batch : decoded) {
                arrowBytes += sizeOf(batch);
            }
            double seen = Math.max(1.0, (double) arrowBytes / Math.max(1, decoding.fetchedBytes));
            expansion = expansion == 0 ? seen : Math.max(seen, (3 * expansion + seen) / 4);
        }

        /** Fetches the schemas the batches name that are not known yet. */
        private Mono<Void> ensureSchemas(ByteBuffer records) {
            return Flux.fromIterable(decoder.schemaIds(records.duplicate()))
                    .filter(id -> !schemas.containsKey(id))
                    .flatMap(id -> cluster.rowType(id).doOnNext(rowType -> schemas.put(id, rowType)))
                    .then();
        }

        private void onDecoded(FetchBucket bucket, FetchBucket.Decoding decoding, List<RecordBatch> decoded) {
            decodesRunning--;
            if (terminated) {
                decoded.forEach(RecordBatch::close);
                endMemoryIfIdle();
                return;
            }
            decoding.decoded = decoded;
            measureExpansion(decoding, decoded);
            // A bucket's batches are delivered in offset order: records decoded before older ones wait.
            while (!bucket.decodings.isEmpty() && bucket.decodings.peek().decoded != null) {
                FetchBucket.Decoding done = bucket.decodings.poll();
                decodingsPending--;
                decodingBytes -= done.expectedBytes;
                for (RecordBatch batch : done.decoded) {
                    RecordBatch kept = trimToEnd(bucket, batch);
                    if (kept == null) {
                        continue;
                    }
                    long size = sizeOf(kept);
                    ready.add(new ReadyBatch(kept, bucket.bucket, size));
                    bufferedBytes += size;
                }
            }
            drain();
        }

        /** Keeps only the rows before the scan's end offset; null when none is left. */
        private RecordBatch trimToEnd(FetchBucket bucket, RecordBatch batch) {
            if (batch.nextOffset() <= bucket.endOffset) {
                return batch;
            }
            if (batch.baseOffset() >= bucket.endOffset) {
                batch.close();
                return null;
            }
            return RecordBatches.head(batch, bucket.bucket, (int) (bucket.endOffset - batch.baseOffset()), memory);
        }

        private void onRequestFailed(int leaderId, List<FetchBucket> asked, Throwable error) {
            fetchArrived(leaderId);
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

        /** Schedules a retry for a retriable error; fails the scan otherwise. Returns false when failed. */
        private boolean retryOrFail(FetchBucket bucket, Throwable error) {
            if (error instanceof FlussException fluss && fluss.isRetriable()) {
                if (fluss.errorCode().isInvalidMetadata()) {
                    leaders.invalidate(bucket.bucket);
                }
                bucket.notBeforeNanos = System.nanoTime() + RETRY_BACKOFF.toNanos();
                retryLater();
                return true;
            }
            fail(error);
            return false;
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
                }
            }
            drain();
        }

        private void retryLater() {
            if (retryScheduled) {
                return;
            }
            retryScheduled = true;
            Schedulers.parallel().schedule(() -> serial.execute(() -> {
                retryScheduled = false;
                drain();
            }), RETRY_BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
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
            releaseReady();
            endMemoryIfIdle();
        }

        /** Once no decoding is running, the memory closes after the last delivered batch is closed. */
        private void endMemoryIfIdle() {
            if (terminated && decodesRunning == 0) {
                memory.end();
            }
        }

        private void releaseReady() {
            ReadyBatch next;
            while ((next = ready.poll()) != null) {
                next.batch().close();
            }
            bufferedBytes = 0;
            if (buckets != null) {
                // Decoded while older records of their bucket were still decoding.
                for (FetchBucket bucket : buckets) {
                    for (FetchBucket.Decoding waiting : bucket.decodings) {
                        if (waiting.decoded != null) {
                            waiting.decoded.forEach(RecordBatch::close);
                        }
                    }
                    bucket.decodings.clear();
                }
                decodingsPending = 0;
            }
        }

        /** Finds the physical tables and buckets to read and where each starts (and ends). */
        private Mono<List<FetchBucket>> startBuckets() {
            Mono<List<TableLocations>> physicalTables;
            if (!plan.table().isPartitioned()) {
                physicalTables = cluster.locations(null).map(List::of);
            } else {
                Flux<String> names = plan.partitions() != null
                        ? Flux.fromIterable(plan.partitions())
                        : cluster.partitionNames();
                physicalTables = names.concatMap(cluster::locations).collectList();
            }
            return physicalTables.flatMapMany(Flux::fromIterable)
                    .concatMap(this::bucketsOf)
                    .collectList();
        }

        private Flux<FetchBucket> bucketsOf(TableLocations where) {
            serial.execute(() -> leaders.put(where));
            long partitionId = where.partitionId();
            List<Integer> ids = new ArrayList<>();
            for (int bucket = 0; bucket < plan.table().numBuckets(); bucket++) {
                if (plan.buckets() == null || plan.buckets().contains(bucket)) {
                    ids.add(bucket);
                }
            }
            Mono<Map<Integer, Long>> starts = startOffsets(where, ids);
            Mono<Map<Integer, Long>> ends = plan.untilLatest()
                    ? listOffsets(where, ids, OffsetSpec.latest())
                    : Mono.just(Map.of());
            return Mono.zip(starts, ends).flatMapMany(both -> {
                List<FetchBucket> result = new ArrayList<>();
                for (int id : ids) {
                    PhysicalBucket bucket = new PhysicalBucket(plan.table().tableId(), partitionId, where.partitionName(), id);
                    // A retry goes on after what this flux delivered; else after what the application finished.
                    Long resume = progress.resumeOffset(partitionId, id);
                    OptionalLong finished = plan.resumeFrom().nextOffset(where.partitionName(), id);
                    long start = resume != null ? resume
                            : finished.isPresent() ? finished.getAsLong() : both.getT1().get(id);
                    long end = plan.untilLatest() ? both.getT2().get(id) : FetchBucket.NO_END;
                    result.add(new FetchBucket(bucket, start, end));
                }
                return Flux.fromIterable(result);
            });
        }

        private Mono<Map<Integer, Long>> startOffsets(TableLocations where, List<Integer> ids) {
            OffsetSpec start = plan.start();
            if (start instanceof OffsetSpec.Timestamp timestamp) {
                // A bucket with nothing at or after the timestamp has no such offset: start at its end.
                return Mono.zip(listOffsets(where, ids, OffsetSpec.timestamp(timestamp.epochMillis())),
                                listOffsets(where, ids, OffsetSpec.latest()))
                        .map(both -> {
                            Map<Integer, Long> offsets = new HashMap<>(both.getT1());
                            offsets.replaceAll((bucket, offset) -> offset < 0 ? both.getT2().get(bucket) : offset);
                            return offsets;
                        });
            }
            return listOffsets(where, ids, start);
        }

        private Mono<Map<Integer, Long>> listOffsets(TableLocations where, List<Integer> ids, OffsetSpec spec) {
            return cluster.listOffsets(where.partitionName(), ids, spec);
        }
    }

    /** A decoded batch waiting for demand. */
    private record ReadyBatch(RecordBatch batch, PhysicalBucket bucket, long size) {
    }

    /**
     * The operators the batches pass through after the scan ({@code publishOn -> take -> lambda}), to say
     * in a log line where a batch went that nobody closed. Computed once per subscription: the scan
     * must not keep its subscriber for that, since the batches it dropped would stay reachable.
     */
    static String stepsOf(CoreSubscriber<?> subscriber) {
        Scannable first = Scannable.from(subscriber);
        if (!first.isScanAvailable()) {
            return subscriber.getClass().getName();
        }
        return Stream.concat(Stream.of(first), first.actuals())
                .limit(12)
                .map(Scannable::stepName)
                .collect(Collectors.joining(" -> "));
    }

    /**
     * The bytes of Arrow memory a batch holds: what its buffers' allocations take (the allocator rounds
     * them up), each allocation counted once however many buffers share it.
     */
    static long sizeOf(RecordBatch batch) {
        Set<ReferenceManager> allocations = Collections.newSetFromMap(new IdentityHashMap<>());
        long size = 0;
        for (FieldVector vector : batch.root().getFieldVectors()) {
            size += allocatedBy(vector, allocations);
        }
        return size;
    }

    private static long allocatedBy(FieldVector vector, Set<ReferenceManager> counted) {
        long size = 0;
        for (ArrowBuf buffer : vector.getFieldBuffers()) {
            ReferenceManager allocation = buffer.getReferenceManager();
            if (counted.add(allocation)) {
                size += allocation.getAccountedSize();
            }
        }
        for (FieldVector child : vector.getChildrenFromFields()) {
            size += allocatedBy(child, counted);
        }
        return size;
    }
}
