package io.flussreactive.internal.snapshot;

import reactor.core.publisher.Flux;

/**
 * The stored values of one bucket's KV snapshot: its files are listed, downloaded into a directory of
 * their own and iterated with RocksDB under demand; the directory is deleted when the read completes,
 * fails or is cancelled.
 */
public final class SnapshotValues {

    private final KvSnapshotRpcs rpcs;
    private final SnapshotDownload download;

    /**
     * @param rpcs where a snapshot's files are listed
     * @param download where they are copied to
     */
    public SnapshotValues(KvSnapshotRpcs rpcs, SnapshotDownload download) {
        this.rpcs = rpcs;
        this.download = download;
    }

    /**
     * Reads a snapshot. Call only when {@link RocksDbSupport#missing()} is empty.
     *
     * @param bucket the bucket
     * @param snapshotId its snapshot
     * @param maxRows the most values per chunk
     * @param maxBytes the value bytes after which a chunk ends
     * @return the values in key order, in chunks
     */
    public Flux<ValueChunk> read(SnapshotBucket bucket, long snapshotId, int maxRows, long maxBytes) {
        return rpcs.snapshotFiles(bucket, snapshotId)
                .flatMap(files -> download.download(files.getSnapshotFilesList()))
                // The directory is deleted by the read once the database is closed; the download
                // deletes it itself when it fails or is cancelled.
                .flatMapMany(directory -> RocksDbValues.read(directory, maxRows, maxBytes,
                        () -> SnapshotDownload.deleteNow(directory)));
    }
}
