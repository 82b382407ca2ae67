package io.flussreactive.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flussreactive.error.SecurityTokenException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import org.apache.fluss.fs.token.Credentials;
import org.apache.fluss.fs.token.CredentialsJsonSerde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The S3 remote file system against an S3-compatible server in the test JVM: what it reads, how far
 * ahead of its reader it downloads, what a cancel stops, and the errors of missing objects and refused
 * credentials.
 */
class S3FileSystemIT {

    private static final String BUCKET = "fluss";
    private static final int LARGE = 64 * 1024 * 1024;
    private static final Duration SETTLE = Duration.ofMillis(500);

    private static S3ProxyServer server;
    private static RemoteFileSystem fileSystem;
    private static byte[] small;

    @BeforeAll
    static void start() throws Exception {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
        small = randomBytes(1_000_003, 1);
        server.putObject(BUCKET, "log/segment.log", small);
        server.putObject(BUCKET, "log/empty.log", new byte[0]);
        server.putObject(BUCKET, "log/large.log", randomBytes(LARGE, 2));
        fileSystem = staticKeys(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY).create(noTokens());
    }

    @AfterAll
    static void stop() throws Exception {
        if (fileSystem != null) {
            fileSystem.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readsAWholeObjectAndFromAPositionToItsEnd() {
        assertThat(readAll(fileSystem.read(uri("log/segment.log"), 0))).isEqualTo(small);

        int position = 400_001;
        byte[] tail = readAll(fileSystem.read(uri("log/segment.log"), position));
        assertThat(tail).hasSize(small.length - position);
        assertThat(tail).isEqualTo(Arrays.copyOfRange(small, position, small.length));
    }

    @Test
    void readingAtTheEndOrAnEmptyObjectGivesNoBytesAndPastTheEndFails() {
        assertThat(readAll(fileSystem.read(uri("log/segment.log"), small.length))).isEmpty();
        assertThat(readAll(fileSystem.read(uri("log/empty.log"), 0))).isEmpty();

        StepVerifier.create(fileSystem.read(uri("log/segment.log"), small.length + 1L))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(RemoteStorageException.class)
                        .hasMessageContaining("past the end of the S3 object (" + small.length + " bytes)"))
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void downloadsOnlyAsFarAsTheReaderAsks() {
        long before = settledBytesServed();
        AtomicLong received = new AtomicLong();
        CRC32 crc = new CRC32();
        AtomicReference<Subscription> subscription = new AtomicReference<>();
        fileSystem.read(uri("log/large.log"), 0).subscribe(new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription s) {
                subscription.set(s);
                s.request(1);
            }

            @Override
            protected void hookOnNext(ByteBuffer buffer) {
                received.addAndGet(buffer.remaining());
                crc.update(buffer);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> received.get() > 0);

        long servedWhileWaiting = settledBytesServed() - before;
        assertThat(servedWhileWaiting)
                .as("bytes the server sent for a reader that asked for one buffer (socket buffers hold some)")
                .isLessThan(LARGE / 4);

        subscription.get().request(Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(60)).until(() -> received.get() == LARGE);
        CRC32 expected = new CRC32();
        expected.update(randomBytes(LARGE, 2));
        assertThat(crc.getValue()).isEqualTo(expected.getValue());
    }

    @Test
    void aReaderThatPausesLongerThanTheReadTimeoutGetsEveryByte() throws Exception {
        RemoteFileSystem quick = S3FileSystemProvider.builder()
                .endpoint(server.endpoint())
                .region("us-east-1")
                .pathStyleAccess(true)
                .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                .readTimeout(Duration.ofSeconds(1))
                .build()
                .create(noTokens());
        try {
            long before = settledBytesServed();
            AtomicLong received = new AtomicLong();
            CRC32 crc = new CRC32();
            AtomicReference<Subscription> subscription = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            quick.read(uri("log/large.log"), 0).subscribe(new BaseSubscriber<>() {
                @Override
                protected void hookOnSubscribe(Subscription s) {
                    subscription.set(s);
                    s.request(1);
                }

                @Override
                protected void hookOnNext(ByteBuffer buffer) {
                    received.addAndGet(buffer.remaining());
                    crc.update(buffer);
                }

                @Override
                protected void hookOnError(Throwable error) {
                    failure.set(error);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> received.get() > 0);
            Thread.sleep(3_000);

            subscription.get().request(Long.MAX_VALUE);
            await().atMost(Duration.ofSeconds(60)).until(() -> received.get() == LARGE || failure.get() != null);
            assertThat(failure.get()).isNull();
            CRC32 expected = new CRC32();
            expected.update(randomBytes(LARGE, 2));
            assertThat(crc.getValue()).isEqualTo(expected.getValue());
            assertThat(settledBytesServed() - before).as("a second GET took the download up again").isGreaterThan(LARGE);
        } finally {
            quick.close();
        }
    }

    @Test
    void cancellingStopsTheDownloadAndTheFileSystemReadsOn() {
        long before = settledBytesServed();
        StepVerifier.create(fileSystem.read(uri("log/large.log"), 1024).limitRate(4), 4)
                .expectNextCount(4)
                .thenCancel()
                .verify(Duration.ofSeconds(30));

        assertThat(settledBytesServed() - before).as("bytes the server sent for a read cancelled after 4 buffers")
                .isLessThan(LARGE / 4);
        assertThat(readAll(fileSystem.read(uri("log/segment.log"), 0))).isEqualTo(small);
    }

    @Test
    void aMissingObjectOrBucketIsARemoteStorageExceptionNamingTheFile() {
        URI missing = uri("log/00000000000000000000.log");
        StepVerifier.create(fileSystem.read(missing, 0))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(RemoteStorageException.class)
                        .hasMessageContaining("No such S3 object")
                        .hasMessageContaining(missing.toString())
                        .extracting(e -> ((RemoteStorageException) e).file()).isEqualTo(missing))
                .verify(Duration.ofSeconds(30));

        URI noBucket = URI.create("s3://no-such-bucket/log/a.log");
        StepVerifier.create(fileSystem.read(noBucket, 0))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(RemoteStorageException.class)
                        .hasMessageContaining("No such S3 bucket")
                        .hasMessageContaining(noBucket.toString()))
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void wrongCredentialsAreARemoteStorageExceptionSayingAccessWasDenied() {
        RemoteFileSystem wrong = staticKeys(S3ProxyServer.ACCESS_KEY, "not-the-secret").create(noTokens());
        try {
            URI file = uri("log/segment.log");
            StepVerifier.create(wrong.read(file, 0))
                    .expectErrorSatisfies(error -> assertThat(error)
                            .isInstanceOf(RemoteStorageException.class)
                            .hasMessageContaining("S3 denied access")
                            .hasMessageContaining("SignatureDoesNotMatch")
                            .hasMessageContaining(file.toString()))
                    .verify(Duration.ofSeconds(30));
        } finally {
            wrong.close();
        }
    }

    @Test
    void credentialsEndpointAndPathStyleComeFromTheClustersToken() {
        AtomicLong tokensAsked = new AtomicLong();
        FileSystemTokenSource tokens = () -> Mono.fromCallable(() -> {
            tokensAsked.incrementAndGet();
            return new FileSystemToken("s3",
                    CredentialsJsonSerde.toJson(new Credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, null)),
                    null,
                    Map.of("fs.s3a.endpoint", server.endpoint().toString(),
                            "fs.s3a.path.style.access", "true",
                            "fs.s3a.region", "us-east-1"));
        });
        RemoteFileSystem fromCluster = S3FileSystemProvider.builder().credentialsFromCluster().build().create(tokens);
        try {
            assertThat(readAll(fromCluster.read(uri("log/segment.log"), 0))).isEqualTo(small);
            assertThat(tokensAsked).as("tokens asked: for the endpoint, then to sign").hasValueGreaterThanOrEqualTo(2);
        } finally {
            fromCluster.close();
        }
    }

    @Test
    void aClusterWithoutTokenFailsTheReadAndALaterReadTriesAgain() {
        AtomicLong tokensAsked = new AtomicLong();
        FileSystemTokenSource none = () -> Mono.defer(() -> {
            tokensAsked.incrementAndGet();
            return Mono.error(new SecurityTokenException("no token"));
        });
        RemoteFileSystem fromCluster = S3FileSystemProvider.builder().credentialsFromCluster().build().create(none);
        try {
            for (int attempt = 1; attempt <= 2; attempt++) {
                StepVerifier.create(fromCluster.read(uri("log/segment.log"), 0))
                        .expectError(SecurityTokenException.class)
                        .verify(Duration.ofSeconds(30));
                assertThat(tokensAsked).hasValue(attempt);
            }
        } finally {
            fromCluster.close();
        }
    }

    private static S3FileSystemProvider staticKeys(String accessKey, String secretKey) {
        return S3FileSystemProvider.builder()
                .endpoint(server.endpoint())
                .region("us-east-1")
                .pathStyleAccess(true)
                .credentials(accessKey, secretKey)
                .build();
    }

    private static FileSystemTokenSource noTokens() {
        return () -> Mono.error(new AssertionError("static keys need no token"));
    }

    private static URI uri(String key) {
        return URI.create("s3://" + BUCKET + "/" + key);
    }

    /** The server's byte count once it stopped growing: what it sends ahead ends when socket buffers fill. */
    private static long settledBytesServed() {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(30)).pollInterval(SETTLE).until(() -> {
            long now = server.bytesServed();
            boolean settled = now == last[0];
            last[0] = now;
            return settled;
        });
        return last[0];
    }

    private static byte[] readAll(Flux<ByteBuffer> bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bytes.doOnNext(buffer -> {
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            out.write(chunk, 0, chunk.length);
        }).blockLast(Duration.ofSeconds(60));
        return out.toByteArray();
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
