package io.flussreactive.internal.write;

import com.google.protobuf.UnsafeByteOperations;
import io.flussreactive.internal.proto.PbProduceLogReqForBucket;
import io.flussreactive.internal.proto.PbProduceLogRespForBucket;
import io.flussreactive.internal.proto.ProduceLogRequest;
import io.flussreactive.internal.rpc.ApiMethods;
import io.flussreactive.internal.rpc.BucketErrors;
import io.flussreactive.internal.rpc.NodeClient;
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
    public Mono<List<BucketOutcome>> send(NodeClient leader, List<WriteBatch> batches) {
        ProduceLogRequest.Builder request = ProduceLogRequest.newBuilder()
                .setAcks(acks)
                .setTableId(tableId)
                .setTimeoutMs(serverTimeoutMs);
        for (WriteBatch batch : batches) {
            PbProduceLogReqForBucket.Builder bucket = PbProduceLogReqForBucket.newBuilder()
                    .setBucketId(batch.bucket().bucket())
                    // Wrapped, not copied: the batch keeps its bytes until the answer arrives, and the
                    // request is serialized into the frame when it is sent, before that.
                    .setRecords(UnsafeByteOperations.unsafeWrap(batch.bytes().nioBuffer()));
            if (batch.bucket().isPartitioned()) {
                bucket.setPartitionId(batch.bucket().partitionId());
            }
            request.addBucketsReq(bucket);
        }
        return leader.send(ApiMethods.PRODUCE_LOG, request.build()).map(response -> {
            List<BucketOutcome> outcomes = new ArrayList<>(response.getBucketsRespCount());
            for (PbProduceLogRespForBucket answer : response.getBucketsRespList()) {
                Throwable error = BucketErrors.errorOf(answer.hasErrorCode(), answer.getErrorCode(),
                        answer.hasErrorMessage(), answer.getErrorMessage());
                outcomes.add(new BucketOutcome(
                        answer.hasPartitionId() ? answer.getPartitionId() : -1,
                        answer.getBucketId(),
                        error,
                        answer.hasBaseOffset() ? answer.getBaseOffset() : -1));
            }
            return outcomes;
        });
    }
}
