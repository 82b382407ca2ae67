package io.flussreactive.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The command line of the cluster started on its own ({@code EmbeddedFlussCluster.main}). */
class EmbeddedFlussClusterArgumentsTest {

    @Test
    void serverOptionsGoToEveryServerInEitherSpelling() {
        EmbeddedFlussCluster.Builder builder = EmbeddedFlussCluster.builder();

        EmbeddedFlussCluster.parseArguments(new String[] {"--tablet-servers", "3",
                "--property", "log.replica.fetch.wait-max-time=20ms", "--property=log.segment.file-size=16mb"}, builder);

        assertThat(builder.serverProperties())
                .containsEntry("log.replica.fetch.wait-max-time", "20ms")
                .containsEntry("log.segment.file-size", "16mb")
                .containsEntry("default.replication.factor", "3");
    }

    @Test
    void aPropertyWithoutAValueIsRefusedByName() {
        assertThatThrownBy(() -> EmbeddedFlussCluster.parseArguments(
                new String[] {"--property", "log.replica.fetch.wait-max-time"}, EmbeddedFlussCluster.builder()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--property needs KEY=VALUE, not log.replica.fetch.wait-max-time");
        assertThatThrownBy(() -> EmbeddedFlussCluster.parseArguments(
                new String[] {"--property"}, EmbeddedFlussCluster.builder()))
                .hasMessage("--property needs a value");
    }
}
