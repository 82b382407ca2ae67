package io.flussreactive.internal.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.flussreactive.error.LookupQueueFullException;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.proto.LookupRequest;
import io.flussreactive.internal.proto.LookupResponse;
import io.flussreactive.internal.proto.PbLookupReqForBucket;
import io.flussreactive.internal.proto.PbLookupRespForBucket;
import io.flussreactive.internal.proto.PbValue;
import io.flussreactive.internal.rpc.ApiMethods;
import io.flussreactive.internal.rpc.ScriptedServer;
import io.flussreactive.internal.rpc.ScriptedServer.Exchange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/** How lookups of one leader are batched into requests, against a server that answers when the test says so. */
class KeyBatcherTest {

    private static final long TABLE_ID = 7;
    private static final int LEADER_ID = 1;
    private static final PhysicalBucket BUCKET = new PhysicalBucket(TABLE_ID, -1, null, 0);

    private final ScriptedServer leader = new ScriptedServer("leader");
    private final List<Integer> answered = new ArrayList<>();

    @Test
    void aLoneKeyLeavesAtOnceAndGetsItsValue() {
        KeyBatcher<byte[]> batcher = batcher(4, 100);

        StepVerifier.create(batcher.submit(LEADER_ID, leader, BUCKET, key(1)))
                .then(() -> {
                    Exchange<LookupRequest, LookupResponse> request = leader.expect(ApiMethods.LOOKUP);
                    assertThat(keys(request)).containsExactly(1);
                    request.respond(valuesOf(request));
                })
                .assertNext(value -> assertThat(value).containsExactly(value(1)))
                .verifyComplete();
    }

    @Test
    void keysThatArriveWhileTheLeaderHasNoRoomLeaveTogetherWhenAnAnswerFreesIt() {
        KeyBatcher<byte[]> batcher = batcher(1, 100);
        lookUp(batcher, 1);
        Exchange<LookupRequest, LookupResponse> first = leader.expect(ApiMethods.LOOKUP);
        lookUp(batcher, 2, 3, 4);
        leader.expectNoMoreRequests();

        first.respond(valuesOf(first));

        assertThat(keys(leader.expect(ApiMethods.LOOKUP))).containsExactly(2, 3, 4);
        assertThat(answered).containsExactly(1);
    }

    /**
     * With room for two requests, the keys waiting when an answer comes are not all sent in one: each
     * request takes an equal share of the keys in flight and waiting, so requests keep even sizes.
     */
    @Test
    void eachRequestTakesAnEqualShareOfTheLeadersOutstandingKeys() {
        KeyBatcher<byte[]> batcher = batcher(2, 100);
        lookUp(batcher, 1);
        lookUp(batcher, 2);
        Exchange<LookupRequest, LookupResponse> first = leader.expect(ApiMethods.LOOKUP);
        Exchange<LookupRequest, LookupResponse> second = leader.expect(ApiMethods.LOOKUP);
        lookUp(batcher, 3, 4, 5, 6, 7, 8);

        first.respond(valuesOf(first));
        Exchange<LookupRequest, LookupResponse> third = leader.expect(ApiMethods.LOOKUP);
        leader.expectNoMoreRequests();
        second.respond(valuesOf(second));

        assertThat(keys(first)).containsExactly(1);
        assertThat(keys(second)).containsExactly(2);
        // 1 key in flight and 6 waiting, over 2 requests: 4 now, the rest when the other answer comes.
        assertThat(keys(third)).containsExactly(3, 4, 5, 6);
        assertThat(keys(leader.expect(ApiMethods.LOOKUP))).containsExactly(7, 8);
    }

    @Test
    void aRequestTakesAtMostMaxKeysPerRequest() {
        KeyBatcher<byte[]> batcher = batcher(1, 2);
        lookUp(batcher, 1);
        Exchange<LookupRequest, LookupResponse> first = leader.expect(ApiMethods.LOOKUP);
        lookUp(batcher, 2, 3, 4, 5, 6);

        first.respond(valuesOf(first));
        Exchange<LookupRequest, LookupResponse> second = leader.expect(ApiMethods.LOOKUP);
        second.respond(valuesOf(second));
        Exchange<LookupRequest, LookupResponse> third = leader.expect(ApiMethods.LOOKUP);
        third.respond(valuesOf(third));

        assertThat(keys(second)).containsExactly(2, 3);
        assertThat(keys(third)).containsExactly(4, 5);
        assertThat(keys(leader.expect(ApiMethods.LOOKUP))).containsExactly(6);
    }

    @Test
    void aLookupCancelledBeforeItLeftIsNotSent() {
        KeyBatcher<byte[]> batcher = batcher(1, 100);
        lookUp(batcher, 1);
        Exchange<LookupRequest, LookupResponse> first = leader.expect(ApiMethods.LOOKUP);
        Disposable cancelled = batcher.submit(LEADER_ID, leader, BUCKET, key(2)).subscribe(value -> answered.add(2));
        lookUp(batcher, 3);

        cancelled.dispose();
        first.respond(valuesOf(first));
        Exchange<LookupRequest, LookupResponse> second = leader.expect(ApiMethods.LOOKUP);
        second.respond(valuesOf(second));

        assertThat(keys(second)).containsExactly(3);
        assertThat(answered).containsExactly(1, 3);
    }

    @Test
    void aLookupBeyondTheWaitingKeysFailsAtOnceWithARetriableLookupQueueFullExceptionAndALaterOneGoesThrough() {
        KeyBatcher<byte[]> batcher = new KeyBatcher<>(LookupRpcs.lookup(TABLE_ID, false, 0, 0), 1, 100, 2);
        lookUp(batcher, 1);
        Exchange<LookupRequest, LookupResponse> first = leader.expect(ApiMethods.LOOKUP);
        lookUp(batcher, 2, 3);

        StepVerifier.create(batcher.submit(LEADER_ID, leader, BUCKET, key(4)))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(LookupQueueFullException.class)
                            .hasMessageContaining("2 lookups are already waiting")
                            .hasMessageContaining("LookupOptions.maxWaitingKeys");
                    assertThat(((LookupQueueFullException) error).isRetriable()).isTrue();
                    assertThat(((LookupQueueFullException) error).maxWaitingKeys()).isEqualTo(2);
                })
                .verify(Duration.ofSeconds(30));
        leader.expectNoMoreRequests();

        // The keys that waited leave as before, and once they have, the queue takes keys again.
        first.respond(valuesOf(first));
        Exchange<LookupRequest, LookupResponse> second = leader.expect(ApiMethods.LOOKUP);
        assertThat(keys(second)).containsExactly(2, 3);
        lookUp(batcher, 4);
        second.respond(valuesOf(second));
        Exchange<LookupRequest, LookupResponse> third = leader.expect(ApiMethods.LOOKUP);
        assertThat(keys(third)).containsExactly(4);
        third.respond(valuesOf(third));
        assertThat(answered).containsExactly(1, 2, 3, 4);
    }

    private KeyBatcher<byte[]> batcher(int maxInFlightPerLeader, int maxKeysPerRequest) {
        return new KeyBatcher<>(LookupRpcs.lookup(TABLE_ID, false, 0, 0), maxInFlightPerLeader, maxKeysPerRequest,
                1000);
    }

    /** Looks up keys, noting in {@link #answered} those whose value came. */
    private void lookUp(KeyBatcher<byte[]> batcher, int... keys) {
        for (int key : keys) {
            batcher.submit(LEADER_ID, leader, BUCKET, key(key)).subscribe(value -> answered.add(key));
        }
    }

    private static byte[] key(int key) {
        return new byte[] {(byte) key};
    }

    private static byte[] value(int key) {
        return new byte[] {(byte) key, 42};
    }

    /** The keys of a request, in order. */
    private static List<Integer> keys(Exchange<LookupRequest, LookupResponse> exchange) {
        List<Integer> keys = new ArrayList<>();
        for (PbLookupReqForBucket bucket : exchange.request().getBucketsReqList()) {
            bucket.getKeysList().forEach(key -> keys.add((int) key.byteAt(0)));
        }
        return keys;
    }

    /** An answer with a value for every key of the request. */
    private static LookupResponse valuesOf(Exchange<LookupRequest, LookupResponse> exchange) {
        LookupResponse.Builder response = LookupResponse.newBuilder();
        for (PbLookupReqForBucket asked : exchange.request().getBucketsReqList()) {
            PbLookupRespForBucket.Builder bucket = PbLookupRespForBucket.newBuilder().setBucketId(asked.getBucketId());
            asked.getKeysList().forEach(key ->
                    bucket.addValues(PbValue.newBuilder().setValues(ByteString.copyFrom(value(key.byteAt(0))))));
            response.addBucketsResp(bucket);
        }
        return response.build();
    }
}
