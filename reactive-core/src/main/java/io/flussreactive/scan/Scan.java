package io.flussreactive.scan;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.ClientContext;
import io.flussreactive.internal.fetch.LogScans;
import io.flussreactive.row.GenericRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import reactor.core.publisher.Flux;

/**
 * A read of a table's log: which columns, which buckets and partitions, from where, until when.
 * Immutable: each method returns a new scan. Nothing is read until {@link #batches()} or
 * {@link #records()} is subscribed.
 *
 * <pre>{@code
 * table.scan()
 *      .project("id", "amount")
 *      .from(StartOffsets.earliest())
 *      .untilLatest()
 *      .batches()
 *      .concatMap(batch -> { try (batch) { return process(batch.root()); } })
 * }</pre>
 */
public final class Scan {

    private final ClientContext context;
    private final TableInfo table;
    private final int[] projection;
    private final StartOffsets start;
    private final Set<Integer> buckets;
    private final List<String> partitions;
    private final boolean untilLatest;
    private final ScanOptions options;
    private final ScanPosition resumeFrom;

    private Scan(ClientContext context, TableInfo table, int[] projection, StartOffsets start, Set<Integer> buckets,
            List<String> partitions, boolean untilLatest, ScanOptions options, ScanPosition resumeFrom) {
        this.context = context;
        this.table = table;
        this.projection = projection;
        this.start = start;
        this.buckets = buckets;
        this.partitions = partitions;
        this.untilLatest = untilLatest;
        this.options = options;
        this.resumeFrom = resumeFrom;
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
        return new Scan(context, table, null, StartOffsets.earliest(), null, null, false, ScanOptions.defaults(),
                ScanPosition.none());
    }

    /**
     * Reads only these columns, in this order. The columns are cut out by the server (ARROW tables
     * only), so what is not read does not cross the network.
     *
     * @param columns column names
     * @return the new scan
     * @throws IllegalArgumentException naming a column the table does not have
     */
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

    /**
     * Reads only the columns at these positions, in this order.
     *
     * @param positions column positions (0-based)
     * @return the new scan
     * @throws IllegalArgumentException for a position out of range or repeated
     */
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
        return new Scan(context, table, positions.clone(), start, buckets, partitions, untilLatest, options, resumeFrom);
    }

    /**
     * Where each bucket starts (default: the earliest record).
     *
     * @param start earliest, latest, by timestamp, or explicit offsets
     * @return the new scan
     */
    public Scan from(StartOffsets start) {
        return new Scan(context, table, projection, Objects.requireNonNull(start, "start"), buckets, partitions,
                untilLatest, options, resumeFrom);
    }

    /**
     * Reads only these buckets (default: all).
     *
     * @param bucketIds bucket ids
     * @return the new scan
     * @throws IllegalArgumentException for a bucket the table does not have
     */
    public Scan buckets(Integer... bucketIds) {
        Set<Integer> chosen = new TreeSet<>(Arrays.asList(bucketIds));
        for (int bucket : chosen) {
            if (bucket < 0 || bucket >= table.numBuckets()) {
                throw new IllegalArgumentException("Table " + table.tablePath() + " has buckets 0.."
                        + (table.numBuckets() - 1) + "; there is no bucket " + bucket);
            }
        }
        return new Scan(context, table, projection, start, Set.copyOf(chosen), partitions, untilLatest, options, resumeFrom);
    }

    /**
     * Reads only these partitions of a partitioned table (default: every partition that exists when
     * the scan starts). A partition named here that is dropped while the scan runs fails the scan with
     * a {@link io.flussreactive.error.PartitionNotExistException}; without this call, partitions come
     * and go (old ones dropped by auto-partitioning, say), so the scan just stops reading a dropped one.
     *
     * @param partitionNames partition names (values joined with {@code $})
     * @return the new scan
     */
    public Scan partitions(String... partitionNames) {
        if (!table.isPartitioned()) {
            throw new IllegalArgumentException("Table " + table.tablePath() + " is not partitioned");
        }
        return new Scan(context, table, projection, start, buckets, List.of(partitionNames), untilLatest, options, resumeFrom);
    }

    /**
     * Starts each bucket the position knows right after the last batch it records, and the others
     * where {@link #from} says: to go on after the last batch the application finished (see
     * {@link ScanPosition}).
     *
     * @param position where the application got to
     * @return the new scan
     */
    public Scan resumeFrom(ScanPosition position) {
        return new Scan(context, table, projection, start, buckets, partitions, untilLatest, options,
                Objects.requireNonNull(position, "position"));
    }

    /**
     * Ends the scan at the offsets that are the latest when it is subscribed: it reads what is there
     * and completes, instead of waiting for new records.
     *
     * @return the new scan
     */
    public Scan untilLatest() {
        return new Scan(context, table, projection, start, buckets, partitions, true, options, resumeFrom);
    }

    /**
     * Sets fetch sizes, waits and the prefetch budget.
     *
     * @param options the options
     * @return the new scan
     */
    public Scan options(ScanOptions options) {
        return new Scan(context, table, projection, start, buckets, partitions, untilLatest,
                Objects.requireNonNull(options, "options"), resumeFrom);
    }

    /**
     * The records as Arrow batches, fetched as they are requested: nothing is fetched without
     * demand, and undelivered batches stay within the prefetch budget. Close each batch when done
     * with it. A resubscription of the returned flux (a retry) goes on after the last batch it
     * delivered, so a batch whose processing failed downstream is not read again; to go on after the
     * last batch you finished, use {@link #resumeFrom} (see {@link ScanPosition}).
     *
     * <p>When the table is dropped while the scan runs, the flux fails with a
     * {@link io.flussreactive.error.TableNotExistException}; for a dropped partition see
     * {@link #partitions(String...)}.
     *
     * @return the batches, per bucket in offset order
     */
    public Flux<RecordBatch> batches() {
        return LogScans.batches(context, table, sortedProjection(), projection, start, resumeFrom, buckets, partitions,
                untilLatest, options);
    }

    /**
     * The records one by one, each copied out of its batch (convenient; {@link #batches()} is
     * cheaper).
     *
     * @return the records, per bucket in offset order
     */
    public Flux<ScanRecord> records() {
        return batches().concatMapIterable(Scan::toRecords, 1);
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
