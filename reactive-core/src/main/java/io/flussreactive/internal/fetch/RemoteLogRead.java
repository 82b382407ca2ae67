package io.flussreactive.internal.fetch;

import io.flussreactive.internal.proto.PbRemoteLogFetchInfo;
import io.flussreactive.internal.proto.PbRemoteLogSegment;
import io.flussreactive.internal.record.LogBatchIterator;
import io.flussreactive.internal.storage.RemoteFileSystems;
import io.flussreactive.internal.util.SerialExecutor;
import io.flussreactive.storage.RemoteStorageException;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/**
 * Reads the tiered (remote) log segments that a fetch answer pointed one bucket to, one chunk at a
 * time and only when asked, and cuts the bytes into whole log batches for decoding.
 *
 * <p>Segments are read one after the other, the first from the byte position the server named, the
 * others from their start. Chunks need not end on a batch boundary: the bytes after the last whole
 * batch of a chunk are kept until the following chunks complete that batch, so a batch larger than a
 * chunk (or than a fetch's per-bucket limit) is read as well. At most one chunk is asked for at a
 * time. The bytes kept are counted against the scan's {@link PrefetchBudget} until they are cut off
 * as whole batches. Everything but the file system's own work runs on the subscription's executor.
 */
final class RemoteLogRead {

    /** What the read hands back, on the subscription's executor. */
    interface Output {

        /** Whole log batches, in offset order, to be decoded. */
        void records(ByteBuffer records);

        /** Every segment was read: the bucket goes on from {@code nextOffset} on its tablet server. */
        void finished(long nextOffset);

        /** A segment could not be read: the scan fails. */
        void failed(Throwable error);

        /** A chunk arrived (whether or not it completed a batch): more may be asked for. */
        void chunkArrived();
    }

    /**
     * One segment file to read.
     *
     * @param file where it is
     * @param position the first byte to read
     * @param endOffset the offset after its last record (where the next segment, remote or local, starts)
     */
    record SegmentFile(URI file, long position, long endOffset) {
    }

    private final List<SegmentFile> segments;
    private final BiFunction<URI, Long, Flux<ByteBuffer>> files;
    private final SerialExecutor serial;
    private final PrefetchBudget budget;
    private final Output output;
    /** The index of the segment being read. */
    private int current;
    /** The read of the current segment, or null before it started. */
    private ChunkSubscriber reader;
    /** Bytes read after the last whole batch handed on. */
    private ByteBuffer partial = ByteBuffer.allocate(0);
    private boolean chunkAsked;
    private boolean over;

    /**
     * @param segments the files to read, in offset order
     * @param files reads a file from a position, under demand
     * @param serial the subscription's executor
     * @param budget where the bytes kept are counted
     * @param output where batches, the end and failures go
     */
    RemoteLogRead(List<SegmentFile> segments, BiFunction<URI, Long, Flux<ByteBuffer>> files, SerialExecutor serial,
            PrefetchBudget budget, Output output) {
        this.segments = List.copyOf(segments);
        this.files = files;
        this.serial = serial;
        this.budget = budget;
        this.output = output;
    }

    /** The files of the segments a fetch answer named, in order. */
    static List<SegmentFile> segmentsOf(PbRemoteLogFetchInfo info) {
        String dir = info.getRemoteLogTabletDir();
        if (dir.endsWith("/")) {
            dir = dir.substring(0, dir.length() - 1);
        }
        List<SegmentFile> files = new ArrayList<>(info.getRemoteLogSegmentsCount());
        for (int i = 0; i < info.getRemoteLogSegmentsCount(); i++) {
            PbRemoteLogSegment segment = info.getRemoteLogSegments(i);
            String location = dir + "/" + segment.getRemoteLogSegmentId() + "/"
                    + String.format(Locale.ROOT, "%020d", segment.getRemoteLogStartOffset()) + ".log";
            long position = i == 0 && info.hasFirstStartPos() ? info.getFirstStartPos() : 0;
            files.add(new SegmentFile(RemoteFileSystems.uriOf(location), position, segment.getRemoteLogEndOffset()));
        }
        return files;
    }

    /** Whether a chunk was asked for and has not arrived. */
    boolean isReading() {
        return chunkAsked;
    }

    /**
     * Whether bytes of a batch not read whole yet are kept: reading on is needed to hand on anything,
     * whatever the budget says.
     */
    boolean holdsPartialBatch() {
        return partial.hasRemaining();
    }

    /** Asks for the next chunk; does nothing while one is on its way or after the end. */
    void readChunk() {
        if (chunkAsked || over) {
            return;
        }
        if (current >= segments.size()) {
            finish();
            return;
        }
        chunkAsked = true;
        if (reader == null) {
            SegmentFile segment = segments.get(current);
            reader = new ChunkSubscriber(segment);
            files.apply(segment.file(), segment.position()).subscribe(reader);
        } else {
            reader.askOne();
        }
    }

    /** Stops reading: the file system's read is cancelled and the bytes kept are given up. */
    void cancel() {
        if (over) {
            return;
        }
        over = true;
        if (reader != null) {
            reader.dispose();
            reader = null;
        }
        dropPartial();
    }

    private void onChunk(ChunkSubscriber from, ByteBuffer chunk) {
        if (over || from != reader) {
            return;
        }
        chunkAsked = false;
        ByteBuffer bytes = partial.hasRemaining() ? joined(partial, chunk) : chunk;
        int whole;
        try {
            whole = wholeBatchBytes(bytes);
        } catch (RuntimeException corrupt) {
            fail(corrupt);
            return;
        }
        budget.remoteHeld(-partial.remaining());
        if (whole > 0) {
            output.records(bytes.slice(bytes.position(), whole));
        }
        partial = bytes.slice(bytes.position() + whole, bytes.remaining() - whole);
        budget.remoteHeld(partial.remaining());
        output.chunkArrived();
    }

    private void onSegmentEnd(ChunkSubscriber from) {
        if (over || from != reader) {
            return;
        }
        chunkAsked = false;
        SegmentFile segment = segments.get(current);
        if (partial.hasRemaining()) {
            fail(new RemoteStorageException(segment.file(), "The log segment ends within a log batch ("
                    + partial.remaining() + " bytes left over)", null));
            return;
        }
        reader = null;
        current++;
        if (current >= segments.size()) {
            finish();
        } else {
            output.chunkArrived();
        }
    }

    private void onError(ChunkSubscriber from, Throwable error) {
        if (over || from != reader) {
            return;
        }
        URI file = segments.get(current).file();
        fail(error instanceof RemoteStorageException ? error
                : new RemoteStorageException(file, "Could not read the tiered log segment", error));
    }

    private void finish() {
        over = true;
        dropPartial();
        output.finished(segments.isEmpty() ? -1 : segments.get(segments.size() - 1).endOffset());
    }

    private void fail(Throwable error) {
        cancel();
        output.failed(error);
    }

    private void dropPartial() {
        budget.remoteHeld(-partial.remaining());
        partial = ByteBuffer.allocate(0);
    }

    /** The bytes of the whole batches at the start of {@code bytes}. */
    private static int wholeBatchBytes(ByteBuffer bytes) {
        LogBatchIterator batches = new LogBatchIterator(Unpooled.wrappedBuffer(bytes.duplicate()));
        while (batches.hasNext()) {
            batches.next();
        }
        return batches.bytesWalked();
    }

    private static ByteBuffer joined(ByteBuffer head, ByteBuffer tail) {
        ByteBuffer joined = ByteBuffer.allocate(head.remaining() + tail.remaining());
        joined.put(head.duplicate()).put(tail.duplicate());
        return joined.flip();
    }

    /**
     * Receives the chunks of one segment file, one per request, and hands them to the executor. The
     * subscription may arrive after the first chunk was asked for: that request is made then.
     */
    private final class ChunkSubscriber extends BaseSubscriber<ByteBuffer> {

        private final SegmentFile segment;
        private Subscription upstream;
        private boolean askedEarly;

        ChunkSubscriber(SegmentFile segment) {
            this.segment = segment;
            this.askedEarly = true;
        }

        /** On the executor. */
        void askOne() {
            if (upstream == null) {
                askedEarly = true;
            } else {
                upstream.request(1);
            }
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            serial.execute(() -> {
                upstream = subscription;
                if (askedEarly) {
                    askedEarly = false;
                    subscription.request(1);
                }
            });
        }

        @Override
        protected void hookOnNext(ByteBuffer chunk) {
            serial.execute(() -> onChunk(this, chunk));
        }

        @Override
        protected void hookOnComplete() {
            serial.execute(() -> onSegmentEnd(this));
        }

        @Override
        protected void hookOnError(Throwable error) {
            serial.execute(() -> RemoteLogRead.this.onError(this, error));
        }

        @Override
        public String toString() {
            return "read of " + segment.file();
        }
    }
}
