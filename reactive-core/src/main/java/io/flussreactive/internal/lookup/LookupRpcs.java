package io.flussreactive.internal.lookup;

import com.google.protobuf.ByteString;
import io.flussreactive.internal.lookup.KeyBatcher.BucketAnswer;
import io.flussreactive.internal.lookup.KeyBatcher.BucketKeys;
import io.flussreactive.internal.meta.BucketKey;
import io.flussreactive.internal.proto.LookupRequest;
import io.flussreactive.internal.proto.PbLookupReqForBucket;
import io.flussreactive.internal.proto.PbLookupRespForBucket;
import io.flussreactive.internal.proto.PbPrefixLookupReqForBucket;
import io.flussreactive.internal.proto.PbPrefixLookupRespForBucket;
import io.flussreactive.internal.proto.PbValue;
import io.flussreactive.internal.proto.PbValueList;
import io.flussreactive.internal.proto.PrefixLookupRequest;
import io.flussreactive.internal.rpc.ApiMethods;
import io.flussreactive.internal.rpc.BucketErrors;
import java.util.ArrayList;
import java.util.List;

/** The Lookup and PrefixLookup requests a {@link KeyBatcher} sends. */
final class LookupRpcs {

    private LookupRpcs() {
    }

    /**
     * Point lookups: one value (or none) per key.
     *
     * @param tableId the table
     * @param insertIfNotExists whether a missing key is inserted (with nulls) before it is read
     * @param acks the acks of such inserts
     * @param timeoutMs how long the leader may wait for replicas of such inserts
     */
    static KeyBatcher.Rpc<byte[]> lookup(long tableId, boolean insertIfNotExists, int acks, int timeoutMs) {
        return (leader, buckets) -> {
            LookupRequest.Builder request = LookupRequest.newBuilder().setTableId(tableId);
            if (insertIfNotExists) {
                request.setInsertIfNotExists(true).setAcks(acks).setTimeoutMs(timeoutMs);
            }
            for (BucketKeys keys : buckets) {
                PbLookupReqForBucket.Builder bucket = PbLookupReqForBucket.newBuilder().setBucketId(keys.bucket().bucket());
                if (keys.bucket().isPartitioned()) {
                    bucket.setPartitionId(keys.bucket().partitionId());
                }
                keys.keys().forEach(key -> bucket.addKeys(ByteString.copyFrom(key)));
                request.addBucketsReq(bucket);
            }
            return leader.send(ApiMethods.LOOKUP, request.build()).map(response -> {
                List<BucketAnswer<byte[]>> answers = new ArrayList<>(response.getBucketsRespCount());
                for (PbLookupRespForBucket answer : response.getBucketsRespList()) {
                    List<byte[]> values = new ArrayList<>(answer.getValuesCount());
                    for (PbValue value : answer.getValuesList()) {
                        values.add(value.hasValues() ? value.getValues().toByteArray() : null);
                    }
                    answers.add(new BucketAnswer<>(BucketKey.of(answer.hasPartitionId(), answer.getPartitionId(),
                            answer.getBucketId()),
                            BucketErrors.errorOf(answer.hasErrorCode(), answer.getErrorCode(),
                                    answer.hasErrorMessage(), answer.getErrorMessage()),
                            values));
                }
                return answers;
            });
        };
    }

    /**
     * Prefix lookups: every value whose key starts with the prefix.
     *
     * @param tableId the table
     */
    static KeyBatcher.Rpc<List<byte[]>> prefixLookup(long tableId) {
        return (leader, buckets) -> {
            PrefixLookupRequest.Builder request = PrefixLookupRequest.newBuilder().setTableId(tableId);
            for (BucketKeys keys : buckets) {
                PbPrefixLookupReqForBucket.Builder bucket =
                        PbPrefixLookupReqForBucket.newBuilder().setBucketId(keys.bucket().bucket());
                if (keys.bucket().isPartitioned()) {
                    bucket.setPartitionId(keys.bucket().partitionId());
                }
                keys.keys().forEach(key -> bucket.addKeys(ByteString.copyFrom(key)));
                request.addBucketsReq(bucket);
            }
            return leader.send(ApiMethods.PREFIX_LOOKUP, request.build()).map(response -> {
                List<BucketAnswer<List<byte[]>>> answers = new ArrayList<>(response.getBucketsRespCount());
                for (PbPrefixLookupRespForBucket answer : response.getBucketsRespList()) {
                    List<List<byte[]>> lists = new ArrayList<>(answer.getValueListsCount());
                    for (PbValueList valueList : answer.getValueListsList()) {
                        List<byte[]> values = new ArrayList<>(valueList.getValuesCount());
                        valueList.getValuesList().forEach(value -> values.add(value.toByteArray()));
                        lists.add(values);
                    }
                    answers.add(new BucketAnswer<>(BucketKey.of(answer.hasPartitionId(), answer.getPartitionId(),
                            answer.getBucketId()),
                            BucketErrors.errorOf(answer.hasErrorCode(), answer.getErrorCode(),
                                    answer.hasErrorMessage(), answer.getErrorMessage()),
                            lists));
                }
                return answers;
            });
        };
    }
}
