package io.flussreactive.tiered;

import static org.awaitility.Awaitility.await;

import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.type.DataTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The log segment files of a table on an embedded cluster: those tiered to its remote directory and
 * those the tablet server still keeps locally.
 */
final class TieredLogs {

    /**
     * The cluster options that make log tables tier within seconds: small segments, a remote log task
     * every second. Tables also need {@link #TABLE_LOCAL_SEGMENTS} = 1.
     */
    static final String SEGMENT_SIZE = "log.segment.file-size=256kb";
    static final String TASK_INTERVAL = "remote.log.task-interval-duration=1s";
    static final String TABLE_LOCAL_SEGMENTS = "table.log.tiered.local-segments";

    private TieredLogs() {
    }

    /**
     * Waits until the table's log is in remote storage but for its last segments, and the tablet
     * server deleted its local segments from offset 0, so that a scan from the start gets pointed to
     * remote storage.
     */
    static void awaitTiered(Path clusterDirectory, String database, String table) {
        try {
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
                    remoteSegments(clusterDirectory, database, table).size() >= 2
                            && localSegments(clusterDirectory, database, table).stream()
                                    .noneMatch(TieredLogs::startsTheLog));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("The log of " + table + " was not tiered in time; remote segments "
                    + remoteSegments(clusterDirectory, database, table) + ", local segments "
                    + localSegments(clusterDirectory, database, table), e);
        }
    }

    /**
     * The descriptor of the tiered tests' tables: {@code id INT, name STRING, amount BIGINT} in one
     * bucket, keeping one local segment once tiered.
     */
    static TableDescriptor oneBucketTable() {
        return TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.INT())
                        .column("name", DataTypes.STRING())
                        .column("amount", DataTypes.BIGINT())
                        .build())
                .distributedBy(1)
                .property(TABLE_LOCAL_SEGMENTS, "1")
                .build();
    }

    /** The table's segment files in the cluster's remote directory. */
    static List<Path> remoteSegments(Path clusterDirectory, String database, String table) {
        return segments(clusterDirectory.resolve("remote"), database, table);
    }

    /** The table's segment files the tablet servers keep locally. */
    static List<Path> localSegments(Path clusterDirectory, String database, String table) {
        Path remote = clusterDirectory.resolve("remote");
        return segments(clusterDirectory, database, table).stream().filter(file -> !file.startsWith(remote)).toList();
    }

    /** The offset of the first record of a segment file, from its name. */
    static long baseOffsetOf(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - ".log".length()));
    }

    /** Whether a segment file holds the log from its start (offset 0). */
    static boolean startsTheLog(Path segment) {
        return segment.getFileName().toString().equals("00000000000000000000.log");
    }

    private static List<Path> segments(Path root, String database, String table) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log"))
                    .filter(file -> {
                        String path = root.relativize(file).toString();
                        return path.contains(database) && path.contains(table + "-");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
