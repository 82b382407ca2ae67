package io.flussreactive.internal.storage.s3;

import io.flussreactive.storage.RemoteStorageException;
import java.net.URI;

/**
 * The bucket and key of a file named by an {@code s3://bucket/key} URI (or {@code s3a://}, as Hadoop
 * names the same objects).
 *
 * @param bucket the bucket
 * @param key the object key, without a leading slash
 */
record S3ObjectLocation(String bucket, String key) {

    /**
     * Reads the URI.
     *
     * @throws RemoteStorageException when the URI names no bucket or no key
     */
    static S3ObjectLocation of(URI file) {
        // The authority, not the host: bucket names may hold characters (underscores) that URI host parsing refuses.
        String bucket = file.getAuthority();
        String path = file.getPath();
        if (bucket == null || bucket.isEmpty()) {
            throw new RemoteStorageException(file, "An S3 file must be named s3://bucket/key; this one has no bucket", null);
        }
        String key = path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
        if (key.isEmpty()) {
            throw new RemoteStorageException(file, "An S3 file must be named s3://bucket/key; this one has no key", null);
        }
        return new S3ObjectLocation(bucket, key);
    }
}
