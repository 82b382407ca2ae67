package io.flussreactive.test.internal.spring;

import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.internal.ClusterShape;
import io.flussreactive.test.internal.SharedClusters;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Puts the shared cluster of a {@link io.flussreactive.test.FlussTestCluster} test into its application
 * context: the bootstrap servers as a property that wins over the application's own, the cluster as a
 * bean. The cluster is not the context's to close: it is registered as an object, not as a bean
 * definition, so closing the context leaves it running.
 *
 * <p>Equal for equal settings: Spring keys its context cache on the customizers, and tests with the same
 * settings get the same cluster, so they may share a context too.
 */
final class FlussTestClusterContextCustomizer implements ContextCustomizer {

    /** The cluster's bean name: the one the Spring Boot starter's embedded cluster would have. */
    static final String BEAN_NAME = "embeddedFlussCluster";

    private static final String PROPERTY_SOURCE_NAME = "flussTestCluster";

    private final ClusterShape shape;
    private final String bootstrapServersProperty;

    FlussTestClusterContextCustomizer(ClusterShape shape, String bootstrapServersProperty) {
        this.shape = shape;
        this.bootstrapServersProperty = bootstrapServersProperty;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        EmbeddedFlussCluster cluster = SharedClusters.runningOrStart(shape);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME,
                Map.of(bootstrapServersProperty, cluster.bootstrapServers())));
        context.getBeanFactory().registerSingleton(BEAN_NAME, cluster);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FlussTestClusterContextCustomizer that
                && shape.equals(that.shape)
                && bootstrapServersProperty.equals(that.bootstrapServersProperty);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shape, bootstrapServersProperty);
    }

    @Override
    public String toString() {
        return "FlussTestCluster[" + shape + ", " + bootstrapServersProperty + "]";
    }
}
