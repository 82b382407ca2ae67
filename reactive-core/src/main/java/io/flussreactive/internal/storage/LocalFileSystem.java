package io.flussreactive.internal.storage;

import io.flussreactive.storage.RemoteFileSystem;
import io.flussreactive.storage.RemoteStorageException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The built-in file system: remote storage that is a local or shared directory ({@code file:} URIs
 * and paths without a scheme). Reads one chunk per request, on a bounded-elastic thread, because
 * file reads block.
 */
public final class LocalFileSystem implements RemoteFileSystem {

    private static final Logger log = LoggerFactory.getLogger(LocalFileSystem.class);

    /** Bytes read per emitted buffer. */
    static final int CHUNK_BYTES = 64 * 1024;

    @Override
    public Flux<ByteBuffer> read(URI file, long position) {
        if (position < 0) {
            return Flux.error(new IllegalArgumentException("position must not be negative: " + position));
        }
        Path path = pathOf(file);
        return Flux.<ByteBuffer, FileChannel>generate(
                        () -> open(file, path, position),
                        (channel, sink) -> {
                            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);
                            try {
                                int read = channel.read(chunk);
                                if (read < 0) {
                                    sink.complete();
                                } else {
                                    sink.next(chunk.flip());
                                }
                            } catch (IOException e) {
                                sink.error(new RemoteStorageException(file, "Could not read", e));
                            }
                            return channel;
                        },
                        LocalFileSystem::closeQuietly)
                // Requests run on the worker too, so every read does.
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** The local path a URI of this file system names. */
    static Path pathOf(URI file) {
        return file.getScheme() == null ? Path.of(file.getPath()) : Path.of(file);
    }

    private static FileChannel open(URI file, Path path, long position) {
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            channel.position(position);
            return channel;
        } catch (NoSuchFileException e) {
            throw new RemoteStorageException(file, "No such file", e);
        } catch (IOException e) {
            throw new RemoteStorageException(file, "Could not open", e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Only reading was done: nothing is lost when closing fails.
            log.debug("Closing a file read from remote storage failed", e);
        }
    }
}
