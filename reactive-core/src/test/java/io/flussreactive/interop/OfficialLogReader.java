package io.flussreactive.interop;

import io.flussreactive.row.GenericRow;
import io.flussreactive.table.TablePath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.fluss.client.table.Table;
import org.apache.fluss.client.table.scanner.ScanRecord;
import org.apache.fluss.client.table.scanner.log.LogScanner;
import org.apache.fluss.client.table.scanner.log.ScanRecords;
import org.apache.fluss.metadata.PartitionInfo;
import org.apache.fluss.metadata.TableBucket;
import org.apache.fluss.metadata.TableInfo;
import org.apache.fluss.types.RowType;

/**
 * Reads a log table from the beginning with the official client's {@link LogScanner}, converting each
 * row to our values at once.
 */
public final class OfficialLogReader {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final OfficialClient official;

    /** A reader using this connection. */
    public OfficialLogReader(OfficialClient official) {
        this.official = official;
    }

    /**
     * A record as the official client read it.
     *
     * @param bucket the bucket it was read from
     * @param partitionId the partition it was read from, or null
     * @param row its values, converted to ours
     */
    public record Read(int bucket, Long partitionId, GenericRow row) {}

    /**
     * Reads every bucket (of every partition) from the beginning until {@code expected} records are
     * read, and then a little longer to catch records beyond them.
     *
     * @param path the table
     * @param projection the columns to read in this order, or null for all
     * @param expected how many records the table holds
     */
    public List<Read> readAll(TablePath path, int[] projection, int expected) throws Exception {
        return read(path, projection, expected, null);
    }

    /** Like {@link #readAll} but reading only the partition named {@code partitionName}. */
    public List<Read> readPartition(TablePath path, String partitionName, int expected) throws Exception {
        return read(path, null, expected, partitionName);
    }

    /** The id of every partition of the table, by name. */
    public List<PartitionInfo> partitions(TablePath path) throws Exception {
        return official.admin().listPartitionInfos(OfficialClient.toOfficial(path)).get(60, TimeUnit.SECONDS);
    }

    private List<Read> read(TablePath path, int[] projection, int expected, String onlyPartition) throws Exception {
        try (Table table = official.table(path)) {
            TableInfo info = table.getTableInfo();
            RowType rowType = projection == null ? info.getRowType() : info.getRowType().project(projection);
            try (LogScanner scanner = table.newScan().project(projection).createLogScanner()) {
                subscribe(scanner, path, info, onlyPartition);
                List<Read> reads = new ArrayList<>();
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                while (reads.size() < expected && System.nanoTime() < deadline) {
                    collect(scanner.poll(Duration.ofMillis(200)), rowType, reads);
                }
                // Anything beyond the expected records would be a duplicate or a stray: give it a chance to show.
                collect(scanner.poll(Duration.ofMillis(300)), rowType, reads);
                return reads;
            }
        }
    }

    private void subscribe(LogScanner scanner, TablePath path, TableInfo info, String onlyPartition) throws Exception {
        if (!info.isPartitioned()) {
            for (int bucket = 0; bucket < info.getNumBuckets(); bucket++) {
                scanner.subscribeFromBeginning(bucket);
            }
            return;
        }
        for (PartitionInfo partition : partitions(path)) {
            if (onlyPartition == null || onlyPartition.equals(partition.getPartitionName())) {
                for (int bucket = 0; bucket < info.getNumBuckets(); bucket++) {
                    scanner.subscribeFromBeginning(partition.getPartitionId(), bucket);
                }
            }
        }
    }

    private static void collect(ScanRecords records, RowType rowType, List<Read> reads) {
        for (TableBucket bucket : records.buckets()) {
            for (ScanRecord record : records.records(bucket)) {
                reads.add(new Read(bucket.getBucket(), bucket.getPartitionId(),
                        OfficialValues.fromOfficialRow(record.getRow(), rowType)));
            }
        }
    }
}
