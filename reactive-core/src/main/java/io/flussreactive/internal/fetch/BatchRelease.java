package io.flussreactive.internal.fetch;

import io.flussreactive.scan.RecordBatch;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Frees the memory of one scanned batch exactly once: when the batch is closed, or else when the
 * garbage collector finds that the application dropped it without closing it.
 *
 * <p>Reactor operators drop the elements they queued when they are cancelled ({@code publishOn},
 * {@code flatMap}, {@code delayElements}), calling a discard hook only where the application placed
 * one downstream, which the client cannot do for it. So besides {@link RecordBatch#close()}, the batch,
 * its root and every one of its vectors are watched by a {@link Cleaner}: once all of them are
 * unreachable (a row view or a column kept by the application keeps the memory alive), the batch's
 * buffers are released and the scan is told, which logs it. What the cleaner holds must not reach any
 * of the watched objects, or they would never become unreachable: it holds the buffers themselves,
 * which refer to their allocator only.
 */
final class BatchRelease implements Runnable {

    /** One daemon thread for every scan of the JVM; its actions only release buffers. */
    private static final Cleaner CLEANER = Cleaner.create();

    private final VectorSchemaRoot root;
    private final Unclosed unclosed;
    private final List<Cleaner.Cleanable> watches = new ArrayList<>();

    /**
     * @param root the batch's columns, freed by {@link #run()}
     * @param memory the scan's memory, told when the batch's memory is freed
     * @param what the batch, for the log line when the application drops it unclosed
     */
    BatchRelease(VectorSchemaRoot root, ScanMemory memory, String what) {
        this.root = root;
        this.unclosed = new Unclosed(buffersOf(root), memory, what);
    }

    /**
     * Starts watching the batch this release belongs to, with its root and vectors. Called once, right
     * after the batch is made, before anyone else can see it.
     */
    void watch(RecordBatch batch) {
        List<Object> watched = new ArrayList<>();
        watched.add(batch);
        watched.add(root);
        for (FieldVector vector : root.getFieldVectors()) {
            addWithChildren(vector, watched);
        }
        unclosed.reachable.set(watched.size());
        for (Object object : watched) {
            watches.add(CLEANER.register(object, unclosed::foundUnreachable));
        }
    }

    /** The batch was closed: frees its memory now and stops watching it. */
    @Override
    public void run() {
        if (unclosed.claim()) {
            root.close();
            unclosed.memory.batchClosed();
        }
        // Each cleanable runs its action at most once; after the claim, the actions do nothing.
        watches.forEach(Cleaner.Cleanable::clean);
    }

    private static void addWithChildren(FieldVector vector, List<Object> watched) {
        watched.add(vector);
        for (FieldVector child : vector.getChildrenFromFields()) {
            addWithChildren(child, watched);
        }
    }

    /** Every buffer the root's vectors hold, each once (one reference each). */
    private static List<ArrowBuf> buffersOf(VectorSchemaRoot root) {
        Map<ArrowBuf, Boolean> buffers = new IdentityHashMap<>();
        for (FieldVector vector : root.getFieldVectors()) {
            collectBuffers(vector, buffers);
        }
        return new ArrayList<>(buffers.keySet());
    }

    private static void collectBuffers(FieldVector vector, Map<ArrowBuf, Boolean> buffers) {
        for (ArrowBuf buffer : vector.getFieldBuffers()) {
            buffers.put(buffer, Boolean.TRUE);
        }
        for (FieldVector child : vector.getChildrenFromFields()) {
            collectBuffers(child, buffers);
        }
    }

    /**
     * What the cleaner keeps of a batch: its buffers, never the batch, root or vectors, and how many of
     * those are still reachable.
     */
    private static final class Unclosed {
        final List<ArrowBuf> buffers;
        final ScanMemory memory;
        final String what;
        final AtomicInteger reachable = new AtomicInteger();
        final AtomicBoolean freed = new AtomicBoolean();

        Unclosed(List<ArrowBuf> buffers, ScanMemory memory, String what) {
            this.buffers = buffers;
            this.memory = memory;
            this.what = what;
        }

        /** Whether the caller is the one that frees the memory. */
        boolean claim() {
            return freed.compareAndSet(false, true);
        }

        /** On the cleaner's thread: one of the watched objects became unreachable. */
        void foundUnreachable() {
            if (reachable.decrementAndGet() == 0 && claim()) {
                for (ArrowBuf buffer : buffers) {
                    buffer.getReferenceManager().release();
                }
                memory.batchDroppedUnclosed(what);
                memory.batchClosed();
            }
        }
    }
}
