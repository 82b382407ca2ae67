package io.flussreactive.storage;

import java.net.URI;

/**
 * A file in the cluster's remote storage could not be read: it is missing, unreadable, or no
 * {@link RemoteFileSystem} is registered for its scheme. The message names the file.
 */
public class RemoteStorageException extends RuntimeException {

    private final URI file;

    /**
     * Makes the exception.
     *
     * @param file the file that could not be read
     * @param message what went wrong
     * @param cause the underlying failure; may be null
     */
    public RemoteStorageException(URI file, String message, Throwable cause) {
        super(message + ": " + file, cause);
        this.file = file;
    }

    /** The file that could not be read. */
    public URI file() {
        return file;
    }
}
