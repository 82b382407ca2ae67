package io.flussreactive.test;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a buffer leak by the time the class finished.
 *
 * <p>Does nothing unless {@link NettyLeakDetection#install()} ran (see
 * {@link NettyLeakDetectionSessionListener}). Register it for every class at once with JUnit's
 * extension auto-detection: list it in {@code META-INF/services/org.junit.jupiter.api.extension.Extension}
 * and set {@code junit.jupiter.extensions.autodetection.enabled=true} in
 * {@code junit-platform.properties}.
 */
public final class NettyLeakCheckExtension implements AfterAllCallback {

    /** Creates the extension; JUnit does this. */
    public NettyLeakCheckExtension() {
    }

    /** Collects garbage and fails when any buffer leaked. */
    @Override
    public void afterAll(ExtensionContext context) {
        if (NettyLeakDetection.isInstalled()) {
            NettyLeakDetection.assertNoLeaks();
        }
    }
}
