package io.flussreactive.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.test.internal.Polling;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.apache.fluss.metadata.TablePath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tablet servers in JVMs of their own: killed with SIGKILL, the cluster moves their leaders to a
 * replica, and started again they come back on their address with their data; an orderly stop ends
 * their JVM as well; no JVM outlives the cluster.
 */
class TabletServerProcessesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aKilledTabletServerComesBackOnItsAddressAndNoJvmOutlivesTheCluster(@TempDir Path base) throws Exception {
        EmbeddedFlussCluster cluster = EmbeddedFlussCluster.builder()
                .tabletServers(2)
                .tabletServersInOwnProcesses()
                .baseDirectory(base)
                .build()
                .start();
        Path directory = cluster.directory();
        try {
            List<ProcessHandle> jvms = tabletServerJvms();
            assertThat(jvms).hasSize(2).allSatisfy(jvm -> assertThat(jvm.info().arguments().orElseThrow())
                    .contains("-Djava.io.tmpdir=" + directory.resolve("tmp")));
            assertThat(directory.resolve("tablet-server-0.log")).isRegularFile();
            assertThat(directory.resolve("tablet-server-1.log")).isRegularFile();

            TablePath path = TablePath.of("process_test", "users");
            try (KeyValueClient client = new KeyValueClient(cluster.bootstrapServers())) {
                client.createTable(path);
                client.put(path, 7, "grace");
                int leader = cluster.bucketLeader("process_test", "users", 0).orElseThrow();
                String address = cluster.tabletServerAddress(leader);

                cluster.killTabletServer(leader);
                assertThat(cluster.isTabletServerRunning(leader)).isFalse();
                assertThat(Ports.accepts(address)).as("a killed server refuses connections").isFalse();
                assertThat(tabletServerJvms()).hasSize(1);
                cluster.killTabletServer(leader); // killing a stopped server does nothing
                // Once its ZooKeeper session expires, the other replica leads.
                Polling.await(() -> isLedByAnotherServer(cluster, leader), WAIT,
                        () -> "bucket 0 is led by another server than " + leader);
                assertThat(client.get(path, 7)).isEqualTo("grace");

                cluster.startTabletServer(leader);
                assertThat(cluster.isTabletServerRunning(leader)).isTrue();
                assertThat(cluster.tabletServerAddress(leader)).isEqualTo(address);
                assertThat(Ports.accepts(address)).isTrue();
                assertThat(tabletServerJvms()).hasSize(2);

                // An orderly stop (SIGTERM, which Fluss's own shutdown hook answers) ends the JVM too. The
                // server leads nothing now, so the other one keeps serving meanwhile.
                cluster.stopTabletServer(leader);
                assertThat(cluster.isTabletServerRunning(leader)).isFalse();
                assertThat(tabletServerJvms()).hasSize(1);
                cluster.startTabletServer(leader);
                assertThat(tabletServerJvms()).hasSize(2);
                assertThat(client.get(path, 7)).isEqualTo("grace");
            }
        } finally {
            cluster.close();
        }
        assertThat(tabletServerJvms()).as("tablet server JVMs left after close").isEmpty();
        assertThat(directory).doesNotExist();
    }

    private static boolean isLedByAnotherServer(EmbeddedFlussCluster cluster, int killed) {
        OptionalInt leader = cluster.bucketLeader("process_test", "users", 0);
        return leader.isPresent() && leader.getAsInt() != killed;
    }

    /** This JVM's children that run a tablet server. */
    private static List<ProcessHandle> tabletServerJvms() {
        return ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().orElse("").contains("TabletServerMain"))
                .toList();
    }
}
