package io.flussreactive.internal.write;

import io.flussreactive.internal.meta.BucketKey;
import io.flussreactive.internal.proto.PbProduceLogReqForBucket;
import io.flussreactive.internal.proto.PbProduceLogRespForBucket;
import io.flussreactive.internal.proto.ProduceLogRequest;
import io.flussreactive.internal.rpc.ApiMethods;
import io.flussreactive.internal.rpc.BucketErrors;
import io.flussreactive.internal.rpc.RecordsMessage;
import io.flussreactive.internal.rpc.ServerLane;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/** Sends log batches with ProduceLog. */
final class ProduceLogRpc implements WriteRpc {

    private final long tableId;
    private final int acks;
    private final int serverTimeoutMs;

    /**
     * @param tableId the table written to
     * @param acks the wire value of the acks setting
     * @param serverTimeoutMs how long the leader may wait for replicas before it answers
     */
    ProduceLogRpc(long tableId, int acks, int serverTimeoutMs) {
        this.tableId = tableId;
        this.acks = acks;
        this.serverTimeoutMs = serverTimeoutMs;
    }

    @Override
    public Mono<List<BucketOutcome>> send(ServerLane leader, List<WriteBatch> batches) {
        RecordsMessage<ProduceLogRequest> request = new RecordsMessage<>(ProduceLogRequest.newBuilder()
                        .setAcks(acks)
                        .setTableId(tableId)
                        .setTimeoutMs(serverTimeoutMs)
                        .build(),
                ProduceLogRequest.BUCKETS_REQ_FIELD_NUMBER, PbProduceLogReqForBucket.RECORDS_FIELD_NUMBER);
        for (WriteBatch batch : batches) {
            PbProduceLogReqForBucket.Builder bucket = PbProduceLogReqForBucket.newBuilder()
                    .setBucketId(batch.bucket().bucket());
            if (batch.bucket().isPartitioned()) {
                bucket.setPartitionId(batch.bucket().partitionId());
            }
            // The records go into the frame by reference: the batch keeps its bytes until the answer arrives.
            request.add(bucket.buildPartial(), batch.bytes());
        }
        return leader.send(ApiMethods.PRODUCE_LOG, request).map(response -> {
            List<BucketOutcome> outcomes = new ArrayList<>(response.getBucketsRespCount());
            for (PbProduceLogRespForBucket answer : response.getBucketsRespList()) {
                Throwable error = BucketErrors.errorOf(answer.hasErrorCode(), answer.getErrorCode(),
                        answer.hasErrorMessage(), answer.getErrorMessage());
                outcomes.add(new BucketOutcome(
                        BucketKey.of(answer.hasPartitionId(), answer.getPartitionId(), answer.getBucketId()),
                        error,
                        answer.hasBaseOffset() ? answer.getBaseOffset() : -1));
            }
            return outcomes;
        });
    }
}
