package io.flussreactive.benchmarks.jmh;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import com.google.protobuf.UnsafeByteOperations;
import io.flussreactive.internal.proto.LookupRequest;
import io.flussreactive.internal.proto.PbLookupReqForBucket;
import io.flussreactive.internal.proto.PbProduceLogReqForBucket;
import io.flussreactive.internal.proto.ProduceLogRequest;
import io.flussreactive.internal.record.KeyEncoders;
import io.flussreactive.internal.rpc.ApiKey;
import io.flussreactive.internal.rpc.RecordsMessage;
import io.flussreactive.internal.rpc.RequestFrame;
import io.flussreactive.row.GenericRow;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Encoding request frames into pooled Netty buffers, for a ProduceLog request carrying one 1 MiB log
 * batch held in a pooled direct buffer (by reference, as the writer sends it, and copied into the frame,
 * for comparison) and for a Lookup request of one INT key. Each invocation builds the request message, as every send does (a
 * protobuf message caches its size once computed), writes the frame, and releases it.
 *
 * <p>Frames are written by the client's own frame writer, {@link RequestFrame#encode}.
 *
 * <p>Score: frames per second (ops/s, one op = one frame).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FrameEncodeBenchmark {

    /** The size of the log batch a ProduceLog request carries. */
    private static final int BATCH_BYTES = 1024 * 1024;

    private static final short PRODUCE_LOG_VERSION = 0;
    private static final short LOOKUP_VERSION = 1;
    private static final long TABLE_ID = 1;
    private static final int ACKS_ALL = -1;
    private static final int SERVER_TIMEOUT_MS = 30_000;

    private final ByteBufAllocator frames = PooledByteBufAllocator.DEFAULT;
    private ByteBuf logBatch;
    private byte[] lookupKey;
    private int requestId;

    /** Fills the log batch and encodes the lookup key. */
    @Setup
    public void setUp() {
        byte[] content = new byte[BATCH_BYTES];
        ThreadLocalRandom.current().nextBytes(content);
        logBatch = PooledByteBufAllocator.DEFAULT.directBuffer(BATCH_BYTES);
        logBatch.writeBytes(content);
        lookupKey = KeyEncoders.primaryKey(CodecFixtures.primaryKeyTable("id"))
                .encode(GenericRow.of(42, "name-42", 21.0, 0L));
    }

    /** Releases the log batch. */
    @TearDown
    public void tearDown() {
        logBatch.release();
    }

    /**
     * Encodes a ProduceLog frame carrying the 1 MiB batch by reference, as the writer sends it.
     *
     * @return the frame's length field, read after encoding
     */
    @Benchmark
    public int produceLog1MiB() {
        RecordsMessage<ProduceLogRequest> request = new RecordsMessage<>(ProduceLogRequest.newBuilder()
                        .setAcks(ACKS_ALL)
                        .setTableId(TABLE_ID)
                        .setTimeoutMs(SERVER_TIMEOUT_MS)
                        .build(),
                ProduceLogRequest.BUCKETS_REQ_FIELD_NUMBER, PbProduceLogReqForBucket.RECORDS_FIELD_NUMBER)
                .add(PbProduceLogReqForBucket.newBuilder().setBucketId(0).buildPartial(), logBatch);
        ByteBuf frame = RequestFrame.encode(frames, ApiKey.PRODUCE_LOG, PRODUCE_LOG_VERSION, requestId++, request);
        try {
            return frame.getInt(0);
        } finally {
            frame.release();
        }
    }

    /**
     * Encodes the same ProduceLog frame with the batch copied into it, as protobuf serializes it.
     *
     * @return the frame's length field, read after encoding
     */
    @Benchmark
    public int produceLog1MiBCopied() {
        ProduceLogRequest request = ProduceLogRequest.newBuilder()
                .setAcks(ACKS_ALL)
                .setTableId(TABLE_ID)
                .setTimeoutMs(SERVER_TIMEOUT_MS)
                .addBucketsReq(PbProduceLogReqForBucket.newBuilder()
                        .setBucketId(0)
                        .setRecords(UnsafeByteOperations.unsafeWrap(logBatch.nioBuffer())))
                .build();
        return encodeAndRelease(ApiKey.PRODUCE_LOG, PRODUCE_LOG_VERSION, request);
    }

    /**
     * Encodes a Lookup frame of one key.
     *
     * @return the frame's length field, read after encoding
     */
    @Benchmark
    public int lookupOneKey() {
        LookupRequest request = LookupRequest.newBuilder()
                .setTableId(TABLE_ID)
                .addBucketsReq(PbLookupReqForBucket.newBuilder()
                        .setBucketId(3)
                        .addKeys(ByteString.copyFrom(lookupKey)))
                .build();
        return encodeAndRelease(ApiKey.LOOKUP, LOOKUP_VERSION, request);
    }

    private int encodeAndRelease(ApiKey key, short version, MessageLite body) {
        ByteBuf frame = RequestFrame.encode(frames, key, version, requestId++, body);
        try {
            return frame.getInt(0);
        } finally {
            frame.release();
        }
    }
}
