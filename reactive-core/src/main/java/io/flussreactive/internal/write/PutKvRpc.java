package io.flussreactive.internal.write;

import com.google.protobuf.UnsafeByteOperations;
import io.flussreactive.internal.proto.PbPutKvReqForBucket;
import io.flussreactive.internal.proto.PbPutKvRespForBucket;
import io.flussreactive.internal.proto.PutKvRequest;
import io.flussreactive.internal.rpc.ApiMethods;
import io.flussreactive.internal.rpc.BucketErrors;
import io.flussreactive.internal.rpc.NodeClient;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/** Sends KV batches with PutKv. */
final class PutKvRpc implements WriteRpc {

    private final long tableId;
    private final int acks;
    private final int serverTimeoutMs;
    private final int[] targetColumns;

    /**
     * @param tableId the table written to
     * @param acks the wire value of the acks setting
     * @param serverTimeoutMs how long the leader may wait for replicas before it answers
     * @param targetColumns the columns a partial update writes, or null for whole rows (the server
     *     requires the same columns for every batch of a request)
     */
    PutKvRpc(long tableId, int acks, int serverTimeoutMs, int[] targetColumns) {
        this.tableId = tableId;
        this.acks = acks;
        this.serverTimeoutMs = serverTimeoutMs;
        this.targetColumns = targetColumns;
    }

    @Override
    public Mono<List<BucketOutcome>> send(NodeClient leader, List<WriteBatch> batches) {
        PutKvRequest.Builder request = PutKvRequest.newBuilder()
                .setAcks(acks)
                .setTableId(tableId)
                .setTimeoutMs(serverTimeoutMs);
        if (targetColumns != null) {
            for (int column : targetColumns) {
                request.addTargetColumns(column);
            }
        }
        for (WriteBatch batch : batches) {
            PbPutKvReqForBucket.Builder bucket = PbPutKvReqForBucket.newBuilder()
                    .setBucketId(batch.bucket().bucket())
                    // Wrapped, not copied: see ProduceLogRpc.
                    .setRecords(UnsafeByteOperations.unsafeWrap(batch.bytes().nioBuffer()));
            if (batch.bucket().isPartitioned()) {
                bucket.setPartitionId(batch.bucket().partitionId());
            }
            request.addBucketsReq(bucket);
        }
        return leader.send(ApiMethods.PUT_KV, request.build()).map(response -> {
            List<BucketOutcome> outcomes = new ArrayList<>(response.getBucketsRespCount());
            for (PbPutKvRespForBucket answer : response.getBucketsRespList()) {
                Throwable error = BucketErrors.errorOf(answer.hasErrorCode(), answer.getErrorCode(),
                        answer.hasErrorMessage(), answer.getErrorMessage());
                // A KV write has no offsets of its own (its changelog entries are the server's).
                outcomes.add(new BucketOutcome(
                        answer.hasPartitionId() ? answer.getPartitionId() : -1, answer.getBucketId(), error, -1));
            }
            return outcomes;
        });
    }
}
