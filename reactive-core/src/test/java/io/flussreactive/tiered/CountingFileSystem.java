package io.flussreactive.tiered;

import io.flussreactive.internal.storage.LocalFileSystem;
import io.flussreactive.storage.RemoteFileSystem;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;

/**
 * The local file system, counting what a client reads through it: bytes, files and reads still open.
 * Registered for {@code file} in a client's options, it sees every tiered segment a scan reads.
 */
final class CountingFileSystem implements RemoteFileSystem {

    private final RemoteFileSystem local = new LocalFileSystem();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicInteger openReads = new AtomicInteger();
    private final Set<URI> filesRead = ConcurrentHashMap.newKeySet();

    @Override
    public Flux<ByteBuffer> read(URI file, long position) {
        return local.read(file, position)
                .doOnSubscribe(subscription -> {
                    openReads.incrementAndGet();
                    filesRead.add(file);
                })
                .doOnNext(chunk -> bytesRead.addAndGet(chunk.remaining()))
                .doFinally(signal -> openReads.decrementAndGet());
    }

    /** The bytes handed to the client so far. */
    long bytesRead() {
        return bytesRead.get();
    }

    /** Reads subscribed to and not ended yet. */
    int openReads() {
        return openReads.get();
    }

    /** The files read so far. */
    Set<URI> filesRead() {
        return Set.copyOf(filesRead);
    }
}
