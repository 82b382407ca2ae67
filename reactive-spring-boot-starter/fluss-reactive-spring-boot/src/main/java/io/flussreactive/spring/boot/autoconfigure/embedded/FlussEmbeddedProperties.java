package io.flussreactive.spring.boot.autoconfigure.embedded;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded Fluss cluster started for development, under {@code fluss.embedded}. They
 * take effect only with {@code fluss-reactive-test} on the class path.
 *
 * @param enabled Whether to start an embedded Fluss cluster (ZooKeeper, a coordinator and tablet servers
 *     on ephemeral ports of 127.0.0.1) with the application context and connect the client to it instead
 *     of fluss.bootstrap-servers. Needs io.flussreactive:fluss-reactive-test on the class path; the cluster
 *     and its data are gone when the context closes.
 * @param tabletServers How many tablet servers the embedded cluster has.
 */
@ConfigurationProperties("fluss.embedded")
public record FlussEmbeddedProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("1") int tabletServers) {

    /**
     * Checks that the cluster has a tablet server.
     *
     * @param enabled whether the cluster is started
     * @param tabletServers how many tablet servers it has
     * @throws IllegalArgumentException when there are fewer than one tablet server
     */
    public FlussEmbeddedProperties {
        if (tabletServers < 1) {
            throw new IllegalArgumentException("fluss.embedded.tablet-servers must be at least 1, not " + tabletServers);
        }
    }
}
