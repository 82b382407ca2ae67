package io.flussreactive.storage;

/**
 * Makes the {@link RemoteFileSystem} for one URI scheme, once per client, the first time the
 * client needs to read a file of that scheme.
 */
@FunctionalInterface
public interface RemoteFileSystemProvider {

    /**
     * Makes the file system.
     *
     * @param tokens the cluster's file-system security tokens, for a file system that takes its
     *     credentials from the cluster rather than from its own configuration
     * @return the file system; closed by the client when it closes
     */
    RemoteFileSystem create(FileSystemTokenSource tokens);
}
