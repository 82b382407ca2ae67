package io.flussreactive.internal.fetch;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.ClientContext;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.scan.ScanOptions;
import io.flussreactive.scan.ScanPosition;
import io.flussreactive.scan.StartOffsets;
import java.util.List;
import java.util.Set;
import reactor.core.publisher.Flux;

/** Builds the batch fluxes of log scans. */
public final class LogScans {

    private LogScans() {
    }

    /**
     * The batches of a scan; see {@link io.flussreactive.scan.Scan#batches()}.
     *
     * @param sortedProjection projected positions ascending (fetched), or null for all columns
     * @param requestedProjection projected positions in the order asked for, or null
     */
    public static Flux<RecordBatch> batches(ClientContext context, TableInfo table, int[] sortedProjection,
            int[] requestedProjection, StartOffsets start, ScanPosition resumeFrom, Set<Integer> buckets,
            List<String> partitions, boolean untilLatest, ScanOptions options) {
        return new LogScanFlux(new ScanPlan(context, table, sortedProjection, start, resumeFrom, buckets, partitions,
                untilLatest, requestedProjection, options));
    }
}
