package io.flussreactive.internal.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.flussreactive.internal.proto.PbProduceLogReqForBucket;
import io.flussreactive.internal.proto.PbPutKvReqForBucket;
import io.flussreactive.internal.proto.ProduceLogRequest;
import io.flussreactive.internal.proto.PutKvRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Request frames: header, body, and record batches that go in by reference. */
class RequestFrameTest {

    private static final PooledByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

    private final List<ByteBuf> batches = new ArrayList<>();

    @AfterEach
    void releaseBatches() {
        batches.forEach(ByteBuf::release);
    }

    @Test
    void aProduceFrameWithBatchesByReferenceIsByteForByteWhatProtobufWrites() {
        ByteBuf first = batch(3 * 1024 * 1024, 1);
        ByteBuf second = batch(200, 2);
        ProduceLogRequest whole = ProduceLogRequest.newBuilder()
                .setAcks(-1)
                .setTableId(17)
                .setTimeoutMs(30_000)
                .addBucketsReq(PbProduceLogReqForBucket.newBuilder().setBucketId(0).setRecords(copyOf(first)))
                .addBucketsReq(PbProduceLogReqForBucket.newBuilder().setPartitionId(9).setBucketId(2).setRecords(copyOf(second)))
                .build();
        RecordsMessage<ProduceLogRequest> spliced = new RecordsMessage<>(
                ProduceLogRequest.newBuilder().setAcks(-1).setTableId(17).setTimeoutMs(30_000).build(),
                ProduceLogRequest.BUCKETS_REQ_FIELD_NUMBER, PbProduceLogReqForBucket.RECORDS_FIELD_NUMBER)
                .add(PbProduceLogReqForBucket.newBuilder().setBucketId(0).buildPartial(), first)
                .add(PbProduceLogReqForBucket.newBuilder().setPartitionId(9).setBucketId(2).buildPartial(), second);

        ByteBuf expected = RequestFrame.encode(ALLOCATOR, ApiKey.PRODUCE_LOG, (short) 0, 42, whole);
        ByteBuf frame = RequestFrame.encode(ALLOCATOR, ApiKey.PRODUCE_LOG, (short) 0, 42, spliced);
        try {
            assertThat(frame.readableBytes()).isEqualTo(expected.readableBytes());
            assertThat(ByteBufUtil.equals(frame, expected)).as("same bytes as protobuf's own serialization").isTrue();
        } finally {
            expected.release();
            frame.release();
        }
    }

    /** Fields after the entries (here none) and fields in any order still make the same message. */
    @Test
    void aPutKvFrameWithBatchesByReferenceReadsAsTheSameMessage() throws Exception {
        ByteBuf records = batch(70_000, 3);
        PutKvRequest.Builder head = PutKvRequest.newBuilder()
                .setAcks(1)
                .setTableId(5)
                .setTimeoutMs(1_000)
                .addTargetColumns(0)
                .addTargetColumns(2)
                .setAggMode(1);
        PutKvRequest whole = head.clone()
                .addBucketsReq(PbPutKvReqForBucket.newBuilder().setBucketId(4).setRecords(copyOf(records)))
                .build();
        RecordsMessage<PutKvRequest> spliced = new RecordsMessage<>(head.build(),
                PutKvRequest.BUCKETS_REQ_FIELD_NUMBER, PbPutKvReqForBucket.RECORDS_FIELD_NUMBER)
                .add(PbPutKvReqForBucket.newBuilder().setBucketId(4).buildPartial(), records);

        ByteBuf frame = RequestFrame.encode(ALLOCATOR, ApiKey.PUT_KV, (short) 0, 7, spliced);
        try {
            assertThat(frame.readInt()).as("frame length").isEqualTo(frame.readableBytes());
            assertThat(frame.readShort()).isEqualTo(ApiKey.PUT_KV.id());
            assertThat(frame.readShort()).isZero();
            assertThat(frame.readInt()).as("request id").isEqualTo(7);
            assertThat(PutKvRequest.parseFrom(ByteBufUtil.getBytes(frame))).isEqualTo(whole);
        } finally {
            frame.release();
        }
    }

    /** The frame holds the batch's memory, not a copy of it, until the frame is released. */
    @Test
    void aBatchGoesIntoTheFrameByReferenceAndIsHeldUntilTheFrameIsReleased() {
        ByteBuf records = batch(1024 * 1024, 4);
        RecordsMessage<ProduceLogRequest> spliced = new RecordsMessage<>(
                ProduceLogRequest.newBuilder().setAcks(1).setTableId(1).setTimeoutMs(1).build(),
                ProduceLogRequest.BUCKETS_REQ_FIELD_NUMBER, PbProduceLogReqForBucket.RECORDS_FIELD_NUMBER)
                .add(PbProduceLogReqForBucket.newBuilder().setBucketId(0).buildPartial(), records);

        ByteBuf frame = RequestFrame.encode(ALLOCATOR, ApiKey.PRODUCE_LOG, (short) 0, 1, spliced);

        assertThat(records.refCnt()).as("references to the batch while the frame lives").isEqualTo(2);
        // What the frame sends is what the batch holds now.
        records.setByte(records.readerIndex() + 10, 99);
        assertThat(frame.getByte(frame.readableBytes() - records.readableBytes() + 10)).isEqualTo((byte) 99);
        frame.release();
        assertThat(records.refCnt()).as("references to the batch after the frame is released").isEqualTo(1);
    }

    private ByteBuf batch(int size, int fill) {
        ByteBuf batch = ALLOCATOR.directBuffer(size + 16);
        // A batch need not start at index 0 of its buffer.
        batch.writeZero(16).readerIndex(16);
        byte[] content = new byte[size];
        for (int i = 0; i < size; i++) {
            content[i] = (byte) (fill + i);
        }
        batch.writeBytes(content);
        batches.add(batch);
        return batch;
    }

    private static ByteString copyOf(ByteBuf batch) {
        return ByteString.copyFrom(ByteBufUtil.getBytes(batch));
    }
}
