package io.flussreactive.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses the shape of the cluster that {@link FlussClusterExtension} gives a test class. Test
 * classes with equal settings share one cluster; a class without this annotation gets the default
 * cluster (one tablet server, {@link EmbeddedFlussCluster.Builder}'s defaults).
 *
 * <pre>{@code
 * @ExtendWith(FlussClusterExtension.class)
 * @FlussClusterConfig(tabletServers = 3, properties = "default.bucket.number=3")
 * class FailoverTest { ... }
 * }</pre>
 *
 * <p>Each distinct setting starts its own cluster, which lives until the end of the test run:
 * keep the number of distinct settings small.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FlussClusterConfig {

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
     * Users that clients must authenticate as with SASL/PLAIN, as {@code user=password}, passed to
     * {@link EmbeddedFlussCluster.Builder#saslPlainUser(String, String)}; none, the default, leaves the
     * cluster without authentication.
     *
     * @return the users
     */
    String[] saslPlainUsers() default {};

    /**
     * Whether each tablet server runs in a JVM of its own, so that tests can kill it
     * ({@link EmbeddedFlussCluster.Builder#tabletServersInOwnProcesses()}); default false, all in the
     * test's JVM.
     *
     * @return whether tablet servers run in JVMs of their own
     */
    boolean tabletServersInOwnProcesses() default false;
}
