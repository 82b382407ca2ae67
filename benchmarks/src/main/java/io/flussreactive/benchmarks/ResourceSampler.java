package io.flussreactive.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Watches this JVM while a workload runs: CPU time used, and the peaks of heap in use and of native
 * memory outside the heap, sampled every 10 ms.
 *
 * <p>Native memory is what Native Memory Tracking files under "Other": every direct ByteBuffer and
 * every {@code Unsafe.allocateMemory} block, which is where Netty's and Arrow's direct buffers live in
 * either client. It needs {@code -XX:NativeMemoryTracking=summary}; without it the peak reads -1.
 * Memory allocated by native libraries with their own malloc (zstd contexts) is not seen.
 */
public final class ResourceSampler implements AutoCloseable {

    private static final Pattern OTHER_COMMITTED = Pattern.compile("Other \\(reserved=\\d+KB, committed=(\\d+)KB\\)");

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final long startCpuNanos;
    private final Thread thread;
    private volatile long peakHeapBytes;
    private volatile long peakNativeBytes = -1;

    private ResourceSampler() {
        this.startCpuNanos = os.getProcessCpuTime();
        this.thread = new Thread(this::sample, "resource-sampler");
        thread.setDaemon(true);
        sampleOnce();
        thread.start();
    }

    /**
     * Starts sampling.
     *
     * @return a sampler to close when the workload ends
     */
    public static ResourceSampler start() {
        return new ResourceSampler();
    }

    private void sample() {
        while (running.get()) {
            sampleOnce();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sampleOnce() {
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        if (heap > peakHeapBytes) {
            peakHeapBytes = heap;
        }
        long nativeBytes = nativeOtherBytes();
        if (nativeBytes > peakNativeBytes) {
            peakNativeBytes = nativeBytes;
        }
    }

    private long nativeOtherBytes() {
        try {
            String summary = (String) server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "vmNativeMemory", new Object[] {new String[] {"summary"}},
                    new String[] {String[].class.getName()});
            Matcher matcher = OTHER_COMMITTED.matcher(summary);
            return matcher.find() ? Long.parseLong(matcher.group(1)) * 1024 : -1;
        } catch (Exception | LinkageError e) {
            return -1;
        }
    }

    /**
     * Returns the CPU time this JVM used since the sampler started, all threads together.
     *
     * @return seconds
     */
    public double cpuSeconds() {
        return (os.getProcessCpuTime() - startCpuNanos) / 1e9;
    }

    /**
     * Returns the most heap seen in use.
     *
     * @return bytes
     */
    public long peakHeapBytes() {
        return peakHeapBytes;
    }

    /**
     * Returns the most native "Other" memory seen, or -1 when Native Memory Tracking is off.
     *
     * @return bytes
     */
    public long peakNativeBytes() {
        return peakNativeBytes;
    }

    /** Stops sampling after one last sample. */
    @Override
    public void close() {
        running.set(false);
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sampleOnce();
    }
}
