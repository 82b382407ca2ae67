package io.flussreactive.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.internal.record.LogBatchHeader;
import io.flussreactive.internal.record.LogBatchIterator;
import io.flussreactive.internal.util.SerialExecutor;
import io.flussreactive.storage.RemoteStorageException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

/**
 * Reading tiered segments in chunks of any size hands on whole batches only, all of them and in
 * order, from the first segment's start position on, and ends at the last segment's end offset.
 */
class RemoteLogReadTest {

    private static final URI FIRST = URI.create("file:/remote/a/00000000000000000000.log");
    private static final URI SECOND = URI.create("file:/remote/b/00000000000000000004.log");

    private final SerialExecutor serial = new SerialExecutor();
    private final PrefetchBudget budget = new PrefetchBudget(1 << 20, 1 << 20);
    private final Map<URI, byte[]> files = new HashMap<>();
    private final Recorder output = new Recorder();

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 48, 100, 999, 1 << 16})
    void handsOnEveryBatchWholeAndInOrderWhateverTheChunkSize(int chunkBytes) {
        byte[] first = batches(0, 60, 300, 1000, 52);
        byte[] second = batches(4, 2000, 100);
        files.put(FIRST, first);
        files.put(SECOND, second);
        int firstStart = 60;
        RemoteLogRead read = read(chunkBytes, List.of(
                new RemoteLogRead.SegmentFile(FIRST, firstStart, 4),
                new RemoteLogRead.SegmentFile(SECOND, 0, 6)));

        serial.execute(read::readChunk);

        assertThat(output.failure).isNull();
        assertThat(output.finishedAt).isEqualTo(6);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(first, firstStart, first.length - firstStart);
        expected.writeBytes(second);
        assertThat(concat(output.records)).isEqualTo(expected.toByteArray());
        for (ByteBuffer records : output.records) {
            LogBatchIterator batches = new LogBatchIterator(Unpooled.wrappedBuffer(records.duplicate()));
            while (batches.hasNext()) {
                batches.next();
            }
            assertThat(batches.bytesWalked()).as("whole batches only").isEqualTo(records.remaining());
        }
        assertThat(budget.used()).as("bytes kept once every batch was handed on").isZero();
    }

    @Test
    void aSegmentEndingWithinABatchFailsTheReadNamingTheFile() {
        byte[] whole = batches(0, 100, 200);
        files.put(FIRST, Arrays.copyOf(whole, whole.length - 10));
        RemoteLogRead read = read(64, List.of(new RemoteLogRead.SegmentFile(FIRST, 0, 2)));

        serial.execute(read::readChunk);

        assertThat(output.failure).isInstanceOf(RemoteStorageException.class)
                .hasMessageContaining(FIRST.toString());
        assertThat(output.finishedAt).isNull();
        assertThat(budget.used()).isZero();
    }

    @Test
    void cancellingStopsTheFileSystemReadAndGivesUpTheBytesKept() {
        files.put(FIRST, batches(0, 5000));
        AtomicBoolean cancelled = new AtomicBoolean();
        output.readOn = false;
        RemoteLogRead read = new RemoteLogRead(List.of(new RemoteLogRead.SegmentFile(FIRST, 0, 1)),
                (file, position) -> chunks(files.get(file), position.intValue(), 1000)
                        .doOnCancel(() -> cancelled.set(true)),
                serial, budget, output);

        serial.execute(read::readChunk);
        assertThat(budget.used()).as("a partial batch kept").isEqualTo(1000);
        assertThat(read.holdsPartialBatch()).isTrue();
        serial.execute(read::cancel);

        assertThat(cancelled).isTrue();
        assertThat(budget.used()).isZero();
        assertThat(output.records).isEmpty();
    }

    private RemoteLogRead read(int chunkBytes, List<RemoteLogRead.SegmentFile> segments) {
        RemoteLogRead read = new RemoteLogRead(segments,
                (file, position) -> chunks(files.get(file), position.intValue(), chunkBytes), serial, budget, output);
        output.read = read;
        return read;
    }

    private static Flux<ByteBuffer> chunks(byte[] file, int from, int chunkBytes) {
        List<ByteBuffer> chunks = new ArrayList<>();
        for (int at = from; at < file.length; at += chunkBytes) {
            chunks.add(ByteBuffer.wrap(Arrays.copyOfRange(file, at, Math.min(file.length, at + chunkBytes))));
        }
        return Flux.fromIterable(chunks);
    }

    /** Batches of one record each, of these sizes, with offsets from {@code baseOffset} on. */
    private static byte[] batches(long baseOffset, int... sizes) {
        ByteBuf bytes = Unpooled.buffer();
        long offset = baseOffset;
        for (int size : sizes) {
            int at = bytes.writerIndex();
            bytes.writeZero(size);
            LogBatchHeader.writeV0(bytes, at, size, 1, true, 1, LogBatchHeader.NO_WRITER_ID,
                    LogBatchHeader.NO_BATCH_SEQUENCE);
            bytes.setLongLE(at, offset++);
        }
        byte[] array = new byte[bytes.readableBytes()];
        bytes.readBytes(array);
        return array;
    }

    private static byte[] concat(List<ByteBuffer> buffers) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (ByteBuffer buffer : buffers) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            all.writeBytes(bytes);
        }
        return all.toByteArray();
    }

    /** Keeps what the read hands on and, as a scan with endless demand does, asks for the next chunk. */
    private static final class Recorder implements RemoteLogRead.Output {
        final List<ByteBuffer> records = new ArrayList<>();
        Long finishedAt;
        Throwable failure;
        RemoteLogRead read;
        boolean readOn = true;

        @Override
        public void records(ByteBuffer batches) {
            records.add(batches);
        }

        @Override
        public void finished(long nextOffset) {
            finishedAt = nextOffset;
        }

        @Override
        public void failed(Throwable error) {
            failure = error;
        }

        @Override
        public void chunkArrived() {
            if (readOn) {
                read.readChunk();
            }
        }
    }
}
