package io.flussreactive.internal.storage;

import io.flussreactive.storage.FileSystemTokenSource;
import io.flussreactive.storage.RemoteFileSystem;
import io.flussreactive.storage.RemoteFileSystemProvider;
import io.flussreactive.storage.RemoteStorageException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The client's remote file systems, one per URI scheme, each made when a file of its scheme is first
 * read and closed with the client. The local file system serves {@code file:} and paths without a
 * scheme unless the application registered its own for {@code file}.
 */
public final class RemoteFileSystems {

    private static final Logger log = LoggerFactory.getLogger(RemoteFileSystems.class);
    private static final String LOCAL = "file";
    private static final Pattern HAS_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

    private final Map<String, RemoteFileSystemProvider> providers;
    private final FileSystemTokenSource tokens;
    private final Map<String, RemoteFileSystem> made = new HashMap<>();
    private boolean closed;

    /**
     * Makes the set.
     *
     * @param registered the application's providers per lower-case scheme
     * @param tokens the cluster's file-system tokens, handed to each provider
     */
    public RemoteFileSystems(Map<String, RemoteFileSystemProvider> registered, FileSystemTokenSource tokens) {
        this.providers = new LinkedHashMap<>(registered);
        this.providers.putIfAbsent(LOCAL, t -> new LocalFileSystem());
        this.tokens = tokens;
    }

    /**
     * The URI of a file as the cluster names it: a URI when it has a scheme, otherwise a local path.
     *
     * @param location a path from the cluster, such as a remote log tablet directory
     * @return its URI
     */
    public static URI uriOf(String location) {
        return HAS_SCHEME.matcher(location).matches()
                ? URI.create(location)
                : Path.of(location).toUri();
    }

    /**
     * Reads a file through the file system of its scheme.
     *
     * @param file the file
     * @param position the first byte to read
     * @return its bytes under demand; a scheme without a file system fails with a
     *     {@link RemoteStorageException}
     */
    public Flux<ByteBuffer> read(URI file, long position) {
        return Flux.defer(() -> {
            RemoteFileSystem madeBefore = madeFor(file);
            if (madeBefore != null) {
                return madeBefore.read(file, position);
            }
            // Making a file system may block (an SDK client reads its configuration and credentials),
            // and reads are subscribed to on event loops.
            return Mono.fromCallable(() -> fileSystemOf(file))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMapMany(fileSystem -> fileSystem.read(file, position));
        });
    }

    private RemoteFileSystem madeFor(URI file) {
        synchronized (made) {
            return closed ? null : made.get(schemeOf(file));
        }
    }

    private static String schemeOf(URI file) {
        return file.getScheme() == null ? LOCAL : file.getScheme().toLowerCase(Locale.ROOT);
    }

    /**
     * The file system for a file's scheme, made on first use (which may block).
     *
     * @throws RemoteStorageException when no file system is registered for the scheme or the client is closed
     */
    public RemoteFileSystem fileSystemOf(URI file) {
        String scheme = schemeOf(file);
        synchronized (made) {
            if (closed) {
                throw new RemoteStorageException(file, "The client is closed; cannot read", null);
            }
            RemoteFileSystem fileSystem = made.get(scheme);
            if (fileSystem == null) {
                RemoteFileSystemProvider provider = providers.get(scheme);
                if (provider == null) {
                    throw new RemoteStorageException(file, "No remote file system is registered for the scheme '"
                            + scheme + "' (register one with FlussClientOptions.Builder.remoteFileSystem); cannot read",
                            null);
                }
                fileSystem = provider.create(tokens);
                made.put(scheme, fileSystem);
            }
            return fileSystem;
        }
    }

    /** Closes every file system made; later reads fail. */
    public void close() {
        Map<String, RemoteFileSystem> toClose;
        synchronized (made) {
            closed = true;
            toClose = new HashMap<>(made);
            made.clear();
        }
        toClose.forEach((scheme, fileSystem) -> {
            try {
                fileSystem.close();
            } catch (RuntimeException e) {
                log.warn("Closing the remote file system for '{}' failed", scheme, e);
            }
        });
    }
}
