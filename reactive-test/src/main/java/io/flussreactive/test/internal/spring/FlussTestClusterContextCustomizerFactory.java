package io.flussreactive.test.internal.spring;

import io.flussreactive.test.FlussTestCluster;
import io.flussreactive.test.internal.ClusterShape;
import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Spring's entry point for {@link FlussTestCluster} (listed in {@code META-INF/spring.factories}): a
 * customizer for test classes that carry the annotation, none for the others.
 */
final class FlussTestClusterContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        // Also finds the annotation of an enclosing class, for @Nested test classes.
        FlussTestCluster annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, FlussTestCluster.class);
        if (annotation == null) {
            return null;
        }
        return new FlussTestClusterContextCustomizer(ClusterShape.of(annotation), annotation.bootstrapServersProperty());
    }
}
