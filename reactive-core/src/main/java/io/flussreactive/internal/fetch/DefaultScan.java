package io.flussreactive.internal.fetch;

import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.ClientContext;
import io.flussreactive.row.GenericRow;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.scan.Scan;
import io.flussreactive.scan.ScanOptions;
import io.flussreactive.scan.ScanPosition;
import io.flussreactive.scan.ScanRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A {@link Scan}: what to read, kept until {@link #batches()} makes the flux that reads it. */
public final class DefaultScan implements Scan {

    private final ClientContext context;
    private final TableInfo table;
    private final int[] projection;
    private final OffsetSpec start;
    private final Set<Integer> buckets;
    private final List<String> partitions;
    /** Where the scan ends: null for a scan without end. */
    private final ScanPosition until;
    private final ScanOptions options;
    private final ScanPosition resumeFrom;
    private final SnapshotStart snapshot;

    /** Whether buckets start with their KV snapshot, and whether their changelog follows it. */
    private enum SnapshotStart {
        /** The log only, from {@link #start}. */
        NONE,
        /** The snapshot, then the changelog from where the snapshot was taken. */
        THEN_CHANGELOG,
        /** The snapshot only. */
        ONLY
    }

    private DefaultScan(ClientContext context, TableInfo table, int[] projection, OffsetSpec start, Set<Integer> buckets,
            List<String> partitions, ScanPosition until, ScanOptions options, ScanPosition resumeFrom,
            SnapshotStart snapshot) {
        this.context = context;
        this.table = table;
        this.projection = projection;
        this.start = start;
        this.buckets = buckets;
        this.partitions = partitions;
        this.until = until;
        this.options = options;
        this.resumeFrom = resumeFrom;
        this.snapshot = snapshot;
    }

    /**
     * A scan of every column and bucket from the earliest offset, unbounded. Applications get scans from
     * {@link io.flussreactive.table.FlussTable#scan()}.
     *
     * @param context the client's shared parts
     * @param table the table
     * @return the scan
     */
    public static Scan of(ClientContext context, TableInfo table) {
        return new DefaultScan(context, table, null, OffsetSpec.earliest(), null, null, null, context.options().scanDefaults(),
                ScanPosition.none(), SnapshotStart.NONE);
    }

    @Override
    public Scan project(String... columns) {
        List<String> names = table.rowType().fieldNames();
        int[] positions = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            positions[i] = names.indexOf(columns[i]);
            if (positions[i] < 0) {
                throw new IllegalArgumentException("Table " + table.tablePath() + " has no column '" + columns[i]
                        + "'; its columns are " + names);
            }
        }
        return project(positions);
    }

    @Override
    public Scan project(int... positions) {
        int width = table.rowType().fieldCount();
        Set<Integer> seen = new TreeSet<>();
        for (int position : positions) {
            if (position < 0 || position >= width) {
                throw new IllegalArgumentException("Column position " + position + " is outside 0.." + (width - 1)
                        + " of table " + table.tablePath());
            }
            if (!seen.add(position)) {
                throw new IllegalArgumentException("Column position " + position + " is projected twice");
            }
        }
        if (positions.length == 0) {
            throw new IllegalArgumentException("A projection needs at least one column");
        }
        return new DefaultScan(context, table, positions.clone(), start, buckets, partitions, until, options, resumeFrom, snapshot);
    }

    @Override
    public Scan from(OffsetSpec start) {
        return new DefaultScan(context, table, projection, Objects.requireNonNull(start, "start"), buckets, partitions,
                until, options, resumeFrom, SnapshotStart.NONE);
    }

    @Override
    public Scan fromSnapshot() {
        return withSnapshot(SnapshotStart.THEN_CHANGELOG);
    }

    @Override
    public Scan snapshotOnly() {
        return withSnapshot(SnapshotStart.ONLY);
    }

    private Scan withSnapshot(SnapshotStart mode) {
        if (!table.hasPrimaryKey()) {
            throw new IllegalArgumentException("Table " + table.tablePath() + " has no primary key, so no KV snapshot");
        }
        // Buckets without a snapshot have their whole changelog still: it is read from its start.
        return new DefaultScan(context, table, projection, OffsetSpec.earliest(), buckets, partitions, until, options,
                resumeFrom, mode);
    }

    @Override
    public Scan buckets(Integer... bucketIds) {
        Set<Integer> chosen = new TreeSet<>(Arrays.asList(bucketIds));
        for (int bucket : chosen) {
            if (bucket < 0 || bucket >= table.numBuckets()) {
                throw new IllegalArgumentException("Table " + table.tablePath() + " has buckets 0.."
                        + (table.numBuckets() - 1) + "; there is no bucket " + bucket);
            }
        }
        return new DefaultScan(context, table, projection, start, Set.copyOf(chosen), partitions, until, options, resumeFrom, snapshot);
    }

    @Override
    public Scan partitions(String... partitionNames) {
        if (!table.isPartitioned()) {
            throw new IllegalArgumentException("Table " + table.tablePath() + " is not partitioned");
        }
        return new DefaultScan(context, table, projection, start, buckets, List.of(partitionNames), until, options, resumeFrom, snapshot);
    }

    @Override
    public Scan resumeFrom(ScanPosition position) {
        return new DefaultScan(context, table, projection, start, buckets, partitions, until, options,
                Objects.requireNonNull(position, "position"), snapshot);
    }

    @Override
    public Scan until(ScanPosition end) {
        return new DefaultScan(context, table, projection, start, buckets, partitions,
                Objects.requireNonNull(end, "end"), options, resumeFrom, snapshot);
    }

    @Override
    public Mono<ScanPosition> latestPosition() {
        ScanPlan plan = plan();
        return new ScanStart(plan, new ClientScanCluster(context, table), new ScanProgress(), where -> { })
                .latestPosition();
    }

    @Override
    public Scan untilLatest() {
        return new DefaultScan(context, table, projection, start, buckets, partitions,
                until == null ? ScanPosition.none() : until, options, resumeFrom, snapshot);
    }

    @Override
    public Scan options(ScanOptions options) {
        return new DefaultScan(context, table, projection, start, buckets, partitions, until,
                Objects.requireNonNull(options, "options"), resumeFrom, snapshot);
    }

    @Override
    public Flux<RecordBatch> batches() {
        Flux<RecordBatch> read = switch (snapshot) {
            case NONE -> new LogScanFlux(plan());
            case THEN_CHANGELOG -> new SnapshotScanFlux(plan(), true);
            case ONLY -> new SnapshotScanFlux(plan(), false);
        };
        return context.telemetry().observeScan(table.tablePath(), read);
    }

    private ScanPlan plan() {
        return new ScanPlan(context, table, sortedProjection(), start, resumeFrom, buckets, partitions, until, projection,
                options);
    }

    @Override
    public Flux<ScanRecord> records() {
        return batches().concatMapIterable(DefaultScan::toRecords, 1);
    }

    private static List<ScanRecord> toRecords(RecordBatch batch) {
        try (batch) {
            List<ScanRecord> records = new ArrayList<>(batch.rowCount());
            String partition = batch.partition().orElse(null);
            for (int i = 0; i < batch.rowCount(); i++) {
                records.add(new ScanRecord(batch.bucket(), partition, batch.offset(i), batch.timestamp(),
                        batch.changeType(i), GenericRow.copyOf(batch.row(i))));
            }
            return records;
        }
    }

    private int[] sortedProjection() {
        if (projection == null) {
            return null;
        }
        int[] sorted = projection.clone();
        Arrays.sort(sorted);
        return sorted;
    }
}
