package io.flussreactive.internal.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.RetryPolicies;
import io.flussreactive.RetryPolicies.Operation;
import io.flussreactive.admin.LogFormat;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.error.ErrorCode;
import io.flussreactive.internal.meta.LeaderLookup;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.meta.TableLocations;
import io.flussreactive.internal.proto.PbProduceLogReqForBucket;
import io.flussreactive.internal.proto.PbProduceLogRespForBucket;
import io.flussreactive.internal.proto.ProduceLogRequest;
import io.flussreactive.internal.proto.ProduceLogResponse;
import io.flussreactive.internal.record.LogBatchHeader;
import io.flussreactive.internal.rpc.ApiMethods;
import io.flussreactive.internal.rpc.ScriptedServer;
import io.flussreactive.internal.rpc.ScriptedServer.Exchange;
import io.flussreactive.internal.rpc.ServerLane;
import io.flussreactive.internal.telemetry.WriterTelemetry;
import io.flussreactive.internal.util.SerialExecutor;
import io.flussreactive.row.GenericRow;
import io.flussreactive.table.TablePath;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import io.flussreactive.write.WriterOptions;
import io.github.resilience4j.retry.Retry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * When the batches of a bucket leave: at once while the bucket has nothing in flight, together when the
 * answer comes while it has, after the linger when the answer is late, and with their sequences in order;
 * against a server that answers only when the test says so, on a clock that moves only when the test
 * moves it. Encoding runs in place, so a batch closed is sent before the call that closed it returns.
 */
class BatchFillerTest {

    private static final long TABLE_ID = 7;
    private static final long WRITER_ID = 100;
    private static final Duration LINGER = Duration.ofMillis(100);

    private final ScriptedServer leader = new ScriptedServer("leader");
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final SerialExecutor intake = new SerialExecutor();
    private final SerialExecutor serial = new SerialExecutor();
    private final WriteBuffer buffer = new WriteBuffer(1 << 20);
    private final TableInfo table = TableInfo.of(TablePath.of("db", "events"), TABLE_ID, 1, TableDescriptor.builder()
                    .schema(Schema.newBuilder().column("id", DataTypes.INT()).build())
                    .distributedBy(2)
                    .logFormat(LogFormat.INDEXED)
                    .build(),
            0L, 0L);
    private final List<Integer> acknowledged = new ArrayList<>();
    /** Where the rows go: bucket 0 unless a test says otherwise. */
    private final ChosenBucket chosen = new ChosenBucket();
    private final List<Integer> failed = new ArrayList<>();

    @Test
    void aLoneRowLeavesAtOnceAndRowsArrivingWhileItIsInFlightLeaveTogetherWithItsAnswer() {
        BatchFiller batches = batches(WriterOptions.builder().batchLinger(LINGER).build());

        append(batches, 0);
        Exchange<ProduceLogRequest, ProduceLogResponse> first = nextRequest();
        append(batches, 1);
        append(batches, 2);
        append(batches, 3);
        leader.expectNoMoreRequests();

        first.respond(stored(0));
        Exchange<ProduceLogRequest, ProduceLogResponse> second = nextRequest();
        leader.expectNoMoreRequests();
        second.respond(stored(1));

        assertThat(sent(first)).containsExactly(new Sent(1, 0));
        assertThat(sent(second)).as("the rows that arrived while the first was in flight, in the next sequence")
                .containsExactly(new Sent(3, 1));
        assertThat(acknowledged).containsExactly(0, 1, 2, 3);
        assertThat(buffer.reserved()).isZero();

        append(batches, 4);
        Exchange<ProduceLogRequest, ProduceLogResponse> third = nextRequest();
        assertThat(sent(third)).as("a lone row once the bucket is idle again").containsExactly(new Sent(1, 2));
        third.respond(stored(4));
        assertThat(acknowledged).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void rowsWaitingForALateAnswerLeaveAfterTheLinger() {
        BatchFiller batches = batches(WriterOptions.builder().batchLinger(LINGER).build());
        append(batches, 0);
        Exchange<ProduceLogRequest, ProduceLogResponse> first = nextRequest();
        append(batches, 1);

        time.advanceTimeBy(LINGER.minusMillis(1));
        leader.expectNoMoreRequests();
        time.advanceTimeBy(Duration.ofMillis(1));
        Exchange<ProduceLogRequest, ProduceLogResponse> second = nextRequest();

        assertThat(sent(second)).containsExactly(new Sent(1, 1));
        first.respond(stored(0));
        leader.expectNoMoreRequests();
        second.respond(stored(1));
        assertThat(acknowledged).containsExactly(0, 1);
    }

    @Test
    void withoutLingerOnlyWhenBusyEveryBatchWaitsForItsLinger() {
        BatchFiller batches = batches(WriterOptions.builder().batchLinger(LINGER).lingerOnlyWhenBusy(false).build());
        append(batches, 0);
        append(batches, 1);
        leader.expectNoMoreRequests();

        time.advanceTimeBy(LINGER);
        Exchange<ProduceLogRequest, ProduceLogResponse> first = nextRequest();
        append(batches, 2);
        first.respond(stored(0));

        assertThat(sent(first)).containsExactly(new Sent(2, 0));
        leader.expectNoMoreRequests();
        time.advanceTimeBy(LINGER);
        Exchange<ProduceLogRequest, ProduceLogResponse> second = nextRequest();
        assertThat(sent(second)).containsExactly(new Sent(1, 1));
        second.respond(stored(2));
        assertThat(acknowledged).containsExactly(0, 1, 2);
    }

    @Test
    void rowsAtHandFillTheBatchAndItLeavesOnceTheProducersPause() {
        AtomicInteger quietLooks = new AtomicInteger();
        BatchFiller batches = batches(WriterOptions.builder().batchLinger(LINGER).build(), quietLooks::incrementAndGet);

        for (int id = 0; id < 5; id++) {
            append(batches, id);
        }
        leader.expectNoMoreRequests();
        assertThat(quietLooks).as("one look asked for, not one per row").hasValue(1);

        intake.execute(batches::producersQuiet);
        Exchange<ProduceLogRequest, ProduceLogResponse> first = nextRequest();
        assertThat(sent(first)).containsExactly(new Sent(5, 0));
        first.respond(stored(0));
        assertThat(acknowledged).containsExactly(0, 1, 2, 3, 4);
    }

    /**
     * The producers paused only because the buffer is full, while a batch on its way will give space
     * back: the batch being filled for an idle bucket does not leave with the few rows it has; it keeps
     * filling, and leaves at the first pause once nothing is on its way.
     */
    @Test
    void aPauseForBufferSpaceWhileABatchIsOnItsWayLeavesTheBatchesBeingFilledOpen() {
        AtomicInteger quietLooks = new AtomicInteger();
        BatchFiller batches = batches(WriterOptions.builder().batchLinger(LINGER).build(), quietLooks::incrementAndGet);
        Exchange<ProduceLogRequest, ProduceLogResponse> onItsWay = aPauseForSpaceWhileRowZeroIsOnItsWay(batches, 1, 2);

        leader.expectNoMoreRequests();
        assertThat(quietLooks).hasValue(2);
        append(batches, 3);
        assertThat(quietLooks).as("the next row taken asks for another look").hasValue(3);

        onItsWay.respond(stored(0));
        intake.execute(batches::producersQuiet);
        Exchange<ProduceLogRequest, ProduceLogResponse> filled = nextRequest();
        assertThat(sent(filled)).containsExactly(new Sent(3, 0));
        filled.respond(stored(1, 0));
        assertThat(acknowledged).containsExactly(0, 1, 2, 3);
    }

    /**
     * The producers paused for buffer space while a batch was on its way, and took no row since: that
     * batch's settlement is what may end the wait, so it asks for another look, and the batch being
     * filled leaves at the next pause instead of at its linger.
     */
    @Test
    void aSettlementAfterAPauseForBufferSpaceAsksForAnotherLook() {
        AtomicInteger quietLooks = new AtomicInteger();
        BatchFiller batches = batches(WriterOptions.builder().batchLinger(LINGER).build(), quietLooks::incrementAndGet);
        Exchange<ProduceLogRequest, ProduceLogResponse> onItsWay = aPauseForSpaceWhileRowZeroIsOnItsWay(batches, 1);
        assertThat(quietLooks).hasValue(2);

        onItsWay.respond(stored(0));
        assertThat(quietLooks).as("the settlement asks for a look").hasValue(3);
        intake.execute(batches::producersQuiet);
        Exchange<ProduceLogRequest, ProduceLogResponse> filled = nextRequest();
        assertThat(sent(filled)).containsExactly(new Sent(1, 0));
        filled.respond(stored(1, 0));
        assertThat(acknowledged).containsExactly(0, 1);
    }

    /**
     * Row 0 leaves for bucket 0 and waits for its answer; the given rows fill bucket 1's batch; then a
     * producer waits for buffer space and the producers pause.
     *
     * @return the request that carries row 0, not answered yet
     */
    private Exchange<ProduceLogRequest, ProduceLogResponse> aPauseForSpaceWhileRowZeroIsOnItsWay(BatchFiller batches,
            int... rowsOfBucketOne) {
        append(batches, 0);
        intake.execute(batches::producersQuiet);
        Exchange<ProduceLogRequest, ProduceLogResponse> onItsWay = nextRequest();
        chosen.bucket = 1;
        for (int id : rowsOfBucketOne) {
            append(batches, id);
        }
        buffer.whenSpaceFreed(buffer.capacity(), () -> {
        });
        intake.execute(batches::producersQuiet);
        return onItsWay;
    }

    /** The filler, its producers counted as paused right after each row and each settlement. */
    private BatchFiller batches(WriterOptions options) {
        BatchFiller[] filler = new BatchFiller[1];
        return batches(options, () -> intake.execute(() -> filler[0].producersQuiet()), filler);
    }

    private BatchFiller batches(WriterOptions options, Runnable whenQuiet) {
        return batches(options, whenQuiet, new BatchFiller[1]);
    }

    private BatchFiller batches(WriterOptions options, Runnable whenQuiet, BatchFiller[] filler) {
        Sender sender = new Sender(options, Retry.of("fluss.write", RetryPolicies.defaults().policy(Operation.WRITE)),
                serial, time, () -> time.now(TimeUnit.NANOSECONDS), new OnlyLeader(leader),
                new ProduceLogRpc(TABLE_ID, -1, 30_000), () -> Mono.just(WRITER_ID), buffer, "test writer",
                // What the writer does: the bucket's next batch may leave once this one is settled.
                (batch, error) -> intake.execute(() -> filler[0].batchSettled(batch.bucket(), error == null)),
                WriterTelemetry.NONE);
        filler[0] = new BatchFiller(table, options, buffer, new RowLogBatchFormat(table, UnpooledByteBufAllocator.DEFAULT,
                options.batchSizeBytes()), chosen, intake, serial, sender, time, Schedulers.immediate(),
                UnpooledByteBufAllocator.DEFAULT, new FailTheTest(), whenQuiet);
        return filler[0];
    }

    @Test
    void afterABatchFailedForGoodTheBucketsRowsWaitForTheLingerUntilABatchIsStoredAgain() {
        BatchFiller batches = batches(WriterOptions.builder().batchLinger(LINGER).build());
        append(batches, 0);
        nextRequest().respond(failed(ErrorCode.RECORD_TOO_LARGE_EXCEPTION));
        assertThat(failed).containsExactly(0);

        // Rows do not leave one by one as fast as failures come back: they wait for company.
        append(batches, 1);
        append(batches, 2);
        leader.expectNoMoreRequests();
        time.advanceTimeBy(LINGER);
        Exchange<ProduceLogRequest, ProduceLogResponse> afterLinger = nextRequest();
        // The failed batch's sequence is taken again: the server never stored it.
        assertThat(sent(afterLinger)).containsExactly(new Sent(2, 0));
        afterLinger.respond(stored(0));
        assertThat(acknowledged).containsExactly(1, 2);

        append(batches, 3);
        Exchange<ProduceLogRequest, ProduceLogResponse> lone = nextRequest();
        assertThat(sent(lone)).as("a lone row leaves at once again once a batch was stored").containsExactly(new Sent(1, 1));
        lone.respond(stored(2));
        assertThat(acknowledged).containsExactly(1, 2, 3);
    }

    /** Takes a row as the writer does: its bytes reserved, then appended on the intake. */
    private void append(BatchFiller batches, int id) {
        WriteRecord<Integer> record = WriteRecord.of(GenericRow.of(id), id);
        RowLogBatchFormat format = new RowLogBatchFormat(table, UnpooledByteBufAllocator.DEFAULT, 1 << 20);
        PreparedRecord prepared = format.prepare(record);
        assertThat(buffer.tryReserve(prepared.reservedBytes())).isTrue();
        intake.execute(() -> assertThat(batches.append(-1, null, null, record, prepared, new Acknowledged())).isNull());
    }

    private Exchange<ProduceLogRequest, ProduceLogResponse> nextRequest() {
        return leader.expect(ApiMethods.PRODUCE_LOG);
    }

    /** The batches a request carries: how many rows each, and the sequence stamped into it. */
    private static List<Sent> sent(Exchange<ProduceLogRequest, ProduceLogResponse> exchange) {
        List<Sent> sent = new ArrayList<>();
        for (PbProduceLogReqForBucket bucket : exchange.request().getBucketsReqList()) {
            LogBatchHeader header = LogBatchHeader.read(Unpooled.wrappedBuffer(bucket.getRecords().toByteArray()), 0);
            assertThat(header.writerId()).isEqualTo(WRITER_ID);
            sent.add(new Sent(header.recordCount(), header.batchSequence()));
        }
        return sent;
    }

    private static ProduceLogResponse failed(ErrorCode error) {
        return ProduceLogResponse.newBuilder()
                .addBucketsResp(PbProduceLogRespForBucket.newBuilder()
                        .setBucketId(0)
                        .setErrorCode(error.code())
                        .setErrorMessage("refused by the test"))
                .build();
    }

    private static ProduceLogResponse stored(long baseOffset) {
        return stored(0, baseOffset);
    }

    private static ProduceLogResponse stored(int bucket, long baseOffset) {
        return ProduceLogResponse.newBuilder()
                .addBucketsResp(PbProduceLogRespForBucket.newBuilder().setBucketId(bucket).setBaseOffset(baseOffset))
                .build();
    }

    /** One batch in a request: its row count and its sequence. */
    private record Sent(int rows, int sequence) {
    }

    /** Records the rows acknowledged and those that failed, by id. */
    private final class Acknowledged implements ResultListener<Integer> {
        @Override
        public void onResult(WriteResult<Integer> result) {
            (result.isSuccess() ? acknowledged : failed).add(result.correlation());
        }
    }

    /** Every row in the bucket the test chose last. */
    private static final class ChosenBucket implements BucketChooser {
        int bucket;

        @Override
        public int bucketFor(byte[] bucketKey, TableLocations where) {
            return bucket;
        }

        @Override
        public void batchClosed(long partitionId, int bucket) {
        }
    }

    /** The scripted server leads every bucket. */
    private record OnlyLeader(ServerLane leader) implements LeaderLookup {
        @Override
        public ServerLane leaderOf(PhysicalBucket bucket) {
            return leader;
        }

        @Override
        public void invalidate(PhysicalBucket bucket) {
        }
    }

    /** No row of these tests is rejected. */
    private static final class FailTheTest implements BatchFiller.Rejection {
        @Override
        public <T> void reject(WriteRecord<T> record, ResultListener<T> listener, Throwable error, long reservedBytes) {
            throw new AssertionError("rejected " + record, error);
        }
    }
}
