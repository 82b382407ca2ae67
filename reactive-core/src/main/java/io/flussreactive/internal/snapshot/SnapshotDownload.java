package io.flussreactive.internal.snapshot;

import io.flussreactive.internal.proto.PbRemotePathAndLocalFile;
import io.flussreactive.internal.storage.RemoteFileSystems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Copies the files of one KV snapshot from remote storage into a directory of its own, where RocksDB
 * can open them. Files are read under demand and written on bounded-elastic threads, one buffer at a
 * time, so nothing waits on an event loop and only the buffer being written is held.
 */
public final class SnapshotDownload {

    private static final Logger log = LoggerFactory.getLogger(SnapshotDownload.class);

    /** The prefix of every snapshot directory, so that a leftover one (a killed JVM) can be told. */
    static final String DIRECTORY_PREFIX = "fluss-kv-snapshot-";

    private final RemoteFileSystems fileSystems;
    private final Path parent;

    /**
     * @param fileSystems how the client reads remote storage
     * @param parent where snapshot directories are made
     */
    public SnapshotDownload(RemoteFileSystems fileSystems, Path parent) {
        this.fileSystems = fileSystems;
        this.parent = parent;
    }

    /**
     * Makes a new directory and copies the files into it, each under its local file name. On failure or
     * cancellation the directory is deleted again.
     *
     * @param files the snapshot's files
     * @return the directory, which the caller deletes with {@link #delete} when done
     */
    public Mono<Path> download(List<PbRemotePathAndLocalFile> files) {
        return Mono.fromCallable(() -> Files.createTempDirectory(parent, DIRECTORY_PREFIX))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(directory -> Flux.fromIterable(files)
                        .concatMap(file -> copy(file, directory))
                        .then(Mono.just(directory))
                        .doOnError(failed -> delete(directory).subscribe())
                        .doOnCancel(() -> delete(directory).subscribe()));
    }

    private Mono<Void> copy(PbRemotePathAndLocalFile file, Path directory) {
        Path target = directory.resolve(file.getLocalFileName()).normalize();
        if (!target.getParent().equals(directory)) {
            return Mono.error(new IllegalArgumentException("A snapshot file's local name '" + file.getLocalFileName()
                    + "' is not a plain file name"));
        }
        return Mono.usingWhen(
                Mono.fromCallable(() -> FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
                        .subscribeOn(Schedulers.boundedElastic()),
                channel -> fileSystems.read(RemoteFileSystems.uriOf(file.getRemotePath()), 0)
                        .publishOn(Schedulers.boundedElastic(), 1)
                        .doOnNext(buffer -> writeFully(channel, buffer))
                        .then(),
                channel -> Mono.fromRunnable(() -> closeQuietly(channel)).subscribeOn(Schedulers.boundedElastic()));
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) {
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("Closing a downloaded snapshot file failed", e);
        }
    }

    /**
     * Deletes a snapshot directory with its files, on a bounded-elastic thread; a failure is logged, not
     * signalled, since it must not hide how the read ended.
     *
     * @param directory a directory made by {@link #download}
     * @return completes once deleted
     */
    public static Mono<Void> delete(Path directory) {
        return Mono.<Void>fromRunnable(() -> deleteNow(directory))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Deletes a directory tree on the calling thread (which may block). */
    static void deleteNow(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("Could not delete the KV snapshot directory {}", directory, e);
        }
    }
}
