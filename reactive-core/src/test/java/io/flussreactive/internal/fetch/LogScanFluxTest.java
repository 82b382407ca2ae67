package io.flussreactive.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.flussreactive.RetryPolicies;
import io.flussreactive.RetryPolicies.Operation;
import io.flussreactive.error.NotEnoughReplicasException;
import io.flussreactive.error.UnknownTableOrBucketException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.flussreactive.admin.ArrowCompression;
import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.error.ErrorCode;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.proto.FetchLogRequest;
import io.flussreactive.internal.proto.FetchLogResponse;
import io.flussreactive.internal.proto.PbFetchLogReqForBucket;
import io.flussreactive.internal.proto.PbFetchLogRespForBucket;
import io.flussreactive.internal.proto.PbFetchLogRespForTable;
import io.flussreactive.internal.record.ArrowBatchFixture;
import io.flussreactive.internal.rpc.ApiMethods;
import io.flussreactive.internal.rpc.ScriptedServer.Exchange;
import io.flussreactive.internal.rpc.ScriptedServer;
import io.flussreactive.internal.telemetry.ScanTelemetry;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.scan.ScanOptions;
import io.flussreactive.scan.ScanPosition;
import io.flussreactive.table.TablePath;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.ManualSubscriber;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a log scan turns demand into fetches, bounds them by its prefetch budget, retries, resumes and
 * releases its Arrow memory, against servers that answer when the test says so.
 */
class LogScanFluxTest {

    private static final long TABLE_ID = 7;
    private static final Schema SCHEMA = Schema.newBuilder().column("id", DataTypes.INT()).build();
    private static final long PREFETCH_BYTES = 1 << 20;
    /** Long enough for any batch to be decoded; only a hang waits this long. */
    private static final Duration HANG = Duration.ofSeconds(10);

    private final ScriptedServer leader0 = new ScriptedServer("server 0");
    private final ScriptedServer leader1 = new ScriptedServer("server 1");
    private final BufferAllocator allocator = new RootAllocator();
    private final ArrowBatchFixture arrow = new ArrowBatchFixture();
    private final List<RecordBatch> delivered = new ArrayList<>();

    @AfterEach
    void everyArrowBufferIsReleased() {
        delivered.forEach(RecordBatch::close);
        arrow.close();
        eventually().until(() -> allocator.getChildAllocators().isEmpty());
        assertThat(allocator.getAllocatedMemory()).as("Arrow memory of the scans").isZero();
        allocator.close();
    }

    /** The telemetry hears of each batch delivered, of the lag behind the high watermark, and of the end. */
    @Test
    void theTelemetryHearsOfWhatIsDeliveredOfTheLagAndOfTheEnd() {
        RecordingTelemetry telemetry = new RecordingTelemetry();
        FixedScanCluster cluster = new FixedScanCluster(table(1), leader0);
        cluster.telemetry(telemetry);
        ManualSubscriber<RecordBatch> batches = subscribe(scan(cluster));
        batches.request(1);

        leader0.expect(ApiMethods.FETCH_LOG).respond(answer(PbFetchLogRespForBucket.newBuilder()
                .setBucketId(0)
                .setRecords(ByteString.copyFrom(batch(0, 100)))
                .setHighWatermark(250)
                .build()));
        awaitDelivered(batches, 1);

        eventually().until(() -> telemetry.lag == 150);
        assertThat(telemetry.records).isEqualTo(100);
        assertThat(telemetry.bytes).isEqualTo(RecordBatches.sizeOf(delivered.get(0)));
        assertThat(telemetry.closed).isFalse();
        batches.cancel();
        eventually().until(() -> telemetry.closed);
    }

    @Test
    void nothingIsFetchedWithoutDemand() {
        ManualSubscriber<RecordBatch> batches = subscribe(scan(1, leader0));
        leader0.expectNoMoreRequests();

        batches.request(1);

        assertThat(fetched(leader0.expect(ApiMethods.FETCH_LOG))).containsExactly("bucket 0 from 0");
        batches.cancel();
    }

    @Test
    void demandSendsOneFetchPerLeaderForAllItsBucketsAndNoMoreUntilItIsAnswered() {
        ManualSubscriber<RecordBatch> batches = subscribe(scan(4, leader0, leader1));

        batches.request(1);
        assertThat(fetched(leader0.expect(ApiMethods.FETCH_LOG))).containsExactly("bucket 0 from 0", "bucket 2 from 0");
        assertThat(fetched(leader1.expect(ApiMethods.FETCH_LOG))).containsExactly("bucket 1 from 0", "bucket 3 from 0");
        batches.request(10);

        leader0.expectNoMoreRequests();
        leader1.expectNoMoreRequests();
        batches.cancel();
    }

    /**
     * The budget counts decoded bytes, the server fetched ones: until an answer shows how much the
     * records grow when decoded, a fetch asks for one byte (which brings one batch); after that, for
     * what half of the budget holds decoded.
     */
    @Test
    void aFetchAsksForOneByteUntilAnAnswerWasDecodedThenForHalfTheBudget() {
        ManualSubscriber<RecordBatch> batches = subscribe(scan(1, leader0));
        batches.request(1);
        Exchange<FetchLogRequest, FetchLogResponse> first = leader0.expect(ApiMethods.FETCH_LOG);
        assertThat(first.request().getMaxBytes()).isEqualTo(1);
        assertThat(first.request().getTablesReq(0).getBucketsReq(0).getMaxFetchBytes()).isEqualTo(1);

        byte[] records = batch(0, 100);
        first.respond(answer(0, records));
        double expansion = decodedBytesPerFetchedByte(batches, 1, records);
        batches.request(1);

        FetchLogRequest second = leader0.expect(ApiMethods.FETCH_LOG).request();
        assertThat(second.getMaxBytes()).isEqualTo((int) (PREFETCH_BYTES / 2 / expansion));
        batches.cancel();
    }

    /**
     * A fetch in flight holds its part of the budget: with another leader's fetch unanswered, a
     * leader's next fetch asks for half of its share, a quarter of the budget, not half of it.
     */
    @Test
    void aFetchInFlightToAnotherLeaderKeepsItsShareOfTheBudget() {
        ManualSubscriber<RecordBatch> batches = subscribe(scan(2, leader0, leader1));
        batches.request(1);
        Exchange<FetchLogRequest, FetchLogResponse> first = leader0.expect(ApiMethods.FETCH_LOG);
        leader1.expect(ApiMethods.FETCH_LOG);

        byte[] records = batch(0, 100);
        first.respond(answer(0, records));
        double expansion = decodedBytesPerFetchedByte(batches, 1, records);
        batches.request(1);

        FetchLogRequest second = leader0.expect(ApiMethods.FETCH_LOG).request();
        assertThat(second.getMaxBytes()).isEqualTo((int) (PREFETCH_BYTES / 4 / expansion));
        batches.cancel();
    }

    /**
     * Cancelled with a decoded batch waiting for demand and a fetch in flight: the batch is closed,
     * and the answer that comes later is dropped undecoded.
     */
    @Test
    void cancellingReleasesTheBatchesNotDeliveredAndDropsAnswersStillToCome() {
        ManualSubscriber<RecordBatch> batches = subscribe(scan(1, leader0));
        batches.request(2);
        Exchange<FetchLogRequest, FetchLogResponse> first = leader0.expect(ApiMethods.FETCH_LOG);
        first.respond(answer(0, batch(0, 10), batch(10, 10), batch(20, 10)));
        Exchange<FetchLogRequest, FetchLogResponse> second = leader0.expect(ApiMethods.FETCH_LOG);
        awaitDelivered(batches, 2);

        batches.cancel();
        second.respond(answer(0, batch(30, 10)));

        delivered.forEach(RecordBatch::close);
        // The scan lets go of its memory on whichever thread runs it at that moment.
        eventually().until(() -> allocator.getChildAllocators().isEmpty());
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    @Test
    void aRetriableErrorFetchesTheBucketAgainFromTheSameOffsetAfterItsLeaderIsLookedUpAgain() {
        FixedScanCluster cluster = new FixedScanCluster(table(1), leader0);
        ManualSubscriber<RecordBatch> batches = subscribe(scan(cluster));
        batches.request(1);

        leader0.expect(ApiMethods.FETCH_LOG).respond(failed(0, ErrorCode.NOT_LEADER_OR_FOLLOWER));

        assertThat(fetched(leader0.expect(ApiMethods.FETCH_LOG))).containsExactly("bucket 0 from 0");
        assertThat(cluster.invalidated()).containsExactly(new PhysicalBucket(TABLE_ID, -1, null, 0));
        assertThat(batches.error()).isNull();
        batches.cancel();
    }

    /**
     * The fetch policy decides: each failure that may pass fetches again after its backoff, and a scan
     * whose bucket fails once more than the policy allows in a row fails with that failure. A fetch that
     * succeeds in between starts the count afresh.
     */
    @Test
    void aBucketFailingMoreTimesInARowThanTheFetchPolicyAllowsFailsTheScan() {
        FixedScanCluster cluster = new FixedScanCluster(table(1), leader0);
        cluster.fetchPolicy(RetryConfig.from(RetryPolicies.defaults().policy(Operation.FETCH))
                .maxAttempts(2)
                .intervalFunction(IntervalFunction.of(Duration.ofMillis(1)))
                .build());
        ManualSubscriber<RecordBatch> batches = subscribe(scan(cluster));
        batches.request(2);

        leader0.expect(ApiMethods.FETCH_LOG).respond(failed(0, ErrorCode.NOT_ENOUGH_REPLICAS_EXCEPTION));
        leader0.expect(ApiMethods.FETCH_LOG).respond(answer(0, batch(0, 10)));
        awaitDelivered(batches, 1);
        // The success started the count afresh: one failure is retried again.
        leader0.expect(ApiMethods.FETCH_LOG).respond(failed(0, ErrorCode.NOT_ENOUGH_REPLICAS_EXCEPTION));
        Exchange<FetchLogRequest, FetchLogResponse> last = leader0.expect(ApiMethods.FETCH_LOG);
        assertThat(fetched(last)).containsExactly("bucket 0 from 10");
        last.respond(failed(0, ErrorCode.NOT_ENOUGH_REPLICAS_EXCEPTION));

        eventually().until(() -> batches.error() != null);
        assertThat(batches.error()).isInstanceOf(NotEnoughReplicasException.class);
        leader0.expectNoMoreRequests();
        batches.cancel();
    }

    /**
     * A scan that starts while the leader of a bucket does not hold it yet (right after the table was
     * created, or a leader crashed) waits for it by the fetch policy, rather than failing after the few
     * attempts of an admin read; once it has its offsets, it fetches from them.
     */
    @Test
    void aScanStartsOnceItsBucketsAreKnownRetryingByTheFetchPolicy() {
        FixedScanCluster cluster = new FixedScanCluster(table(1), leader0);
        cluster.fetchPolicy(RetryConfig.from(RetryPolicies.defaults().policy(Operation.FETCH))
                .intervalFunction(IntervalFunction.of(Duration.ofMillis(1)))
                .build());
        cluster.failOffsets(8, new UnknownTableOrBucketException("not here yet"));
        ManualSubscriber<RecordBatch> batches = subscribe(scan(cluster));
        batches.request(1);

        assertThat(fetched(leader0.expect(ApiMethods.FETCH_LOG))).containsExactly("bucket 0 from 0");
        assertThat(cluster.offsetRequests()).isEqualTo(9);
        assertThat(batches.error()).isNull();
        batches.cancel();
    }

    /** A start that keeps failing is given up as a bucket's fetches are: once the fetch policy says so. */
    @Test
    void aScanWhoseStartFailsMoreTimesThanTheFetchPolicyAllowsFails() {
        FixedScanCluster cluster = new FixedScanCluster(table(1), leader0);
        cluster.fetchPolicy(RetryConfig.from(RetryPolicies.defaults().policy(Operation.FETCH))
                .maxAttempts(3)
                .intervalFunction(IntervalFunction.of(Duration.ofMillis(1)))
                .build());
        cluster.failOffsets(Integer.MAX_VALUE, new UnknownTableOrBucketException("not here"));
        ManualSubscriber<RecordBatch> batches = subscribe(scan(cluster));
        batches.request(1);

        eventually().until(() -> batches.error() != null);
        assertThat(batches.error()).isInstanceOf(UnknownTableOrBucketException.class);
        assertThat(cluster.offsetRequests()).isEqualTo(3);
        leader0.expectNoMoreRequests();
    }

    /**
     * A scan fails with batches fetched beyond those delivered; subscribed again (as a retry does), it
     * goes on after the last batch delivered, not after the last fetched nor from the start.
     */
    @Test
    void aNewSubscriptionAfterAnErrorGoesOnAfterTheLastBatchDelivered() {
        LogScanFlux scan = scan(1, leader0);
        ManualSubscriber<RecordBatch> failing = subscribe(scan);
        failing.request(2);
        leader0.expect(ApiMethods.FETCH_LOG).respond(answer(0, batch(0, 10), batch(10, 10), batch(20, 10)));
        Exchange<FetchLogRequest, FetchLogResponse> inFlight = leader0.expect(ApiMethods.FETCH_LOG);
        assertThat(fetched(inFlight)).containsExactly("bucket 0 from 30");
        awaitDelivered(failing, 2);

        inFlight.fail(new IllegalStateException("broken"));
        eventually().until(() -> failing.error() != null);
        assertThat(failing.error()).hasMessage("broken");

        ManualSubscriber<RecordBatch> retry = subscribe(scan);
        retry.request(1);
        assertThat(fetched(leader0.expect(ApiMethods.FETCH_LOG))).containsExactly("bucket 0 from 20");
        retry.cancel();
    }

    /** Waits for what another thread does; only a hang waits long. */
    /** What a scan subscription told its telemetry; written on the subscription's executor. */
    private static final class RecordingTelemetry implements ScanTelemetry {
        volatile long records;
        volatile long bytes;
        volatile long lag;
        volatile boolean closed;

        @Override
        public void delivered(int records, long bytes) {
            this.records += records;
            this.bytes += bytes;
        }

        @Override
        public void state(long prefetchBytes, long lag) {
            this.lag = lag;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static ConditionFactory eventually() {
        return await().atMost(HANG).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1));
    }

    private static TableInfo table(int buckets) {
        return TableInfo.of(TablePath.of("demo", "events"), TABLE_ID, ArrowBatchFixture.SCHEMA_ID,
                TableDescriptor.builder().schema(SCHEMA).distributedBy(buckets).build(), 0, 0);
    }

    private LogScanFlux scan(int buckets, ScriptedServer... leaders) {
        return scan(new FixedScanCluster(table(buckets), leaders));
    }

    /** A scan of every bucket from the start, without end, with a prefetch budget of {@link #PREFETCH_BYTES}. */
    private LogScanFlux scan(FixedScanCluster cluster) {
        ScanPlan plan = new ScanPlan(null, cluster.table(), null, OffsetSpec.earliest(), ScanPosition.none(), null, null,
                null, null, ScanOptions.builder().prefetchBytes(PREFETCH_BYTES).build());
        return new LogScanFlux(plan, cluster, allocator);
    }

    private static ManualSubscriber<RecordBatch> subscribe(LogScanFlux scan) {
        ManualSubscriber<RecordBatch> batches = new ManualSubscriber<>(true);
        scan.subscribe(batches);
        return batches;
    }

    /** Waits until {@code count} batches in all were delivered, and takes them to be closed after the test. */
    private void awaitDelivered(ManualSubscriber<RecordBatch> batches, int count) {
        eventually().until(() -> batches.received() >= count);
        RecordBatch next;
        while ((next = batches.items().poll()) != null) {
            delivered.add(next);
        }
    }

    /** How many bytes of Arrow memory a fetched byte became in the batch delivered from {@code records}. */
    private double decodedBytesPerFetchedByte(ManualSubscriber<RecordBatch> batches, int count, byte[] records) {
        awaitDelivered(batches, count);
        return Math.max(1.0, (double) RecordBatches.sizeOf(delivered.get(count - 1)) / records.length);
    }

    /** One ARROW log batch of {@code rows} rows, at {@code baseOffset}. */
    private byte[] batch(long baseOffset, int rows) {
        List<Row> values = IntStream.range(0, rows).mapToObj(i -> (Row) GenericRow.of(i)).toList();
        byte[] bytes = arrow.encodeToBytes(SCHEMA.rowType(), values, ArrowCompression.NONE);
        // The server sets the base offset; it is not part of the checksum.
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, baseOffset);
        return bytes;
    }

    private static FetchLogResponse answer(int bucket, byte[]... batches) {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        for (byte[] batch : batches) {
            records.writeBytes(batch);
        }
        return answer(PbFetchLogRespForBucket.newBuilder()
                .setBucketId(bucket)
                .setRecords(ByteString.copyFrom(records.toByteArray()))
                .build());
    }

    private static FetchLogResponse failed(int bucket, ErrorCode error) {
        return answer(PbFetchLogRespForBucket.newBuilder()
                .setBucketId(bucket)
                .setErrorCode(error.code())
                .setErrorMessage(error.name())
                .build());
    }

    private static FetchLogResponse answer(PbFetchLogRespForBucket bucket) {
        return FetchLogResponse.newBuilder()
                .addTablesResp(PbFetchLogRespForTable.newBuilder().setTableId(TABLE_ID).addBucketsResp(bucket))
                .build();
    }

    /** What a fetch asks for, bucket by bucket. */
    private static List<String> fetched(Exchange<FetchLogRequest, FetchLogResponse> fetch) {
        List<String> asked = new ArrayList<>();
        for (PbFetchLogReqForBucket bucket : fetch.request().getTablesReq(0).getBucketsReqList()) {
            asked.add("bucket " + bucket.getBucketId() + " from " + bucket.getFetchOffset());
        }
        return asked;
    }
}
