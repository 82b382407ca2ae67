package io.flussreactive.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a Spring test an embedded Fluss cluster: its bootstrap servers go into the test's environment
 * as {@code fluss.bootstrap-servers} (the Spring Boot starter's property, so the auto-configured client
 * connects to it), and the cluster is a bean that the test can autowire.
 *
 * <pre>{@code
 * @SpringBootTest
 * @FlussTestCluster
 * class OrderPipelineTest {
 *     @Autowired FlussClient client;
 *     @Autowired EmbeddedFlussCluster cluster;
 *     ...
 * }
 * }</pre>
 *
 * <p>The cluster is the one {@link FlussClusterExtension} gives plain tests of the same run that ask
 * for the same shape (this annotation brings the extension): Spring tests and plain tests of a run share
 * one cluster, started when first needed and closed when the run ends; closing an application context
 * leaves it running. Equal settings also let Spring reuse a cached application context. Should Spring
 * build a context outside a JUnit Jupiter run, a cluster of the shape is started for the rest of the
 * JVM's life and shared by every such context.
 *
 * <p>The cluster outlives each test, so tests must not depend on it being empty. Needs
 * {@code spring-test} and {@code spring-context} on the class path. When a test class has both this
 * annotation and {@link FlussClusterConfig}, this one decides the cluster's shape.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(FlussClusterExtension.class)
public @interface FlussTestCluster {

    /**
     * The number of tablet servers.
     *
     * @return the number of tablet servers, at least 1
     */
    int tabletServers() default 1;

    /**
     * Fluss server options as {@code key=value}, passed to
     * {@link EmbeddedFlussCluster.Builder#property(String, String)}.
     *
     * @return the options
     */
    String[] properties() default {};

    /**
     * The environment property that receives the cluster's bootstrap servers ({@code host:port}
     * separated by commas).
     *
     * @return the property name; by default the Spring Boot starter's {@code fluss.bootstrap-servers}
     */
    String bootstrapServersProperty() default "fluss.bootstrap-servers";
}
