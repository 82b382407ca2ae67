package io.flussreactive.internal.fetch;

import io.flussreactive.admin.LogFormat;
import io.flussreactive.internal.proto.FetchLogRequest;
import io.flussreactive.internal.proto.PbFetchLogReqForBucket;
import io.flussreactive.internal.proto.PbFetchLogReqForTable;
import java.util.List;

/** The FetchLog requests of a scan: one per leader, for the buckets it leads. */
final class FetchRequests {

    /** A client fetches as a follower with this id, which no tablet server has. */
    private static final int CLIENT_FOLLOWER_ID = -1;

    private FetchRequests() {
    }

    /**
     * The request for some buckets of one leader, each from its next offset.
     *
     * @param maxBytes the most bytes the whole answer may hold (at least one batch comes in any case)
     */
    static FetchLogRequest of(ScanPlan plan, List<FetchBucket> buckets, int maxBytes) {
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
        for (FetchBucket bucket : buckets) {
            PbFetchLogReqForBucket.Builder request = PbFetchLogReqForBucket.newBuilder()
                    .setBucketId(bucket.bucket.bucket())
                    .setFetchOffset(bucket.nextOffset)
                    .setMaxFetchBytes(Math.min(plan.options().fetchMaxBytesPerBucket(), maxBytes));
            if (bucket.bucket.isPartitioned()) {
                request.setPartitionId(bucket.bucket.partitionId());
            }
            table.addBucketsReq(request);
        }
        return FetchLogRequest.newBuilder()
                .setFollowerServerId(CLIENT_FOLLOWER_ID)
                .setMaxBytes(maxBytes)
                .setMinBytes(plan.options().fetchMinBytes())
                .setMaxWaitMs((int) plan.options().fetchMaxWait().toMillis())
                .addTablesReq(table)
                .build();
    }
}
