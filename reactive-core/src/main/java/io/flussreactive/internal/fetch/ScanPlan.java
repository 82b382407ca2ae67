package io.flussreactive.internal.fetch;

import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.ClientContext;
import io.flussreactive.scan.ScanOptions;
import io.flussreactive.scan.ScanPosition;
import java.util.List;
import java.util.Set;

/**
 * Everything a scan was asked for.
 *
 * @param context the client's shared parts
 * @param table the table scanned
 * @param projectedFields the column positions fetched, ascending, or null for all columns
 * @param start where each bucket starts
 * @param resumeFrom where buckets it knows start instead of {@code start}
 * @param buckets the buckets read, or null for all
 * @param partitions the partitions read (names), or null for every partition: those existing when the scan
 *     starts and, for a tailing scan, those created later
 * @param until where the scan ends: the offsets of the buckets it names, the latest offsets when the
 *     scan starts for the others; null for a scan without end
 * @param requestedProjection the projected positions in the order asked for, or null for all columns
 * @param options sizes and waits
 */
record ScanPlan(
        ClientContext context,
        TableInfo table,
        int[] projectedFields,
        OffsetSpec start,
        ScanPosition resumeFrom,
        Set<Integer> buckets,
        List<String> partitions,
        ScanPosition until,
        int[] requestedProjection,
        ScanOptions options) {

    /** Whether the scan ends (and completes) instead of tailing the log. */
    boolean untilLatest() {
        return until != null;
    }
}
