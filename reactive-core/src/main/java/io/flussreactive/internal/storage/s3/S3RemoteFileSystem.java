package io.flussreactive.internal.storage.s3;

import io.flussreactive.storage.FileSystemTokenSource;
import io.flussreactive.storage.RemoteFileSystem;
import io.flussreactive.storage.RemoteStorageException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;

/**
 * Reads S3 objects with ranged GETs whose bodies stream under the reader's demand: the HTTP client
 * reads from the connection only what was asked for, and a cancelled read aborts its download.
 *
 * <p>The S3 client is built at the first read (off the event loops, since building it may read files),
 * once; with credentials from the cluster, after the cluster's first token, whose endpoint and region it
 * takes. A failed build is tried again at the next read.
 */
public final class S3RemoteFileSystem implements RemoteFileSystem {

    private final Mono<S3AsyncClient> client;
    private final AtomicReference<S3AsyncClient> built = new AtomicReference<>();
    private volatile boolean closed;

    private S3RemoteFileSystem(S3Settings settings, FileSystemTokenSource tokens) {
        Mono<Optional<S3ClusterToken>> token = settings.credentials() == S3Settings.CredentialSource.CLUSTER
                ? Mono.defer(tokens::token).map(S3ClusterToken::decode).map(Optional::of)
                : Mono.just(Optional.empty());
        this.client = token
                .publishOn(Schedulers.boundedElastic())
                .map(clusterToken -> keep(S3ClientFactory.build(settings, clusterToken.orElse(null), tokens)))
                // Errors are not kept: a read after a failed build (no token yet, say) builds again.
                .cacheInvalidateIf(ignored -> false);
    }

    /**
     * Makes the file system; nothing is built or connected until the first read.
     *
     * @param settings the application's settings
     * @param tokens the cluster's tokens
     * @return the file system
     */
    public static RemoteFileSystem open(S3Settings settings, FileSystemTokenSource tokens) {
        return new S3RemoteFileSystem(settings, tokens);
    }

    @Override
    public Flux<ByteBuffer> read(URI file, long position) {
        if (position < 0) {
            return Flux.error(new IllegalArgumentException("A read starts at position 0 or later: " + position));
        }
        return Mono.fromCallable(() -> {
                    if (closed) {
                        throw new IllegalStateException("The S3 file system is closed");
                    }
                    return S3ObjectLocation.of(file);
                })
                .flatMapMany(location -> client.flatMapMany(s3 -> readFrom(s3, location, new AtomicLong(position))))
                .onErrorMap(failure -> S3Failures.toRemoteStorageException(file, failure));
    }

    /**
     * Reads from {@code next} on, and goes on with a new GET from where the bytes stopped when a download
     * breaks after making progress: a server drops a response its reader left unread for long, and the HTTP
     * client's read timeout runs while the reader asks for nothing, so a reader that pauses would otherwise
     * fail. A download that breaks before its first byte fails the read. Tiered files are never rewritten,
     * so the bytes after the break are those the broken download would have brought.
     */
    private static Flux<ByteBuffer> readFrom(S3AsyncClient s3, S3ObjectLocation location, AtomicLong next) {
        long start = next.get();
        // Without prefetch, the GET leaves only once the reader asks for bytes: a read resumed during a pause
        // waits for its reader instead of timing out again. Hidden, since a bare scalar source is mapped at once.
        return Flux.just(start).hide()
                .concatMap(from -> get(s3, location, from)
                        .onErrorResume(S3Failures::isRangeNotSatisfiable, refused -> atEnd(s3, location, from, refused)), 0)
                .doOnNext(buffer -> next.addAndGet(buffer.remaining()))
                .onErrorResume(failure -> next.get() > start && S3Failures.isBrokenDownload(failure),
                        broken -> readFrom(s3, location, next));
    }

    private static Flux<ByteBuffer> get(S3AsyncClient s3, S3ObjectLocation location, long position) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(location.bucket()).key(location.key());
        if (position > 0) {
            // Without a range from 0, an empty object reads as empty rather than as an unsatisfiable range.
            request.range("bytes=" + position + "-");
        }
        // Cancelling before the answer cancels the future, which aborts the request; after it, cancelling the
        // body's subscription closes the connection rather than reading the rest of the object.
        return Mono.fromFuture(() -> s3.getObject(request.build(), AsyncResponseTransformer.toPublisher()))
                .flatMapMany(Flux::from);
    }

    /**
     * A range S3 refused starts at or past the object's end: no bytes when it starts exactly at the end (a
     * reader that caught up with a file), otherwise the refusal, with the object's length.
     */
    private static Flux<ByteBuffer> atEnd(S3AsyncClient s3, S3ObjectLocation location, long position, Throwable refused) {
        HeadObjectRequest head = HeadObjectRequest.builder().bucket(location.bucket()).key(location.key()).build();
        return Mono.fromFuture(() -> s3.headObject(head))
                .flatMapMany(object -> object.contentLength() != null && object.contentLength() == position
                        ? Flux.<ByteBuffer>empty()
                        : Flux.error(new RangeBeyondEndException(position, object.contentLength(), refused)));
    }

    private S3AsyncClient keep(S3AsyncClient made) {
        built.set(made);
        if (closed) {
            made.close();
            throw new IllegalStateException("The S3 file system is closed");
        }
        return made;
    }

    /**
     * Closes the S3 client. The SDK waits for its connection pools to close, so on an event loop the close is
     * handed to a thread that may wait.
     */
    @Override
    public void close() {
        closed = true;
        S3AsyncClient made = built.getAndSet(null);
        if (made == null) {
            return;
        }
        if (Schedulers.isInNonBlockingThread()) {
            Schedulers.boundedElastic().schedule(made::close);
        } else {
            made.close();
        }
    }

    @Override
    public String toString() {
        return "S3RemoteFileSystem";
    }
}
