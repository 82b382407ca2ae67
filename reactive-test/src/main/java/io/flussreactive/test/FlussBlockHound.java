package io.flussreactive.test;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Installs BlockHound so that it polices the client's threads but not the threads of an
 * {@link EmbeddedFlussCluster} running in the same JVM.
 *
 * <p>{@code BlockHound.install()} applies every integration registered on the class path, and the
 * Fluss server jar registers integrations for its own shaded copies of Netty and ZooKeeper. Those
 * would make the server's event loops "non-blocking" threads, yet the server blocks on them by
 * design, so every test would fail on the server's behalf. {@link #install()} applies all
 * registered integrations except those, and nothing else differs from BlockHound's defaults.
 *
 * <p>Needs {@code io.projectreactor.tools:blockhound} on the class path and, on Java 13 and later,
 * the JVM flag {@code -XX:+AllowRedefinitionToAddDeleteMethods}. To install it for a whole JUnit
 * run, register {@link BlockHoundSessionListener}.
 */
public final class FlussBlockHound {

    /** Where the Fluss server jar relocates the libraries it bundles. */
    private static final String SHADED_PACKAGE_PREFIX = "org.apache.fluss.shaded.";

    private static boolean installed;

    private FlussBlockHound() {}

    /**
     * Installs BlockHound with every registered integration except the Fluss server's own. Only the
     * first call in a JVM installs; later calls do nothing.
     */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        BlockHound.Builder builder = BlockHound.builder();
        for (BlockHoundIntegration integration : integrationsToApply()) {
            builder.with(integration);
        }
        builder.install();
        installed = true;
    }

    private static List<BlockHoundIntegration> integrationsToApply() {
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        if (classLoader == null) {
            classLoader = FlussBlockHound.class.getClassLoader();
        }
        List<BlockHoundIntegration> integrations = new ArrayList<>();
        // Filter by class name before instantiating, so the server's integrations never run at all.
        ServiceLoader.load(BlockHoundIntegration.class, classLoader).stream()
                .filter(provider -> !provider.type().getName().startsWith(SHADED_PACKAGE_PREFIX))
                .forEach(provider -> integrations.add(provider.get()));
        // BlockHound's own install() applies integrations in their natural order; keep that.
        integrations.sort(null);
        return integrations;
    }
}
