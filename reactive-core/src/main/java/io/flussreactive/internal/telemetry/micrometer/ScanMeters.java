package io.flussreactive.internal.telemetry.micrometer;

import io.flussreactive.internal.telemetry.ScanTelemetry;
import java.util.concurrent.atomic.AtomicBoolean;

/** What one scan subscription records, into the meters of its table. */
final class ScanMeters implements ScanTelemetry {

    private final TableMeters.Scan meters;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Written by the subscription's executor, read by the gauges. */
    private volatile long prefetchBytes;
    private volatile long lag;

    /**
     * @param meters the table's scan meters
     * @param release gives up this subscription's use of the table's meters
     */
    ScanMeters(TableMeters.Scan meters, Runnable release) {
        this.meters = meters;
        this.release = release;
        meters.running.add(this);
    }

    @Override
    public void delivered(int records, long bytes) {
        meters.records.increment(records);
        meters.bytes.increment(bytes);
    }

    @Override
    public void fetched(boolean empty) {
        (empty ? meters.emptyFetches : meters.fetchesWithRecords).increment();
    }

    @Override
    public void state(long prefetchBytes, long lag) {
        this.prefetchBytes = prefetchBytes;
        this.lag = lag;
    }

    long prefetchBytes() {
        return prefetchBytes;
    }

    long lag() {
        return lag;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            meters.running.remove(this);
            release.run();
        }
    }
}
