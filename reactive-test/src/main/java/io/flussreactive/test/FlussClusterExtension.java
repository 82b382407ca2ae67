package io.flussreactive.test;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit Jupiter extension that gives tests a running {@link EmbeddedFlussCluster}, shared by every
 * test class of the run that asks for the same settings.
 *
 * <pre>{@code
 * @ExtendWith(FlussClusterExtension.class)
 * class WriterTest {
 *     WriterTest(EmbeddedFlussCluster cluster) { ... }      // or in @BeforeAll / test methods
 * }
 * }</pre>
 *
 * <p>Any constructor, lifecycle method or test method parameter of type
 * {@link EmbeddedFlussCluster} receives the cluster. It is started when first asked for, kept in
 * the root extension context, and closed when the run ends (JUnit closes the root store's
 * {@link AutoCloseable} values; failing that, the cluster closes itself when the JVM exits).
 * {@link FlussClusterConfig} on the test class chooses a different shape, which gets a cluster of
 * its own.
 *
 * <p>The cluster outlives each test, so tests must not depend on it being empty: give each test
 * class its own database or table names. A test that stops or kills a tablet server must start it again.
 */
public final class FlussClusterExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FlussClusterExtension.class);

    /** Creates the extension; JUnit does this for {@code @ExtendWith}. */
    public FlussClusterExtension() {}

    /** Whether the parameter is an {@link EmbeddedFlussCluster}. */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedFlussCluster.class;
    }

    /** The running cluster for the test class's settings, started on first use. */
    @Override
    public EmbeddedFlussCluster resolveParameter(
            ParameterContext parameterContext, ExtensionContext extensionContext) {
        try {
            return cluster(extensionContext);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("Could not start an embedded Fluss cluster with "
                    + settingsFor(extensionContext), e);
        }
    }

    /**
     * The running cluster for the settings of the context's test class, started on first use: the
     * same cluster a parameter of that class receives. For other extensions that need the cluster
     * (for example one that creates a database before a class's tests).
     *
     * @param context the context of a test class or of one of its tests
     * @return the cluster
     */
    public static EmbeddedFlussCluster cluster(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(settingsFor(context), ClusterSettings::startCluster, EmbeddedFlussCluster.class);
    }

    private static ClusterSettings settingsFor(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        return AnnotationSupport.findAnnotation(testClass, FlussClusterConfig.class, context.getEnclosingTestClasses())
                .map(ClusterSettings::of)
                .orElse(ClusterSettings.DEFAULT);
    }

    /** What makes two test classes' clusters the same: the store key of a shared cluster. */
    private record ClusterSettings(int tabletServers, Map<String, String> properties,
            Map<String, String> saslPlainUsers, boolean tabletServersInOwnProcesses) {

        static final ClusterSettings DEFAULT = new ClusterSettings(1, Map.of(), Map.of(), false);

        static ClusterSettings of(FlussClusterConfig config) {
            return new ClusterSettings(config.tabletServers(), keyValues(config.properties(), "properties"),
                    keyValues(config.saslPlainUsers(), "saslPlainUsers"), config.tabletServersInOwnProcesses());
        }

        private static Map<String, String> keyValues(String[] entries, String attribute) {
            Map<String, String> values = new TreeMap<>();
            for (String entry : entries) {
                int equals = entry.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException(
                            "@FlussClusterConfig " + attribute + " must look like key=value, not: " + entry);
                }
                values.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
            }
            return Map.copyOf(values);
        }

        EmbeddedFlussCluster startCluster() {
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
                    + (properties.isEmpty() ? "" : " and " + properties)
                    + (saslPlainUsers.isEmpty() ? "" : " and SASL/PLAIN users " + new TreeSet<>(saslPlainUsers.keySet()));
        }
    }
}
