package io.flussreactive.test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Makes Netty buffer leaks fail tests instead of only being logged.
 *
 * <p>{@link #install()} replaces Netty's leak detector factory with one whose detectors remember
 * every leak they report, and turns detection to {@code PARANOID} (every buffer tracked). It must
 * run before Netty creates its first buffer, which is why {@link NettyLeakDetectionSessionListener}
 * calls it when the test session opens. {@link #assertNoLeaks()} then collects garbage, lets the
 * detectors look at what was collected, and fails with the allocation records of every leaked
 * buffer; {@link NettyLeakCheckExtension} calls it after each test class.
 *
 * <p>Netty notices a leak only when a buffer that was never released is garbage collected and a
 * later allocation polls the detector, so a leak may surface a class or two after the test that
 * caused it; the records name the allocation site.
 */
public final class NettyLeakDetection {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    private NettyLeakDetection() {
    }

    /** Installs the recording detectors; later calls do nothing. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
        installed = true;
    }

    /** Whether {@link #install()} ran in this JVM. */
    public static boolean isInstalled() {
        return installed;
    }

    /**
     * Collects garbage and fails when Netty reported any leak since the last check.
     *
     * @throws AssertionError listing each leak's records
     */
    public static void assertNoLeaks() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            sleepQuietly(20);
            // Allocating is what makes Netty look at the buffers collected since its last look.
            for (int i = 0; i < 16; i++) {
                ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(1);
                probe.release();
            }
        }
        List<String> found = drain();
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " Netty buffer(s) leaked (never released):\n"
                    + String.join("\n----\n", found));
        }
    }

    /** Returns and forgets the leaks reported so far. */
    public static List<String> drain() {
        List<String> found = new ArrayList<>(LEAKS);
        LEAKS.removeAll(found);
        return found;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Creates detectors that remember what they report. */
    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    /** A detector that remembers each leak and still logs it as Netty does. */
    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            // Report whatever the logger's level, so a quiet test log still fails the test.
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.add(resourceType + " leaked; records:" + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            LEAKS.add(resourceType + " leaked (no records)");
            super.reportUntracedLeak(resourceType);
        }
    }
}
