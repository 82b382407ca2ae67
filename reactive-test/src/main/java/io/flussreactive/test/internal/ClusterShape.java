package io.flussreactive.test.internal;

import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussClusterConfig;
import io.flussreactive.test.FlussTestCluster;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What makes two tests' clusters interchangeable: tests asking for equal shapes share one cluster.
 *
 * @param tabletServers how many tablet servers
 * @param properties server options
 * @param saslPlainUsers users clients must authenticate as, by name
 * @param tabletServersInOwnProcesses whether each tablet server runs in a JVM of its own
 */
public record ClusterShape(int tabletServers, Map<String, String> properties,
        Map<String, String> saslPlainUsers, boolean tabletServersInOwnProcesses) {

    /** One tablet server and the builder's defaults. */
    public static final ClusterShape DEFAULT = new ClusterShape(1, Map.of(), Map.of(), false);

    /**
     * Copies the maps, so that a shape never changes once made.
     *
     * @param tabletServers how many tablet servers
     * @param properties server options
     * @param saslPlainUsers users clients must authenticate as, by name
     * @param tabletServersInOwnProcesses whether each tablet server runs in a JVM of its own
     */
    public ClusterShape {
        properties = Map.copyOf(properties);
        saslPlainUsers = Map.copyOf(saslPlainUsers);
    }

    /**
     * The shape {@link FlussClusterConfig} asks for.
     *
     * @param config the annotation
     * @return its shape
     */
    public static ClusterShape of(FlussClusterConfig config) {
        return new ClusterShape(config.tabletServers(), keyValues(config.properties(), "@FlussClusterConfig properties"),
                keyValues(config.saslPlainUsers(), "@FlussClusterConfig saslPlainUsers"),
                config.tabletServersInOwnProcesses());
    }

    /**
     * The shape {@link FlussTestCluster} asks for.
     *
     * @param config the annotation
     * @return its shape
     */
    public static ClusterShape of(FlussTestCluster config) {
        return new ClusterShape(config.tabletServers(), keyValues(config.properties(), "@FlussTestCluster properties"),
                Map.of(), false);
    }

    /**
     * Reads {@code key=value} entries of an annotation attribute.
     *
     * @param entries the entries
     * @param attribute the annotation and attribute they come from, for the error message
     * @return the entries by key
     * @throws IllegalArgumentException naming the attribute when an entry has no key
     */
    private static Map<String, String> keyValues(String[] entries, String attribute) {
        Map<String, String> values = new TreeMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(attribute + " must look like key=value, not: " + entry);
            }
            values.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        return values;
    }

    /**
     * Builds and starts a cluster of this shape.
     *
     * @return the running cluster
     */
    public EmbeddedFlussCluster startCluster() {
        EmbeddedFlussCluster.Builder builder = EmbeddedFlussCluster.builder().tabletServers(tabletServers);
        properties.forEach(builder::property);
        saslPlainUsers.forEach(builder::saslPlainUser);
        if (tabletServersInOwnProcesses) {
            builder.tabletServersInOwnProcesses();
        }
        return builder.build().start();
    }

    /** Names the users but not their passwords. */
    @Override
    public String toString() {
        return tabletServers + " tablet server(s)" + (tabletServersInOwnProcesses ? " in JVMs of their own" : "")
                + (properties.isEmpty() ? "" : " and " + new TreeMap<>(properties))
                + (saslPlainUsers.isEmpty() ? "" : " and SASL/PLAIN users " + new TreeSet<>(saslPlainUsers.keySet()));
    }
}
