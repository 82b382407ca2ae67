package io.flussreactive.test;

import io.flussreactive.test.internal.ClusterShape;
import io.flussreactive.test.internal.SharedClusters;
import java.lang.annotation.Annotation;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
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
 * its own. For a class annotated with {@link FlussTestCluster} (which brings this extension), the
 * annotation decides the shape, and the cluster is started before the class's tests so that Spring
 * tests get the cluster plain tests of the run share.
 *
 * <p>The cluster outlives each test, so tests must not depend on it being empty: give each test
 * class its own database or table names. A test that stops or kills a tablet server must start it again.
 */
public final class FlussClusterExtension implements ParameterResolver, BeforeAllCallback {

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
                .computeIfAbsent(settingsFor(context), RunCluster::start, RunCluster.class)
                .cluster();
    }

    /**
     * Starts the cluster of a class annotated with {@link FlussTestCluster} before Spring builds the
     * class's application context, so that the context gets this run's cluster.
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (findAnnotation(context, FlussTestCluster.class).isPresent()) {
            cluster(context);
        }
    }

    private static ClusterShape settingsFor(ExtensionContext context) {
        return findAnnotation(context, FlussTestCluster.class).map(ClusterShape::of)
                .or(() -> findAnnotation(context, FlussClusterConfig.class).map(ClusterShape::of))
                .orElse(ClusterShape.DEFAULT);
    }

    private static <A extends Annotation> Optional<A> findAnnotation(ExtensionContext context, Class<A> type) {
        return AnnotationSupport.findAnnotation(context.getRequiredTestClass(), type, context.getEnclosingTestClasses());
    }

    /** A cluster this run started: withdrawn from the shared ones, then closed, when the run ends. */
    private record RunCluster(ClusterShape shape, EmbeddedFlussCluster cluster) implements AutoCloseable {

        static RunCluster start(ClusterShape shape) {
            EmbeddedFlussCluster cluster = shape.startCluster();
            SharedClusters.publish(shape, cluster);
            return new RunCluster(shape, cluster);
        }

        @Override
        public void close() {
            SharedClusters.withdraw(shape, cluster);
            cluster.close();
        }
    }
}
