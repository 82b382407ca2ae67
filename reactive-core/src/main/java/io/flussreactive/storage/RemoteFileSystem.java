package io.flussreactive.storage;

import java.net.URI;
import java.nio.ByteBuffer;
import reactor.core.publisher.Flux;

/**
 * Reads files that a Fluss cluster keeps in remote storage ({@code remote.data.dir}): tiered log
 * segments and the files of KV snapshots.
 *
 * <p>The client holds one instance per URI scheme for as long as it is open, made by the
 * {@link RemoteFileSystemProvider} registered for that scheme with
 * {@link io.flussreactive.FlussClientOptions.Builder#remoteFileSystem(String, RemoteFileSystemProvider)}.
 * A local or shared file system ({@code file:} and plain absolute paths) is built in.
 *
 * <p>Implementations must not block the subscribing thread: the client subscribes on its event
 * loops.
 */
public interface RemoteFileSystem {

    /**
     * Streams the bytes of a file from a position to its end, reading only as far ahead as it is
     * asked to. Cancelling the subscription stops the read and releases what it held. Each buffer
     * belongs to the subscriber once emitted.
     *
     * @param file the file, as the cluster names it (for example {@code s3://bucket/path} or
     *     {@code file:/path}; a path without a scheme is a local path)
     * @param position the first byte to read, from 0
     * @return the bytes, in order; a missing or unreadable file is a
     *     {@link RemoteStorageException} naming it
     */
    Flux<ByteBuffer> read(URI file, long position);

    /** Releases what this file system holds (connections, threads); called once when the client closes. */
    default void close() {
    }
}
