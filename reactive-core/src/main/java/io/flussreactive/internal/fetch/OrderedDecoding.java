package io.flussreactive.internal.fetch;

import io.flussreactive.internal.util.SerialExecutor;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.type.RowType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Decodes a scan subscription's fetched records off its executor (on {@link Schedulers#parallel()}),
 * side by side, and hands back each bucket's batches in offset order: records decoded before older
 * ones of their bucket wait for them. Fetches the schemas the records name, once each. Everything but
 * the decoding itself runs on the subscription's executor.
 */
final class OrderedDecoding {

    /** Where the decoded batches go; called on the subscription's executor. */
    interface Output {

        /** Whether the subscription ended: what is decoded from now on is closed. */
        boolean ended();

        /** A batch is ready for demand; {@code size} is the Arrow memory it holds. */
        void ready(FetchBucket bucket, RecordBatch batch, long size);

        /** Decoding failed: the scan fails. */
        void failed(Throwable error);

        /** Decoding finished, whatever its outcome. */
        void decoded();
    }

    private final FetchedBatchDecoder decoder;
    /** Decodes the whole batches read from tiered log segments, which the server did not project. */
    private final FetchedBatchDecoder remoteDecoder;
    private final Map<Integer, RowType> schemas;
    private final ScanCluster cluster;
    private final ScanMemory memory;
    private final PrefetchBudget budget;
    private final SerialExecutor serial;
    private final Output output;
    /** Decodes started and not finished (an ended scan's memory ends after the last). */
    private int running;
    /** Fetched answers of buckets being decoded or waiting for an older one: batches on their way. */
    private int pending;

    OrderedDecoding(ScanPlan plan, ScanCluster cluster, ScanMemory memory, PrefetchBudget budget, SerialExecutor serial,
            Output output) {
        this.schemas = new ConcurrentHashMap<>();
        this.decoder = new LogBatchesDecoder(plan.table(), plan.projectedFields(), plan.requestedProjection(),
                schemas::get, memory);
        this.remoteDecoder = new LogBatchesDecoder(plan.table(), null, plan.requestedProjection(), schemas::get,
                memory);
        this.cluster = cluster;
        this.memory = memory;
        this.budget = budget;
        this.serial = serial;
        this.output = output;
    }

    /**
     * Where the next fetch of a bucket starts, from the headers of the records just fetched.
     *
     * @throws RuntimeException when the records are corrupt
     */
    long nextOffset(ByteBuffer records, long fetchOffset) {
        return decoder.nextOffset(records.duplicate(), fetchOffset);
    }

    /** Fetched answers whose batches have not been handed back yet: each brings at least one batch. */
    int pending() {
        return pending;
    }

    /** Whether no decoding is running. */
    boolean idle() {
        return running == 0;
    }

    /**
     * Starts decoding records fetched for a bucket from {@code fetchOffset}.
     *
     * @param remote whether the records were read from tiered log segments (all columns) rather
     *     than fetched from a tablet server (projected there)
     */
    void start(FetchBucket bucket, ByteBuffer records, long fetchOffset, boolean remote) {
        FetchedBatchDecoder decoder = remote ? remoteDecoder : this.decoder;
        FetchBucket.Decoding decoding = new FetchBucket.Decoding(records.remaining(), budget.decoding(records.remaining()));
        bucket.decodings.add(decoding);
        pending++;
        running++;
        Mono.defer(() -> ensureSchemas(decoder, records))
                .then(Mono.fromCallable(() -> decoder.decode(records, fetchOffset, bucket.bucket)))
                .subscribeOn(Schedulers.parallel())
                .subscribe(
                        decoded -> serial.execute(() -> onDecoded(bucket, decoding, decoded)),
                        error -> serial.execute(() -> {
                            running--;
                            output.failed(error);
                            output.decoded();
                        }));
    }

    /** Closes every batch decoded and not handed back (the subscription ended). */
    void releaseAll(List<FetchBucket> buckets) {
        for (FetchBucket bucket : buckets) {
            for (FetchBucket.Decoding waiting : bucket.decodings) {
                if (waiting.decoded != null) {
                    waiting.decoded.forEach(RecordBatch::close);
                }
            }
            bucket.decodings.clear();
        }
        pending = 0;
    }

    /** Fetches the schemas the batches name that are not known yet. */
    private Mono<Void> ensureSchemas(FetchedBatchDecoder decoder, ByteBuffer records) {
        return Flux.fromIterable(decoder.schemaIds(records.duplicate()))
                .filter(id -> !schemas.containsKey(id))
                .flatMap(id -> cluster.rowType(id).doOnNext(rowType -> schemas.put(id, rowType)))
                .then();
    }

    private void onDecoded(FetchBucket bucket, FetchBucket.Decoding decoding, List<RecordBatch> decoded) {
        running--;
        if (output.ended()) {
            decoded.forEach(RecordBatch::close);
            output.decoded();
            return;
        }
        decoding.decoded = decoded;
        long arrowBytes = 0;
        for (RecordBatch batch : decoded) {
            arrowBytes += RecordBatches.sizeOf(batch);
        }
        budget.measured(decoding.fetchedBytes, arrowBytes);
        // A bucket's batches are handed back in offset order: records decoded before older ones wait.
        while (!bucket.decodings.isEmpty() && bucket.decodings.peek().decoded != null) {
            FetchBucket.Decoding done = bucket.decodings.poll();
            pending--;
            budget.decoded(done.expectedBytes);
            for (RecordBatch batch : done.decoded) {
                RecordBatch kept = trimToEnd(bucket, batch);
                if (kept != null) {
                    output.ready(bucket, kept, RecordBatches.sizeOf(kept));
                }
            }
        }
        output.decoded();
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
}
