package io.flussreactive.scan;

import io.flussreactive.admin.OffsetSpec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A read of a table's log: which columns, which buckets and partitions, from where, until when.
 * Immutable: each method returns a new scan. Nothing is read until {@link #batches()} or
 * {@link #records()} is subscribed.
 *
 * <pre>{@code
 * table.scan()
 *      .project("id", "amount")
 *      .from(OffsetSpec.earliest())
 *      .untilLatest()
 *      .batches()
 *      .concatMap(batch -> { try (batch) { return process(batch.root()); } })
 * }</pre>
 */
public interface Scan {

    /**
     * Reads only these columns, in this order. The columns are cut out by the server (ARROW tables
     * only), so what is not read does not cross the network.
     *
     * @param columns column names
     * @return the new scan
     * @throws IllegalArgumentException naming a column the table does not have
     */
    Scan project(String... columns);

    /**
     * Reads only the columns at these positions, in this order.
     *
     * @param positions column positions (0-based)
     * @return the new scan
     * @throws IllegalArgumentException for a position out of range or repeated
     */
    Scan project(int... positions);

    /**
     * Where each bucket starts (default: the earliest record still stored). To start buckets at offsets
     * of your own, use {@link #resumeFrom} with a {@link ScanPosition} ({@link ScanPosition#of} for
     * the buckets of a table that is not partitioned).
     *
     * @param start {@link OffsetSpec#earliest()}, {@link OffsetSpec#latest()} (only what is written from
     *     now on), or {@link OffsetSpec#timestamp(long)} (the first record committed at or after it)
     * @return the new scan
     */
    Scan from(OffsetSpec start);

    /**
     * Starts each bucket of a primary-key table with its latest KV snapshot, then reads its changelog
     * from the offset the snapshot was taken at: the table's whole state once, then every change after
     * it, with no change missed or delivered twice. A bucket without a snapshot yet (the cluster takes
     * them every {@code kv.snapshot.interval}) is read from the earliest offset of its changelog.
     *
     * <p>The rows of the snapshots come first, bucket after bucket, as batches of inserts
     * ({@link ChangeType#INSERT}) with neither offsets nor timestamps: {@link RecordBatch#baseOffset()},
     * {@link RecordBatch#offset(int)} and {@link RecordBatch#timestamp()} are -1. The last batch of a
     * bucket's snapshot has the offset its changelog goes on from as {@link RecordBatch#nextOffset()}
     * (so {@link ScanPosition#after} records the bucket as read up to there); the others have -1. Then
     * come the changelogs, as in any scan; {@link #until} ends them, and {@link #untilLatest()} ends
     * them at the latest offsets when the snapshots have been read.
     *
     * <p>A snapshot's files are copied from the cluster's remote storage (read through the client's
     * {@link io.flussreactive.storage.RemoteFileSystem}s) into a directory under
     * {@code java.io.tmpdir} and read with RocksDB under demand, one batch at a time; the directory is
     * deleted when the bucket is read, and when the scan fails or is cancelled. This needs RocksDB on
     * the class path (the optional dependency {@code com.ververica:frocksdbjni}); without it the scan
     * fails with an {@link UnsupportedOperationException} naming it. While the snapshots are read the
     * scan holds a lease on them, so that the cluster does not delete them; it is released when they
     * are read, and when the scan fails or is cancelled.
     *
     * <p>Buckets that {@link #resumeFrom} knows skip their snapshot and go on in their changelog. A
     * later call of {@link #from} replaces this start.
     *
     * @return the new scan
     * @throws IllegalArgumentException for a table without a primary key
     */
    Scan fromSnapshot();

    /**
     * Reads only the latest KV snapshot of each bucket of a primary-key table, as
     * {@link #fromSnapshot()} does before it reads the changelog, and completes: the table's state when
     * the snapshots were taken. Buckets without a snapshot yet, and buckets that {@link #resumeFrom}
     * knows, give no rows.
     *
     * @return the new scan
     * @throws IllegalArgumentException for a table without a primary key
     */
    Scan snapshotOnly();

    /**
     * Reads only these buckets (default: all).
     *
     * @param bucketIds bucket ids
     * @return the new scan
     * @throws IllegalArgumentException for a bucket the table does not have
     */
    Scan buckets(Integer... bucketIds);

    /**
     * Reads only these partitions of a partitioned table. A partition named here that is dropped while
     * the scan runs fails the scan with a {@link io.flussreactive.error.PartitionNotExistException}.
     *
     * <p>Without this call the scan reads every partition, and partitions come and go (by the admin API,
     * writers, auto-partitioning): the scan just stops reading a dropped one. A scan that tails the log
     * also reads the partitions created after it started: it lists the table's partitions every
     * {@link ScanOptions#partitionDiscoveryInterval()}, and soon after a server says that a partition it
     * reads is gone. It reads each new partition from its earliest offset, whatever {@link #from} says,
     * as every record of it was written after the scan started; its batches name it, so a
     * {@link ScanPosition} records it like any other (a scan resumed from that position finds it at its
     * start, and starts those of its buckets the position does not know where {@link #from} says). A
     * partition created and dropped again between two looks is never read. A bounded scan
     * ({@link #untilLatest()}, {@link #until}) reads the partitions that exist when it starts, as its end
     * is set then.
     *
     * @param partitionNames partition names (values joined with {@code $})
     * @return the new scan
     */
    Scan partitions(String... partitionNames);

    /**
     * Starts each bucket the position knows right after the last batch it records, and the others
     * where {@link #from} says: to go on after the last batch the application finished (see
     * {@link ScanPosition}). A position past the end of a bucket's log fails the scan with a
     * {@link io.flussreactive.error.LogOffsetOutOfRangeException}.
     *
     * @param position where the application got to
     * @return the new scan
     */
    Scan resumeFrom(ScanPosition position);

    /**
     * Ends the scan at the offsets that are the latest when it is subscribed: it reads what is there
     * and completes, instead of waiting for new records. (After {@link #until}, nothing changes: the
     * buckets it does not name end at their latest offsets anyway.)
     *
     * @return the new scan
     */
    Scan untilLatest();

    /**
     * Ends each bucket at its offset in {@code end} (the buckets it does not name, at their latest
     * offset when the scan starts): the scan reads up to there and completes. With
     * {@link #latestPosition()}, a table is read up to a point and then tailed from exactly there:
     *
     * <pre>{@code
     * scan.latestPosition().flatMapMany(end -> Flux.concat(
     *         scan.until(end).batches().doOnNext(cache::load),       // what is there now
     *         scan.resumeFrom(end).batches()))                      // then every change after it
     * }</pre>
     *
     * @param end the offset of the first record not to read, per bucket
     * @return the new scan
     */
    Scan until(ScanPosition end);

    /**
     * The latest offset of each bucket this scan reads (of each partition it reads), in one go: where a
     * bounded read ends, and a tail starts.
     *
     * @return the offsets, as a position
     */
    Mono<ScanPosition> latestPosition();

    /**
     * Sets fetch sizes, waits and the prefetch budget (default: the client's
     * {@link io.flussreactive.FlussClientOptions#scanDefaults()}).
     *
     * @param options the options
     * @return the new scan
     */
    Scan options(ScanOptions options);

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
    Flux<RecordBatch> batches();

    /**
     * The records one by one, each copied out of its batch (convenient; {@link #batches()} is
     * cheaper).
     *
     * @return the records, per bucket in offset order
     */
    Flux<ScanRecord> records();
}
