package io.flussreactive.internal.fetch;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.record.ArrowRowValidator;
import io.flussreactive.internal.record.ArrowRowWriter;
import io.flussreactive.internal.record.ArrowSchemas;
import io.flussreactive.internal.record.ValueDecoder;
import io.flussreactive.internal.snapshot.ValueChunk;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.type.RowType;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.vector.VectorSchemaRoot;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Turns chunks of a KV snapshot's stored values into the scan's record batches: each value is decoded
 * with the schema it names (fetched once when first met), brought to the table's current columns,
 * projected, and written into Arrow columns under the scan's allocator.
 */
final class SnapshotBatches {

    private final TableInfo table;
    private final int[] requestedProjection;
    private final ScanCluster cluster;
    private final ScanMemory memory;
    private final RowType outputType;
    private final ArrowRowValidator validator;
    private final Map<Integer, RowType> schemas = new ConcurrentHashMap<>();
    private final ValueDecoder decoder;

    /**
     * @param table the table read
     * @param requestedProjection the projected positions in the order asked for, or null for all
     * @param cluster where schemas are found
     * @param memory where the batches' memory comes from
     */
    SnapshotBatches(TableInfo table, int[] requestedProjection, ScanCluster cluster, ScanMemory memory) {
        this.table = table;
        this.requestedProjection = requestedProjection;
        this.cluster = cluster;
        this.memory = memory;
        this.outputType = LogBatchesDecoder.outputType(table, requestedProjection);
        this.validator = ArrowRowValidator.forStoredRows(outputType);
        this.decoder = new ValueDecoder(table.kvFormat(), schemas::get);
        schemas.put(table.schemaId(), table.rowType());
    }

    /**
     * The batch of one chunk, once the schemas its values name are known.
     *
     * @param chunk values of the bucket's snapshot
     * @param bucket the bucket
     * @param logOffset where the bucket's changelog goes on after the snapshot
     * @return the batch; the last chunk's names {@code logOffset} as its next offset
     */
    Mono<RecordBatch> batchOf(ValueChunk chunk, PhysicalBucket bucket, long logOffset) {
        Set<Integer> unknown = new LinkedHashSet<>();
        for (byte[] value : chunk.values()) {
            int schemaId = ValueDecoder.schemaIdOf(value);
            if (!schemas.containsKey(schemaId)) {
                unknown.add(schemaId);
            }
        }
        if (unknown.isEmpty()) {
            return Mono.fromCallable(() -> build(chunk, bucket, logOffset));
        }
        return Flux.fromIterable(unknown)
                .concatMap(id -> cluster.rowType(id).doOnNext(type -> schemas.put(id, type)))
                .then(Mono.fromCallable(() -> build(chunk, bucket, logOffset)))
                // Building the columns is not for the network thread the schemas came on.
                .subscribeOn(Schedulers.parallel());
    }

    private RecordBatch build(ValueChunk chunk, PhysicalBucket bucket, long logOffset) {
        VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrowSchema(outputType), memory.allocator());
        try {
            ArrowRowWriter writer = new ArrowRowWriter(validator, root, chunk.values().size());
            for (byte[] value : chunk.values()) {
                ValueDecoder.Value decoded = decoder.decode(value);
                try {
                    writer.append(LogBatchesDecoder.project(decoded.row(), table, requestedProjection));
                } catch (IllegalArgumentException unrepresentable) {
                    throw new UnsupportedOperationException("A row of the KV snapshot of " + bucket + " holds a value "
                            + "the scan's Arrow columns cannot represent: " + unrepresentable.getMessage(),
                            unrepresentable);
                }
            }
            writer.finish();
            return RecordBatches.ofSnapshot(root, outputType, bucket,
                    chunk.last() ? logOffset : DefaultRecordBatch.NO_OFFSET, memory);
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }
}
