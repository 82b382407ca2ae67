package io.flussreactive.internal.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.RetryPolicies.Operation;
import io.flussreactive.RetryPolicies;
import io.flussreactive.error.ErrorCode;
import io.flussreactive.error.NetworkException;
import io.flussreactive.error.NotEnoughReplicasAfterAppendException;
import io.flussreactive.error.NotLeaderOrFollowerException;
import io.flussreactive.error.OutOfOrderSequenceException;
import io.flussreactive.error.ServerUnavailableException;
import io.flussreactive.error.TimeoutException;
import io.flussreactive.internal.meta.LeaderLookup;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.proto.PbProduceLogReqForBucket;
import io.flussreactive.internal.proto.PbProduceLogRespForBucket;
import io.flussreactive.internal.proto.ProduceLogRequest;
import io.flussreactive.internal.proto.ProduceLogResponse;
import io.flussreactive.internal.record.LogBatchHeader;
import io.flussreactive.internal.rpc.ApiMethods;
import io.flussreactive.internal.rpc.ScriptedServer.Exchange;
import io.flussreactive.internal.rpc.ScriptedServer;
import io.flussreactive.internal.rpc.ServerLane;
import io.flussreactive.internal.telemetry.WriterTelemetry;
import io.flussreactive.internal.util.SerialExecutor;
import io.flussreactive.write.WriterOptions;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * How the sender numbers, sends, retries and settles the batches of a writer, against a server that
 * answers only when the test says so, on a clock that moves only when the test moves it.
 */
class SenderTest {

    private static final long TABLE_ID = 7;
    private static final PhysicalBucket BUCKET_0 = new PhysicalBucket(TABLE_ID, -1, null, 0);
    private static final PhysicalBucket BUCKET_1 = new PhysicalBucket(TABLE_ID, -1, null, 1);
    private static final long FIRST_WRITER_ID = 100;
    private static final long RESERVED_BYTES = 1000;
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(100);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    /** Time enough for a retry's backoff to pass and the sender to look again. */
    private static final Duration AFTER_BACKOFF = Duration.ofSeconds(1);

    private final ScriptedServer leader = new ScriptedServer("leader");
    private final KnownLeader leaders = new KnownLeader(leader);
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final SerialExecutor serial = new SerialExecutor();
    private final WriteBuffer buffer = new WriteBuffer(1 << 20);
    private final Map<WriteBatch, Integer> names = new IdentityHashMap<>();
    private final List<String> settled = new ArrayList<>();
    /** What the sender told its telemetry, in order. */
    private final List<String> reported = new ArrayList<>();
    private final WriterTelemetry telemetry = new WriterTelemetry() {
        @Override
        public void batchSent(int records, int bytes, long queuedNanos) {
            reported.add("sent " + bytes + " bytes after " + TimeUnit.NANOSECONDS.toMillis(queuedNanos) + " ms");
        }

        @Override
        public void batchResent(int records) {
            reported.add("resent");
        }

        @Override
        public void batchSettled(int records, boolean stored) {
            reported.add(stored ? "stored" : "failed");
        }
    };
    private long nextWriterId = FIRST_WRITER_ID;

    @Test
    void batchesOfABucketLeaveInOrderAtMostMaxInFlightAtATime() {
        Sender sender = sender(2);
        write(sender, BUCKET_0, 0, 1, 2);

        Exchange<ProduceLogRequest, ProduceLogResponse> first = nextRequest();
        Exchange<ProduceLogRequest, ProduceLogResponse> second = nextRequest();
        leader.expectNoMoreRequests();
        assertThat(sent(first)).containsExactly(new Sent(0, 0, FIRST_WRITER_ID, 0));
        assertThat(sent(second)).containsExactly(new Sent(0, 1, FIRST_WRITER_ID, 1));

        first.respond(answer(stored(0, 0)));
        Exchange<ProduceLogRequest, ProduceLogResponse> third = nextRequest();
        assertThat(sent(third)).containsExactly(new Sent(0, 2, FIRST_WRITER_ID, 2));
        second.respond(answer(stored(0, 1)));
        third.respond(answer(stored(0, 2)));

        assertThat(settled).containsExactly("batch 0 stored", "batch 1 stored", "batch 2 stored");
        assertThat(buffer.reserved()).isZero();
        leader.expectNoMoreRequests();
    }

    /**
     * The connection drops before the answer arrives, so the writer cannot know whether the batch was
     * stored: it sends it again with the same sequence, and the server's "duplicate" means stored.
     */
    @Test
    void aBatchWhoseAnswerWasLostGoesAgainWithItsSequenceAndADuplicateCountsAsStored() {
        Sender sender = sender(5);
        write(sender, BUCKET_0, 0);
        assertThat(sent(nextRequest())).containsExactly(new Sent(0, 0, FIRST_WRITER_ID, 0));

        leader.dropConnection();
        batchZeroGoesAgainAfterItsBackoffAndIsADuplicate();

        assertThat(settled).containsExactly("batch 0 stored");
        write(sender, BUCKET_0, 1);
        assertThat(sent(nextRequest())).containsExactly(new Sent(0, 1, FIRST_WRITER_ID, 1));
    }

    /**
     * A server's internal failure on a produce request (its request buffer released under it as the
     * connection closed, for one) says nothing of whether the batch was stored: the default write policy
     * sends it again with the same writer id and sequence, so the server can tell a duplicate.
     */
    @Test
    void anUnknownServerErrorSendsTheBatchAgainWithItsSequence() {
        Sender sender = sender(5);
        write(sender, BUCKET_0, 0);
        nextRequest().respond(answer(failed(0, ErrorCode.UNKNOWN_SERVER_ERROR)));
        batchZeroGoesAgainAfterItsBackoffAndIsADuplicate();

        assertThat(settled).containsExactly("batch 0 stored");
    }

    /**
     * The write policy decides: a failure that may pass is retried after its backoff, until the policy
     * has no attempts left; then the batch fails with the last failure, before its delivery timeout.
     */
    @Test
    void aBatchFailsWithItsLastFailureOnceTheWritePolicyHasNoAttemptsLeft() {
        Sender sender = sender(1, RetryConfig.from(RetryPolicies.defaults().policy(Operation.WRITE))
                .maxAttempts(2)
                .intervalFunction(IntervalFunction.of(RETRY_BACKOFF))
                .build());
        write(sender, BUCKET_0, 0);
        nextRequest().respond(answer(failed(0, ErrorCode.NOT_ENOUGH_REPLICAS_EXCEPTION)));
        leader.expectNoMoreRequests();

        time.advanceTimeBy(AFTER_BACKOFF);
        nextRequest().respond(answer(failed(0, ErrorCode.NOT_ENOUGH_REPLICAS_EXCEPTION)));

        assertThat(settled).containsExactly("batch 0 failed with NotEnoughReplicasException");
        leader.expectNoMoreRequests();
    }

    /**
     * The telemetry hears of a batch's first send with its size and the time since it was opened, of each
     * send after a failure, and of its end, once.
     */
    @Test
    void theTelemetryHearsOfTheFirstSendOfABatchOfItsRetriesAndOfItsEnd() {
        Sender sender = sender(1);
        write(sender, BUCKET_0, 0, 1);
        Exchange<ProduceLogRequest, ProduceLogResponse> first = nextRequest();
        time.advanceTimeBy(Duration.ofMillis(300));
        first.respond(answer(failed(0, ErrorCode.NOT_ENOUGH_REPLICAS_EXCEPTION)));
        time.advanceTimeBy(AFTER_BACKOFF);
        nextRequest().respond(answer(stored(0, 0)));
        nextRequest().respond(answer(stored(0, 1)));

        // Batch 1 waited behind batch 0 from its opening: 300 ms for the answer, then the backoff's second.
        int size = LogBatchHeader.V0_HEADER_SIZE + 1;
        assertThat(reported).containsExactly("sent " + size + " bytes after 0 ms", "resent", "stored",
                "sent " + size + " bytes after 1300 ms", "stored");
    }

    /**
     * A batch fails for good while two more are in flight behind it: the server refuses those as out
     * of order, and the one still to be stored goes again with the sequence after the last stored.
     */
    @Test
    void batchesBehindOneThatFailedComeBackOutOfOrderAndGoAgainRenumbered() {
        Sender sender = sender(3);
        write(sender, BUCKET_0, 0, 1, 2);
        Exchange<ProduceLogRequest, ProduceLogResponse> first = nextRequest();
        Exchange<ProduceLogRequest, ProduceLogResponse> second = nextRequest();
        Exchange<ProduceLogRequest, ProduceLogResponse> third = nextRequest();

        first.respond(answer(stored(0, 0)));
        second.respond(answer(failed(0, ErrorCode.RECORD_TOO_LARGE_EXCEPTION)));
        leader.expectNoMoreRequests();
        third.respond(answer(failed(0, ErrorCode.OUT_OF_ORDER_SEQUENCE_EXCEPTION)));
        time.advanceTimeBy(AFTER_BACKOFF);

        Exchange<ProduceLogRequest, ProduceLogResponse> again = nextRequest();
        assertThat(sent(again)).containsExactly(new Sent(0, 2, FIRST_WRITER_ID, 1));
        again.respond(answer(stored(0, 1)));
        assertThat(settled).containsExactly(
                "batch 0 stored", "batch 1 failed with RecordTooLargeException", "batch 2 stored");
    }

    /**
     * The server no longer knows the writer's sequences for one bucket (its state expired, or it says
     * the next sequence is out of order although nothing is missing before it): once nothing of that
     * bucket is in flight, the bucket takes a new writer id and starts again at sequence 0. The other
     * bucket keeps its id and goes on numbering.
     */
    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"UNKNOWN_WRITER_ID_EXCEPTION", "OUT_OF_ORDER_SEQUENCE_EXCEPTION"})
    void aServerThatLostTheWritersSequencesForABucketGivesThatBucketAloneANewWriterId(ErrorCode refusal) {
        Sender sender = sender(5);
        List<Exchange<ProduceLogRequest, ProduceLogResponse>> inFlight = aSecondBatchOfEachBucketInFlight(sender);
        Exchange<ProduceLogRequest, ProduceLogResponse> bucket0 = inFlight.get(0);
        Exchange<ProduceLogRequest, ProduceLogResponse> bucket1 = inFlight.get(1);
        assertThat(sent(bucket0)).containsExactly(new Sent(0, 2, FIRST_WRITER_ID, 1));
        assertThat(sent(bucket1)).containsExactly(new Sent(1, 3, FIRST_WRITER_ID, 1));

        bucket0.respond(answer(failed(0, refusal)));
        bucket1.respond(answer(stored(1, 1)));

        long newWriterId = FIRST_WRITER_ID + 1;
        assertThat(sent(nextRequest())).containsExactly(new Sent(0, 2, newWriterId, 0));
        write(sender, BUCKET_1, 4);
        assertThat(sent(nextRequest())).containsExactly(new Sent(1, 4, FIRST_WRITER_ID, 2));
        leader.expectNoMoreRequests();
        assertThat(settled).containsExactly("batch 0 stored", "batch 1 stored", "batch 3 stored");
    }

    /**
     * Every server restarted: the answers to a batch of each bucket were lost. The leader of one bucket
     * lost the writer's sequences; the other bucket's leader is still moving, but holds the batch it
     * stored. That batch goes again under its old writer id and sequence once its leader is back, so
     * the server recognises it instead of storing it twice. The bucket whose sequences were lost starts
     * again under a new id; its batch whose answer was lost may be stored on a replica that leads later,
     * so it fails instead of going again under an id that would make it new to the server.
     */
    @Test
    void aBatchWhoseAnswerWasLostKeepsItsWriterIdWhenAnotherBucketTakesANewOne() {
        Sender sender = sender(5);
        aSecondBatchOfEachBucketInFlight(sender);

        leader.dropConnection();
        time.advanceTimeBy(AFTER_BACKOFF);
        Exchange<ProduceLogRequest, ProduceLogResponse> again = nextRequest();
        assertThat(sent(again)).containsExactly(
                new Sent(0, 2, FIRST_WRITER_ID, 1), new Sent(1, 3, FIRST_WRITER_ID, 1));
        again.respond(answer(failed(0, ErrorCode.OUT_OF_ORDER_SEQUENCE_EXCEPTION),
                failed(1, ErrorCode.NOT_LEADER_OR_FOLLOWER)));
        assertThat(settled).containsExactly(
                "batch 0 stored", "batch 1 stored", "batch 2 failed with OutOfOrderSequenceException");

        time.advanceTimeBy(AFTER_BACKOFF);
        Exchange<ProduceLogRequest, ProduceLogResponse> third = nextRequest();
        assertThat(sent(third)).containsExactly(new Sent(1, 3, FIRST_WRITER_ID, 1));
        third.respond(answer(failed(1, ErrorCode.DUPLICATE_SEQUENCE_EXCEPTION)));
        write(sender, BUCKET_0, 4);
        assertThat(sent(nextRequest())).containsExactly(new Sent(0, 4, FIRST_WRITER_ID + 1, 0));
        leader.expectNoMoreRequests();
        assertThat(settled).containsExactly("batch 0 stored", "batch 1 stored",
                "batch 2 failed with OutOfOrderSequenceException", "batch 3 stored");
    }

    /**
     * A batch whose attempts all failed before reaching the leader (no connection, or the server's breaker
     * open) is known not to be stored: when its bucket starts again under a new writer id, it goes again.
     */
    @ParameterizedTest
    @EnumSource(NotSent.class)
    void aBatchThatNeverReachedTheLeaderGoesAgainUnderTheNewWriterId(NotSent why) {
        Sender sender = sender(5);
        List<Exchange<ProduceLogRequest, ProduceLogResponse>> inFlight = aSecondBatchOfEachBucketInFlight(sender);
        inFlight.get(1).respond(answer(stored(1, 1)));

        inFlight.get(0).fail(why.error);
        time.advanceTimeBy(AFTER_BACKOFF);
        Exchange<ProduceLogRequest, ProduceLogResponse> again = nextRequest();
        assertThat(sent(again)).containsExactly(new Sent(0, 2, FIRST_WRITER_ID, 1));
        again.respond(answer(failed(0, ErrorCode.OUT_OF_ORDER_SEQUENCE_EXCEPTION)));

        assertThat(sent(nextRequest())).containsExactly(new Sent(0, 2, FIRST_WRITER_ID + 1, 0));
        leader.expectNoMoreRequests();
        assertThat(settled).containsExactly("batch 0 stored", "batch 1 stored", "batch 3 stored");
    }

    /** Failures that leave a request unsent. */
    enum NotSent {
        CONNECTION_REFUSED(new NetworkException("Could not connect to Fluss server leader",
                new ConnectException("Connection refused"))),
        BREAKER_OPEN(new ServerUnavailableException("Not sent to Fluss server leader: its circuit breaker is OPEN"));

        final Throwable error;

        NotSent(Throwable error) {
            this.error = error;
        }
    }

    /** Which failures of an attempt leave open whether the leader stored the batch. */
    @Test
    void aFailedAttemptMayHaveStoredItsBatchUnlessTheLeaderRefusedItOrItNeverLeft() {
        assertThat(Sender.mayHaveStored(new NetworkException("Connection to Fluss server leader closed"))).isTrue();
        assertThat(Sender.mayHaveStored(new TimeoutException("no answer within 30000 ms"))).isTrue();
        assertThat(Sender.mayHaveStored(new NotEnoughReplicasAfterAppendException("appended, not replicated")))
                .isTrue();
        assertThat(Sender.mayHaveStored(new IllegalStateException("unexpected"))).isTrue();
        for (NotSent notSent : NotSent.values()) {
            assertThat(Sender.mayHaveStored(notSent.error)).as("%s", notSent).isFalse();
        }
        assertThat(Sender.mayHaveStored(new NotLeaderOrFollowerException("not the leader"))).isFalse();
        assertThat(Sender.mayHaveStored(new OutOfOrderSequenceException("out of order"))).isFalse();
    }

    @Test
    void aBatchThatCannotBeSentFailsOnceItsDeliveryTimeoutPassed() {
        leaders.leader = null;
        Sender sender = sender(5);
        write(sender, BUCKET_0, 0);

        time.advanceTimeBy(DELIVERY_TIMEOUT.minusSeconds(1));
        assertThat(settled).isEmpty();
        time.advanceTimeBy(Duration.ofSeconds(2));

        assertThat(settled).containsExactly("batch 0 failed with TimeoutException");
        assertThat(buffer.reserved()).isZero();
        leader.expectNoMoreRequests();
    }

    @Test
    void aBatchWaitsForItsLeaderAndLeavesOnceTheLeaderIsKnown() {
        leaders.leader = null;
        Sender sender = sender(5);
        write(sender, BUCKET_0, 0);
        leader.expectNoMoreRequests();

        leaders.leader = leader;
        // What the end of a leader lookup does.
        serial.execute(sender::sendReady);

        assertThat(sent(nextRequest())).containsExactly(new Sent(0, 0, FIRST_WRITER_ID, 0));
    }

    /**
     * Batch 0 of bucket 0 and batch 1 of bucket 1 are stored (sequence 0 each); then batch 2 of bucket 0
     * and batch 3 of bucket 1 leave with sequence 1 and wait for their answers.
     *
     * @return the requests of batches 2 and 3, in that order
     */
    private List<Exchange<ProduceLogRequest, ProduceLogResponse>> aSecondBatchOfEachBucketInFlight(Sender sender) {
        write(sender, BUCKET_0, 0);
        nextRequest().respond(answer(stored(0, 0)));
        write(sender, BUCKET_1, 1);
        nextRequest().respond(answer(stored(1, 0)));
        write(sender, BUCKET_0, 2);
        write(sender, BUCKET_1, 3);
        return List.of(nextRequest(), nextRequest());
    }

    /** The next request the leader received, which must be a ProduceLog. */
    private Exchange<ProduceLogRequest, ProduceLogResponse> nextRequest() {
        return leader.expect(ApiMethods.PRODUCE_LOG);
    }

    /** Batch 0 is not sent again before its backoff, then is, with its first sequence; the server knows it. */
    private void batchZeroGoesAgainAfterItsBackoffAndIsADuplicate() {
        leader.expectNoMoreRequests();
        time.advanceTimeBy(AFTER_BACKOFF);
        Exchange<ProduceLogRequest, ProduceLogResponse> again = nextRequest();
        assertThat(sent(again)).containsExactly(new Sent(0, 0, FIRST_WRITER_ID, 0));
        again.respond(answer(failed(0, ErrorCode.DUPLICATE_SEQUENCE_EXCEPTION)));
    }

    private Sender sender(int maxInFlightBatchesPerBucket) {
        // A fixed backoff, so that the test's clock says when a retry leaves.
        return sender(maxInFlightBatchesPerBucket, RetryConfig.from(RetryPolicies.defaults().policy(Operation.WRITE))
                .intervalFunction(IntervalFunction.of(RETRY_BACKOFF))
                .build());
    }

    private Sender sender(int maxInFlightBatchesPerBucket, RetryConfig writePolicy) {
        WriterOptions options = WriterOptions.builder()
                .maxInFlightBatchesPerBucket(maxInFlightBatchesPerBucket)
                .deliveryTimeout(DELIVERY_TIMEOUT)
                .build();
        return new Sender(options, Retry.of("fluss.write", writePolicy), serial, time,
                () -> time.now(TimeUnit.NANOSECONDS), leaders,
                new ProduceLogRpc(TABLE_ID, -1, 30_000), () -> Mono.fromSupplier(() -> nextWriterId++), buffer,
                "test writer", this::settled, telemetry);
    }

    /** Closes batches of the bucket, each named by the one byte of its records, as the writer does. */
    private void write(Sender sender, PhysicalBucket bucket, int... batchNames) {
        for (int name : batchNames) {
            assertThat(buffer.tryReserve(RESERVED_BYTES)).isTrue();
            long deadline = time.now(TimeUnit.NANOSECONDS) + DELIVERY_TIMEOUT.toNanos();
            WriteBatch batch = new WriteBatch(bucket, new PendingRecords(), RESERVED_BYTES, deadline,
                    (bytes, writerId, sequence) -> LogBatchHeader.rewriteWriterState(bytes, bytes.readerIndex(),
                            writerId, sequence));
            names.put(batch, name);
            serial.execute(() -> {
                sender.add(batch);
                sender.encoded(batch, logBatch(name));
            });
        }
    }

    /** A log batch whose one byte of records is its name. */
    private static ByteBuf logBatch(int name) {
        int size = LogBatchHeader.V0_HEADER_SIZE + 1;
        ByteBuf bytes = Unpooled.wrappedBuffer(new byte[size]);
        LogBatchHeader.writeV0(bytes, 0, size, 1, true, 1, LogBatchHeader.NO_WRITER_ID,
                LogBatchHeader.NO_BATCH_SEQUENCE);
        bytes.setByte(LogBatchHeader.V0_HEADER_SIZE, name);
        return bytes;
    }

    private void settled(WriteBatch batch, Throwable error) {
        settled.add("batch " + names.get(batch)
                + (error == null ? " stored" : " failed with " + error.getClass().getSimpleName()));
    }

    /** The batches a request carries, as the server reads them. */
    private static List<Sent> sent(Exchange<ProduceLogRequest, ProduceLogResponse> exchange) {
        List<Sent> sent = new ArrayList<>();
        for (PbProduceLogReqForBucket bucket : exchange.request().getBucketsReqList()) {
            ByteBuf records = Unpooled.wrappedBuffer(bucket.getRecords().toByteArray());
            LogBatchHeader header = LogBatchHeader.read(records, 0);
            sent.add(new Sent(bucket.getBucketId(), records.getByte(LogBatchHeader.V0_HEADER_SIZE), header.writerId(),
                    header.batchSequence()));
        }
        return sent;
    }

    private static ProduceLogResponse answer(PbProduceLogRespForBucket... buckets) {
        return ProduceLogResponse.newBuilder().addAllBucketsResp(List.of(buckets)).build();
    }

    private static PbProduceLogRespForBucket stored(int bucket, long baseOffset) {
        return PbProduceLogRespForBucket.newBuilder().setBucketId(bucket).setBaseOffset(baseOffset).build();
    }

    private static PbProduceLogRespForBucket failed(int bucket, ErrorCode error) {
        return PbProduceLogRespForBucket.newBuilder()
                .setBucketId(bucket)
                .setErrorCode(error.code())
                .setErrorMessage(error.name())
                .build();
    }

    /** One batch in a request: its bucket, its name, and the writer id and sequence stamped into it. */
    private record Sent(int bucket, int name, long writerId, int sequence) {
    }

    /** A leader that the test makes known (the scripted server) or not (null). */
    private static final class KnownLeader implements LeaderLookup {
        ServerLane leader;

        KnownLeader(ServerLane leader) {
            this.leader = leader;
        }

        @Override
        public ServerLane leaderOf(PhysicalBucket bucket) {
            return leader;
        }

        @Override
        public void invalidate(PhysicalBucket bucket) {
        }
    }
}
