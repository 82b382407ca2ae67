package io.flussreactive.spring.boot.autoconfigure.embedded;

import io.flussreactive.spring.boot.autoconfigure.FlussConnectionDetails;
import io.flussreactive.test.EmbeddedFlussCluster;
import java.util.List;

/**
 * {@link FlussConnectionDetails} of an embedded cluster: its servers, without credentials, since the
 * cluster this auto-configuration starts has no SASL users.
 */
final class EmbeddedClusterConnectionDetails implements FlussConnectionDetails {

    private final List<String> bootstrapServers;

    EmbeddedClusterConnectionDetails(EmbeddedFlussCluster cluster) {
        // Read once: the addresses never change while the cluster lives, and asking a closed cluster fails.
        this.bootstrapServers = List.of(cluster.bootstrapServers().split(","));
    }

    @Override
    public List<String> getBootstrapServers() {
        return bootstrapServers;
    }
}
