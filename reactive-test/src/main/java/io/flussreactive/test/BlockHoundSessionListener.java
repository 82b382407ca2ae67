package io.flussreactive.test;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs BlockHound through {@link FlussBlockHound#install()} when a JUnit launcher session
 * opens, before any test class is loaded, so the whole test run is policed.
 *
 * <p>Opt in by listing this class in your test resources, in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}. Needs
 * {@code org.junit.platform:junit-platform-launcher} and BlockHound on the test class path.
 */
public final class BlockHoundSessionListener implements LauncherSessionListener {

    /** Creates the listener; JUnit does this through the service loader. */
    public BlockHoundSessionListener() {}

    /** Installs BlockHound for the session about to run. */
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        FlussBlockHound.install();
    }
}
