package io.flussreactive.test;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs {@link NettyLeakDetection} when a JUnit launcher session opens, before any test creates a
 * Netty buffer.
 *
 * <p>Opt in by listing this class in your test resources, in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}, and add
 * {@link NettyLeakCheckExtension} to the test classes (or register it for every class through
 * JUnit's extension auto-detection). Needs {@code junit-platform-launcher} and {@code netty-buffer}
 * on the test class path.
 */
public final class NettyLeakDetectionSessionListener implements LauncherSessionListener {

    /** Creates the listener; JUnit does this through the service loader. */
    public NettyLeakDetectionSessionListener() {
    }

    /** Installs the recording leak detectors for the session about to run. */
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NettyLeakDetection.install();
    }
}
