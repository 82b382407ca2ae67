package io.flussreactive.internal.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.flussreactive.internal.proto.FetchLogResponse;
import io.flussreactive.internal.proto.PbFetchLogRespForBucket;
import io.flussreactive.internal.proto.PbFetchLogRespForTable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** How response bodies become protobuf messages. */
class ApiMethodTest {

    /**
     * The records of a fetch are not copied out of protobuf's own copy of the frame, so they must not
     * be tied to the frame's buffer either: the transport releases and reuses it once decoded.
     */
    @Test
    void bytesOfADecodedResponseOutliveTheFrameBufferTheyCameFrom() throws Exception {
        byte[] records = new byte[3 * 1024 * 1024];
        Arrays.fill(records, (byte) 7);
        FetchLogResponse sent = FetchLogResponse.newBuilder()
                .addTablesResp(PbFetchLogRespForTable.newBuilder()
                        .setTableId(5)
                        .addBucketsResp(PbFetchLogRespForBucket.newBuilder()
                                .setBucketId(2)
                                .setHighWatermark(99)
                                .setRecords(ByteString.copyFrom(records))))
                .build();
        ByteBuf frame = PooledByteBufAllocator.DEFAULT.directBuffer();
        frame.writeBytes(sent.toByteArray());

        FetchLogResponse received = ApiMethods.FETCH_LOG.decoder().decode(frame);
        // What the transport does with the frame afterwards: overwrite it, release it.
        frame.setZero(0, frame.writerIndex());
        frame.release();

        PbFetchLogRespForBucket bucket = received.getTablesResp(0).getBucketsResp(0);
        assertThat(bucket.getBucketId()).isEqualTo(2);
        assertThat(bucket.getHighWatermark()).isEqualTo(99);
        ByteBuffer read = bucket.getRecords().asReadOnlyByteBuffer();
        byte[] copy = new byte[read.remaining()];
        read.get(copy);
        assertThat(copy).isEqualTo(records);
    }
}
