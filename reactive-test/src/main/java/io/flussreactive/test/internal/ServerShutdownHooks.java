package io.flussreactive.test.internal;

import java.lang.reflect.Field;
import org.apache.fluss.server.ServerBase;

/**
 * Unregisters the JVM shutdown hook that every Fluss server registers when it starts.
 *
 * <p>The JVM runs all shutdown hooks at once, so at exit the coordinator would stop while tablet
 * servers still ask it to move their leaders, and each server would log the failures. The embedded
 * cluster has one hook of its own that stops the servers in order instead.
 */
public final class ServerShutdownHooks {

    /** The private field in which a started server keeps its hook. */
    private static final String HOOK_FIELD = "shutDownHook";

    private ServerShutdownHooks() {}

    /**
     * Unregisters {@code server}'s shutdown hook. If this Fluss version keeps it elsewhere, the hook
     * stays: exits are noisier, nothing else changes.
     */
    public static void remove(ServerBase server) {
        try {
            Field field = ServerBase.class.getDeclaredField(HOOK_FIELD);
            field.setAccessible(true);
            if (field.get(server) instanceof Thread hook) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Keep the server's own hook; see above.
        }
    }
}
