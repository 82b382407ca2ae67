package io.flussreactive.internal.write;

import io.flussreactive.internal.meta.BucketKey;
import io.flussreactive.internal.proto.PbPutKvReqForBucket;
import io.flussreactive.internal.proto.PbPutKvRespForBucket;
import io.flussreactive.internal.proto.PutKvRequest;
import io.flussreactive.internal.rpc.ApiMethods;
import io.flussreactive.internal.rpc.BucketErrors;
import io.flussreactive.internal.rpc.RecordsMessage;
import io.flussreactive.internal.rpc.ServerLane;
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
    public Mono<List<BucketOutcome>> send(ServerLane leader, List<WriteBatch> batches) {
        PutKvRequest.Builder head = PutKvRequest.newBuilder()
                .setAcks(acks)
                .setTableId(tableId)
                .setTimeoutMs(serverTimeoutMs);
        if (targetColumns != null) {
            for (int column : targetColumns) {
                head.addTargetColumns(column);
            }
        }
        RecordsMessage<PutKvRequest> request = new RecordsMessage<>(head.build(),
                PutKvRequest.BUCKETS_REQ_FIELD_NUMBER, PbPutKvReqForBucket.RECORDS_FIELD_NUMBER);
        for (WriteBatch batch : batches) {
            PbPutKvReqForBucket.Builder bucket = PbPutKvReqForBucket.newBuilder()
                    .setBucketId(batch.bucket().bucket());
            if (batch.bucket().isPartitioned()) {
                bucket.setPartitionId(batch.bucket().partitionId());
            }
            // The records go into the frame by reference: the batch keeps its bytes until the answer arrives.
            request.add(bucket.buildPartial(), batch.bytes());
        }
        return leader.send(ApiMethods.PUT_KV, request).map(response -> {
            List<BucketOutcome> outcomes = new ArrayList<>(response.getBucketsRespCount());
            for (PbPutKvRespForBucket answer : response.getBucketsRespList()) {
                Throwable error = BucketErrors.errorOf(answer.hasErrorCode(), answer.getErrorCode(),
                        answer.hasErrorMessage(), answer.getErrorMessage());
                // A KV write has no offsets of its own (its changelog entries are the server's).
                outcomes.add(new BucketOutcome(
                        BucketKey.of(answer.hasPartitionId(), answer.getPartitionId(), answer.getBucketId()), error, -1));
            }
            return outcomes;
        });
    }
}
