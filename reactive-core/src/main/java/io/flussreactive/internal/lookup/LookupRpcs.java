package io.flussreactive.internal.lookup;

import com.google.protobuf.ByteString;
import io.flussreactive.error.FlussException;
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
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ObjLongConsumer;

/**
 * The Lookup and PrefixLookup requests a {@link KeyBatcher} sends. Both carry the keys of several
 * buckets of one table and are answered bucket by bucket, in per-bucket messages that have the same
 * fields under types of their own: {@link BucketMessages} fills and reads both, told each type's
 * accessors.
 */
final class LookupRpcs {

    /** Lookup's per-bucket messages: a value, or none, per key. */
    private static final BucketMessages<PbLookupReqForBucket.Builder, PbLookupRespForBucket, byte[]> POINT =
            new BucketMessages<>(
                    bucket -> PbLookupReqForBucket.newBuilder().setBucketId(bucket),
                    PbLookupReqForBucket.Builder::setPartitionId,
                    PbLookupReqForBucket.Builder::addKeys,
                    answer -> BucketKey.of(answer.hasPartitionId(), answer.getPartitionId(), answer.getBucketId()),
                    answer -> BucketErrors.errorOf(answer.hasErrorCode(), answer.getErrorCode(),
                            answer.hasErrorMessage(), answer.getErrorMessage()),
                    LookupRpcs::values);

    /** PrefixLookup's per-bucket messages: a list of values per key. */
    private static final BucketMessages<PbPrefixLookupReqForBucket.Builder, PbPrefixLookupRespForBucket, List<byte[]>>
            PREFIX = new BucketMessages<>(
                    bucket -> PbPrefixLookupReqForBucket.newBuilder().setBucketId(bucket),
                    PbPrefixLookupReqForBucket.Builder::setPartitionId,
                    PbPrefixLookupReqForBucket.Builder::addKeys,
                    answer -> BucketKey.of(answer.hasPartitionId(), answer.getPartitionId(), answer.getBucketId()),
                    answer -> BucketErrors.errorOf(answer.hasErrorCode(), answer.getErrorCode(),
                            answer.hasErrorMessage(), answer.getErrorMessage()),
                    LookupRpcs::valueLists);

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
                request.addBucketsReq(POINT.request(keys));
            }
            return leader.send(ApiMethods.LOOKUP, request.build())
                    .map(response -> POINT.answers(response.getBucketsRespList()));
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
                request.addBucketsReq(PREFIX.request(keys));
            }
            return leader.send(ApiMethods.PREFIX_LOOKUP, request.build())
                    .map(response -> PREFIX.answers(response.getBucketsRespList()));
        };
    }

    private static List<byte[]> values(PbLookupRespForBucket answer) {
        List<byte[]> values = new ArrayList<>(answer.getValuesCount());
        for (PbValue value : answer.getValuesList()) {
            values.add(value.hasValues() ? value.getValues().toByteArray() : null);
        }
        return values;
    }

    private static List<List<byte[]>> valueLists(PbPrefixLookupRespForBucket answer) {
        List<List<byte[]>> lists = new ArrayList<>(answer.getValueListsCount());
        for (PbValueList valueList : answer.getValueListsList()) {
            List<byte[]> values = new ArrayList<>(valueList.getValuesCount());
            valueList.getValuesList().forEach(value -> values.add(value.toByteArray()));
            lists.add(values);
        }
        return lists;
    }

    /**
     * The per-bucket messages of one kind of lookup, by their accessors: a bucket's request carries
     * its id, its partition's id when it has one, and its keys; a bucket's answer names its bucket and
     * carries an error or one answer per key.
     *
     * @param <B> a bucket's request, being built
     * @param <A> a bucket's answer
     * @param <R> the answer for one key
     */
    private record BucketMessages<B, A, R>(
            IntFunction<B> newRequest,
            ObjLongConsumer<B> setPartitionId,
            BiConsumer<B, ByteString> addKey,
            Function<A, BucketKey> bucketOf,
            Function<A, FlussException> errorOf,
            Function<A, List<R>> answersOf) {

        /** The request for one bucket's keys. */
        B request(BucketKeys keys) {
            B bucket = newRequest.apply(keys.bucket().bucket());
            if (keys.bucket().isPartitioned()) {
                setPartitionId.accept(bucket, keys.bucket().partitionId());
            }
            for (byte[] key : keys.keys()) {
                addKey.accept(bucket, ByteString.copyFrom(key));
            }
            return bucket;
        }

        /** The answers of a response, one per bucket. */
        List<BucketAnswer<R>> answers(List<A> bucketAnswers) {
            List<BucketAnswer<R>> answers = new ArrayList<>(bucketAnswers.size());
            for (A answer : bucketAnswers) {
                answers.add(new BucketAnswer<>(bucketOf.apply(answer), errorOf.apply(answer), answersOf.apply(answer)));
            }
            return answers;
        }
    }
}
