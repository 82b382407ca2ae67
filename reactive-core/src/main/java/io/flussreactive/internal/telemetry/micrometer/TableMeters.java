package io.flussreactive.internal.telemetry.micrometer;

import io.flussreactive.table.TablePath;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters of one table, shared by the writers, scans and lookups of the table. The client counts
 * their users and removes them from the registry when the last writer or scan of the table closes, so
 * that a long-lived client that goes over many tables keeps meters only for those in use (lookups are
 * kept for the life of the client, as the client keeps their batching). Each group is registered when the
 * table is first written, scanned or looked up.
 */
final class TableMeters {

    final TablePath path;
    final Tags tags;
    final MeterSet meters;
    /** Writers, scans and lookups of the table using these meters; guarded by the telemetry. */
    int users;
    /** Registered on first use; guarded by this. */
    private Write write;
    private Scan scan;

    TableMeters(TablePath path, MeterSet meters, Tags tags) {
        this.path = path;
        this.meters = meters;
        this.tags = tags.and("table", path.toString());
    }

    /** The meters of the table's writers (taken once per writer, not per record). */
    synchronized Write write() {
        if (write == null) {
            write = new Write();
        }
        return write;
    }

    /** The meters of the table's scans (taken once per scan subscription). */
    synchronized Scan scan() {
        if (scan == null) {
            scan = new Scan();
        }
        return scan;
    }

    /** Removes the table's meters from the registry. */
    void remove() {
        meters.removeAll();
    }

    /** What the writers of the table record. */
    final class Write {
        final Counter recordsSent = meters.add(Counter.builder("fluss.client.write.records.sent")
                .description("Records stored by the server (their batch acknowledged)")
                .tags(tags).register(meters.registry()));
        final Counter recordsFailed = meters.add(Counter.builder("fluss.client.write.records.failed")
                .description("Records of batches that failed for good")
                .tags(tags).register(meters.registry()));
        final Counter recordsRetried = meters.add(Counter.builder("fluss.client.write.records.retried")
                .description("Records of batches sent again after a failure")
                .tags(tags).register(meters.registry()));
        final DistributionSummary batchBytes = meters.add(DistributionSummary.builder("fluss.client.write.batch.bytes")
                .description("Encoded size of a batch when first sent")
                .baseUnit("bytes")
                .tags(tags).register(meters.registry()));
        final DistributionSummary batchRecords = meters.add(DistributionSummary.builder("fluss.client.write.batch.records")
                .description("Records of a batch when first sent")
                .tags(tags).register(meters.registry()));
        final Timer queueTime = meters.add(Timer.builder("fluss.client.write.batch.queue.time")
                .description("Time from opening a batch to sending it first")
                .tags(tags).register(meters.registry()));
    }

    /** What the scans of the table record. */
    final class Scan {
        /** The running scan subscriptions of the table, read by the gauges. */
        final Set<ScanMeters> running = ConcurrentHashMap.newKeySet();
        final Counter records = meters.add(Counter.builder("fluss.client.scan.records")
                .description("Records delivered by scans")
                .tags(tags).register(meters.registry()));
        final Counter bytes = meters.add(Counter.builder("fluss.client.scan.bytes")
                .description("Arrow memory of the batches delivered by scans")
                .baseUnit("bytes")
                .tags(tags).register(meters.registry()));
        final Counter fetchesWithRecords = fetches(false);
        final Counter emptyFetches = fetches(true);

        Scan() {
            meters.add(Gauge.builder("fluss.client.scan.lag", running, Scan::largestLag)
                    .description("Records between where a running scan reads and the high watermarks of its buckets; "
                            + "the largest over the table's running scans")
                    .baseUnit("records")
                    .tags(tags).register(meters.registry()));
            meters.add(Gauge.builder("fluss.client.scan.prefetch.bytes", running, Scan::prefetchHeld)
                    .description("Arrow memory the table's running scans hold ahead of their subscribers")
                    .baseUnit("bytes")
                    .tags(tags).register(meters.registry()));
        }

        private Counter fetches(boolean empty) {
            return meters.add(Counter.builder("fluss.client.scan.fetches")
                    .description("Fetch requests of scans answered; empty: whether no bucket asked for got records")
                    .tags(tags).tag("empty", Boolean.toString(empty)).register(meters.registry()));
        }

        private static double largestLag(Set<ScanMeters> scans) {
            long largest = 0;
            for (ScanMeters scan : scans) {
                largest = Math.max(largest, scan.lag());
            }
            return largest;
        }

        private static double prefetchHeld(Set<ScanMeters> scans) {
            long sum = 0;
            for (ScanMeters scan : scans) {
                sum += scan.prefetchBytes();
            }
            return sum;
        }
    }
}
