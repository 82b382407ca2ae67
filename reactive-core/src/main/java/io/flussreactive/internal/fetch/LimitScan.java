package io.flussreactive.internal.fetch;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.error.FlussException;
import io.flussreactive.internal.ClientContext;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.meta.TableLocations;
import io.flussreactive.internal.proto.LimitScanRequest;
import io.flussreactive.internal.proto.LimitScanResponse;
import io.flussreactive.internal.record.ValueDecoder;
import io.flussreactive.internal.rpc.ApiMethods;
import io.flussreactive.internal.rpc.BucketErrors;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.type.RowType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reads at most {@code limit} rows of one bucket in one request: the latest rows of a log table, or
 * any rows of a primary-key table (its current values).
 */
public final class LimitScan {

    private LimitScan() {
    }

    /**
     * The rows.
     *
     * @param partitionName the partition, or null for a non-partitioned table
     * @param bucket the bucket
     * @param limit the most rows returned
     */
    public static Flux<Row> rows(ClientContext context, TableInfo table, String partitionName, int bucket, int limit) {
        if (limit <= 0) {
            return Flux.error(new IllegalArgumentException("A limit scan needs a positive limit, not " + limit));
        }
        if (bucket < 0 || bucket >= table.numBuckets()) {
            return Flux.error(new IllegalArgumentException("Table " + table.tablePath() + " has buckets 0.."
                    + (table.numBuckets() - 1) + "; there is no bucket " + bucket));
        }
        Mono<TableLocations> where = partitionName == null
                ? context.metadata().tableLocations(table.tablePath())
                : context.metadata().partitionLocations(table.tablePath(), partitionName);
        return where.flatMap(locations -> {
                    LimitScanRequest.Builder request = LimitScanRequest.newBuilder()
                            .setTableId(table.tableId())
                            .setBucketId(bucket)
                            .setLimit(limit);
                    if (locations.isPartitioned()) {
                        request.setPartitionId(locations.partitionId());
                    }
                    int leader = locations.bucket(bucket).orElseThrow().leader();
                    PhysicalBucket physical = new PhysicalBucket(table.tableId(),
                            locations.partitionId(), partitionName, bucket);
                    return context.metadata().tabletServer(leader)
                            .flatMap(node -> node.send(ApiMethods.LIMIT_SCAN, request.build()))
                            .map(response -> new Answer(response, physical));
                })
                .flatMapMany(answer -> decode(context, table, answer, limit));
    }

    private static Flux<Row> decode(ClientContext context, TableInfo table, Answer answer, int limit) {
        LimitScanResponse response = answer.response();
        FlussException error = BucketErrors.errorOf(response.hasErrorCode(), response.getErrorCode(),
                response.hasErrorMessage(), response.getErrorMessage());
        if (error != null) {
            return Flux.error(error);
        }
        if (!response.hasRecords() || response.getRecords().isEmpty()) {
            return Flux.empty();
        }
        ByteBuffer records = response.getRecords().asReadOnlyByteBuffer();
        return table.hasPrimaryKey() ? values(context, table, records) : latestLogRows(context, table, records,
                answer.bucket(), limit);
    }

    /** The rows of a value batch (primary-key tables), each decoded with its own schema. */
    private static Flux<Row> values(ClientContext context, TableInfo table, ByteBuffer records) {
        ByteBuf batch = Unpooled.wrappedBuffer(records);
        Map<Integer, RowType> schemas = new ConcurrentHashMap<>();
        return Flux.fromIterable(ValueDecoder.schemaIdsOfBatch(batch.duplicate()))
                .flatMap(id -> context.metadata().schema(table.tablePath(), table.tableId(), id)
                        .doOnNext(info -> schemas.put(id, info.schema().rowType())))
                .thenMany(Flux.defer(() -> {
                    ValueDecoder decoder = new ValueDecoder(table.kvFormat(), schemas::get);
                    List<Row> rows = new ArrayList<>();
                    decoder.decodeBatch(batch).forEach(value -> rows.add(ValueDecoder.padded(value.row(), table.rowType().fieldCount())));
                    return Flux.fromIterable(rows);
                }));
    }

    /** The last {@code limit} rows of the log batches of a log table, copied out of Arrow. */
    private static Flux<Row> latestLogRows(ClientContext context, TableInfo table, ByteBuffer records,
            PhysicalBucket bucket, int limit) {
        Map<Integer, RowType> schemas = new ConcurrentHashMap<>();
        ScanMemory memory = new ScanMemory(context.arrowAllocator()
                .newChildAllocator("limit scan of " + table.tablePath(), 0, Long.MAX_VALUE),
                "limit scan of " + table.tablePath());
        LogBatchesDecoder decoder = new LogBatchesDecoder(table, null, null, schemas::get, memory);
        return Flux.fromIterable(decoder.schemaIds(records.duplicate()))
                .flatMap(id -> context.metadata().schema(table.tablePath(), table.tableId(), id)
                        .doOnNext(info -> schemas.put(id, info.schema().rowType())))
                .then(Mono.fromCallable(() -> {
                    List<Row> rows = new ArrayList<>();
                    for (RecordBatch batch : decoder.decode(records, 0, bucket)) {
                        try (batch) {
                            for (int i = 0; i < batch.rowCount(); i++) {
                                rows.add(GenericRow.copyOf(batch.row(i)));
                            }
                        }
                    }
                    return rows.size() <= limit ? rows : rows.subList(rows.size() - limit, rows.size());
                }).subscribeOn(Schedulers.parallel()))
                .doFinally(signal -> memory.end())
                .flatMapMany(Flux::fromIterable);
    }

    /** An answer and the bucket it is for. */
    private record Answer(LimitScanResponse response, PhysicalBucket bucket) {
    }
}
