package io.flussreactive.observation;

import java.io.File;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs client code in a class loader of its own that sees the test class path but not Micrometer, as in
 * an application that does not have it: a client that touched a Micrometer class would fail there with
 * {@link NoClassDefFoundError}.
 */
final class WithoutMicrometer {

    /** Micrometer, and resilience4j's binders, which need it. */
    static final List<String> MICROMETER = List.of("io.micrometer.", "io.github.resilience4j.micrometer.");

    private WithoutMicrometer() {
    }

    /**
     * Loads {@code probe} afresh in the loader that hides Micrometer, with the client and everything it
     * uses, and applies it.
     *
     * @param probe a public class with a public no-argument constructor
     * @param argument what the probe is given
     * @return what the probe returns
     */
    static String run(Class<? extends Function<String, String>> probe, String argument) throws Exception {
        return run(probe, argument, MICROMETER);
    }

    /** As above, hiding the packages starting with one of {@code hidden}. */
    @SuppressWarnings("unchecked")
    static String run(Class<? extends Function<String, String>> probe, String argument, List<String> hidden)
            throws Exception {
        try (HidingLoader loader = new HidingLoader(classPath(), hidden)) {
            Class<?> loaded = Class.forName(probe.getName(), true, loader);
            Function<String, String> instance = (Function<String, String>) loaded.getConstructor().newInstance();
            return instance.apply(argument);
        }
    }

    private static URL[] classPath() {
        // Surefire and Failsafe start the test JVM with a class path of one manifest jar, and give the real
        // one in this property.
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                try {
                    urls.add(new File(entry).toURI().toURL());
                } catch (MalformedURLException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** Loads every class of the class path itself (not from the test's loader), except the hidden ones. */
    private static final class HidingLoader extends URLClassLoader {

        private final List<String> hidden;

        HidingLoader(URL[] urls, List<String> hidden) {
            super("without-micrometer", urls, ClassLoader.getPlatformClassLoader());
            this.hidden = hidden;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            for (String prefix : hidden) {
                if (name.startsWith(prefix)) {
                    throw new ClassNotFoundException(name + " is hidden: this loader plays an application without it");
                }
            }
            return super.loadClass(name, resolve);
        }
    }
}
