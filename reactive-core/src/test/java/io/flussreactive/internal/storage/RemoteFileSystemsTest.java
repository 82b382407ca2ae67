package io.flussreactive.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.flussreactive.internal.proto.GetFileSystemSecurityTokenResponse;
import io.flussreactive.internal.proto.PbKeyValue;
import io.flussreactive.storage.FileSystemToken;
import io.flussreactive.storage.RemoteFileSystem;
import io.flussreactive.storage.RemoteStorageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class RemoteFileSystemsTest {

    @TempDir
    Path directory;

    @Test
    void theLocalFileSystemReadsAFileFromAPositionInChunks() throws IOException {
        byte[] content = new byte[LocalFileSystem.CHUNK_BYTES * 2 + 123];
        new Random(7).nextBytes(content);
        Path file = Files.write(directory.resolve("segment.log"), content);
        RemoteFileSystems fileSystems = new RemoteFileSystems(Map.of(), failingTokens());

        assertThat(bytesOf(fileSystems.read(file.toUri(), 0))).isEqualTo(content);
        byte[] tail = bytesOf(fileSystems.read(RemoteFileSystems.uriOf(file.toString()), 1000));
        assertThat(tail).hasSize(content.length - 1000);
        assertThat(ByteBuffer.wrap(tail)).isEqualTo(ByteBuffer.wrap(content, 1000, content.length - 1000));
    }

    @Test
    void theLocalFileSystemReadsOnlyWhatIsAskedFor() throws IOException {
        Path file = Files.write(directory.resolve("big.log"), new byte[LocalFileSystem.CHUNK_BYTES * 10]);
        StepVerifier.create(new LocalFileSystem().read(file.toUri(), 0), 1)
                .expectNextCount(1)
                .expectNoEvent(Duration.ofMillis(100))
                .thenRequest(2)
                .expectNextCount(2)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aMissingFileIsATypedErrorNamingIt() {
        URI missing = directory.resolve("missing.log").toUri();
        StepVerifier.create(new LocalFileSystem().read(missing, 0))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(RemoteStorageException.class)
                        .hasMessageContaining("missing.log")
                        .satisfies(e -> assertThat(((RemoteStorageException) e).file()).isEqualTo(missing)))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aSchemeWithoutAFileSystemIsATypedErrorNamingTheScheme() {
        RemoteFileSystems fileSystems = new RemoteFileSystems(Map.of(), failingTokens());
        StepVerifier.create(fileSystems.read(URI.create("s3://bucket/log/x.log"), 0))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(RemoteStorageException.class)
                        .hasMessageContaining("'s3'")
                        .hasMessageContaining("s3://bucket/log/x.log"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aRegisteredFileSystemIsMadeOnceAndClosedWithTheClient() {
        AtomicInteger made = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        RemoteFileSystem memory = new RemoteFileSystem() {
            @Override
            public Flux<ByteBuffer> read(URI file, long position) {
                return Flux.just(ByteBuffer.wrap(file.getPath().getBytes()));
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
        RemoteFileSystems fileSystems = new RemoteFileSystems(Map.of("mem", tokens -> {
            made.incrementAndGet();
            return memory;
        }), failingTokens());

        assertThat(new String(bytesOf(fileSystems.read(URI.create("MEM:/a"), 0)))).isEqualTo("/a");
        assertThat(new String(bytesOf(fileSystems.read(URI.create("mem:/b"), 0)))).isEqualTo("/b");
        fileSystems.close();

        assertThat(made).hasValue(1);
        assertThat(closed).hasValue(1);
        assertThatThrownBy(() -> fileSystems.fileSystemOf(URI.create("mem:/c")))
                .isInstanceOf(RemoteStorageException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void tokensAreSharedUntilShortlyBeforeTheyExpireAndAFailureIsNotKept() {
        AtomicInteger asked = new AtomicInteger();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        MutableClock clock = new MutableClock(now);
        ClusterFileSystemTokens tokens = new ClusterFileSystemTokens(() -> {
            int call = asked.incrementAndGet();
            if (call == 1) {
                return Mono.error(new IllegalStateException("coordinator away"));
            }
            return Mono.just(GetFileSystemSecurityTokenResponse.newBuilder()
                    .setSchema("s3")
                    .setToken(ByteString.copyFromUtf8("key-" + call))
                    .setExpirationTime(now.plus(Duration.ofMinutes(10)).toEpochMilli())
                    .addAdditionInfo(PbKeyValue.newBuilder().setKey("fs.s3a.endpoint").setValue("http://s3"))
                    .build());
        }, clock);

        StepVerifier.create(tokens.token()).expectError(IllegalStateException.class).verify();
        FileSystemToken first = tokens.token().block();
        assertThat(new String(first.token())).isEqualTo("key-2");
        assertThat(first.additionalInfo()).containsEntry("fs.s3a.endpoint", "http://s3");
        assertThat(first.expiration()).contains(now.plus(Duration.ofMinutes(10)));
        assertThat(tokens.token().block()).isEqualTo(first);
        assertThat(asked).hasValue(2);

        clock.now = now.plus(Duration.ofMinutes(9)).plusSeconds(1);
        assertThat(new String(tokens.token().block().token())).isEqualTo("key-3");
        assertThat(first.toString()).doesNotContain("key-2");
    }

    private static byte[] bytesOf(Flux<ByteBuffer> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.doOnNext(chunk -> {
            byte[] bytes = new byte[chunk.remaining()];
            chunk.get(bytes);
            out.writeBytes(bytes);
        }).blockLast(Duration.ofSeconds(10));
        return out.toByteArray();
    }

    private static ClusterFileSystemTokens failingTokens() {
        return new ClusterFileSystemTokens(() -> Mono.error(new AssertionError("no token expected")), Clock.systemUTC());
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
