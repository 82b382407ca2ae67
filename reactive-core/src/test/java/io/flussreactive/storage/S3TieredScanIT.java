package io.flussreactive.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.row.GenericRow;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.type.DataTypes;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * A scan of a log table whose older segments the embedded cluster tiered into an S3-compatible server
 * (S3Proxy in this JVM, the servers writing through Fluss's own S3 plugin): our client reads them
 * through {@link S3FileSystemProvider} and goes on into the local log.
 *
 * <p>Runs in a JVM of its own (see reactive-core's pom), with the servers' S3 plugin on its class path.
 * Without the plugin's jar (an offline build could not fetch it) it is skipped, except under
 * {@code CI=true}.
 */
class S3TieredScanIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String BUCKET = "fluss";
    private static final TablePath TABLE = TablePath.of("s3_tiered", "events");
    private static final int ROWS_PER_WRITE = 2_000;
    private static final int WRITES = 12;
    private static final int ROWS = ROWS_PER_WRITE * WRITES;

    private static S3ProxyServer s3;
    private static EmbeddedFlussCluster cluster;

    @BeforeAll
    static void startAndTier() throws Exception {
        boolean pluginThere = pluginOnClassPath();
        if (!pluginThere && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("The Fluss servers' S3 plugin is not on the class path (the build fetches it to "
                    + System.getProperty("fluss.fs.s3.jar") + ")");
        }
        assumeTrue(pluginThere, "The Fluss servers' S3 plugin (org.apache.fluss:fluss-fs-s3) was not fetched; "
                + "run the build online once");
        s3 = S3ProxyServer.start();
        s3.createBucket(BUCKET);
        cluster = EmbeddedFlussCluster.builder()
                .property("remote.data.dir", "s3://" + BUCKET + "/remote")
                .property("s3.endpoint", s3.endpoint().toString())
                .property("s3.path.style.access", "true")
                .property("s3.region", "us-east-1")
                .property("s3.access-key", S3ProxyServer.ACCESS_KEY)
                .property("s3.secret-key", S3ProxyServer.SECRET_KEY)
                .property("log.segment.file-size", "64kb")
                .property("remote.log.task-interval-duration", "1s")
                .build()
                .start();
        FlussClient writerClient = FlussClient.create(
                FlussClientOptions.builder().bootstrapServers(cluster.bootstrapServers()).build());
        try {
            writerClient.admin().createDatabase(TABLE.databaseName(), DatabaseDescriptor.empty(), true).block(TIMEOUT);
            writerClient.admin().createTable(TABLE, TableDescriptor.builder()
                    .schema(Schema.newBuilder()
                            .column("id", DataTypes.INT())
                            .column("name", DataTypes.STRING())
                            .build())
                    .distributedBy(1)
                    .property("table.log.tiered.local-segments", "1")
                    .build(), false).block(TIMEOUT);
            FlussTable table = writerClient.table(TABLE).block(TIMEOUT);
            AppendWriter writer = table.appendWriter();
            for (int write = 0; write < WRITES; write++) {
                List<WriteResult<Integer>> failed = writer.write(Flux.range(write * ROWS_PER_WRITE, ROWS_PER_WRITE)
                                .map(i -> WriteRecord.of(GenericRow.of(i, nameOf(i)), i)))
                        .filter(result -> !result.isSuccess())
                        .collectList()
                        .block(TIMEOUT);
                assertThat(failed).isEmpty();
            }
            writer.close().block(TIMEOUT);
            // Tiered: segments in the bucket, and the tablet server no longer starts its log at 0.
            try {
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
                        !tieredSegments().isEmpty() && localLogStartsAfterZero());
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("Not tiered in time; objects in the bucket " + s3.keys(BUCKET)
                        + ", local log files " + localLogFiles(), e);
            }
        } finally {
            writerClient.close().block(TIMEOUT);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void readsEveryRowFromTheSegmentsTieredToS3OnIntoTheLocalLog() {
        CountingS3 counting = new CountingS3();
        FlussClient client = FlussClient.create(FlussClientOptions.builder()
                .bootstrapServers(cluster.bootstrapServers())
                .remoteFileSystem("s3", tokens -> counting.around(S3FileSystemProvider.builder()
                        .endpoint(s3.endpoint())
                        .region("us-east-1")
                        .pathStyleAccess(true)
                        .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                        .build()
                        .create(tokens)))
                .build());
        try {
            List<Integer> ids = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            client.table(TABLE).block(TIMEOUT).scan().untilLatest().batches()
                    .doOnNext(batch -> {
                        try (batch) {
                            for (int i = 0; i < batch.rowCount(); i++) {
                                ids.add(batch.row(i).getInt(0));
                                offsets.add(batch.offset(i));
                                assertThat(batch.row(i).getString(1)).isEqualTo(nameOf(batch.row(i).getInt(0)));
                            }
                        }
                    })
                    .blockLast(TIMEOUT);

            List<Integer> expected = IntStream.range(0, ROWS).boxed().toList();
            assertThat(ids).containsExactlyElementsOf(expected);
            assertThat(offsets).containsExactlyElementsOf(expected.stream().map(Integer::longValue).toList());
            Set<String> tiered = Set.copyOf(tieredSegments());
            assertThat(counting.filesRead).as("S3 objects read").isNotEmpty()
                    .allSatisfy(file -> {
                        assertThat(file.getHost()).isEqualTo(BUCKET);
                        assertThat(tiered).contains(file.getPath().substring(1));
                    });
            assertThat(counting.bytesRead.get()).isPositive();
            assertThat(s3.bytesServed()).isGreaterThanOrEqualTo(counting.bytesRead.get());
        } finally {
            client.close().block(TIMEOUT);
        }
        await().atMost(TIMEOUT).until(() -> client.arrowMemoryInUse() == 0);
    }

    private static List<String> tieredSegments() {
        return s3.keys(BUCKET).stream()
                .filter(key -> key.endsWith(".log") && key.contains(TABLE.databaseName()))
                .sorted()
                .toList();
    }

    private static boolean localLogStartsAfterZero() throws IOException {
        List<Path> local = localLogFiles();
        return !local.isEmpty()
                && local.stream().noneMatch(file -> file.getFileName().toString().equals("00000000000000000000.log"));
    }

    private static List<Path> localLogFiles() throws IOException {
        try (var files = Files.walk(cluster.directory())) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log"))
                    .filter(file -> file.toString().contains(TABLE.databaseName()))
                    .toList();
        }
    }

    private static boolean pluginOnClassPath() {
        try {
            Class.forName("org.apache.fluss.fs.s3.S3FileSystemPlugin", false, S3TieredScanIT.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String nameOf(int id) {
        return "event-" + id;
    }

    /** Counts what the client reads from S3. */
    private static final class CountingS3 {
        final Set<URI> filesRead = ConcurrentHashMap.newKeySet();
        final AtomicLong bytesRead = new AtomicLong();

        RemoteFileSystem around(RemoteFileSystem s3) {
            return new RemoteFileSystem() {
                @Override
                public Flux<ByteBuffer> read(URI file, long position) {
                    return s3.read(file, position)
                            .doOnSubscribe(subscription -> filesRead.add(file))
                            .doOnNext(chunk -> bytesRead.addAndGet(chunk.remaining()));
                }

                @Override
                public void close() {
                    s3.close();
                }
            };
        }
    }
}
