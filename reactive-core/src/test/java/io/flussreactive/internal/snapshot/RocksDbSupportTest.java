package io.flussreactive.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whether RocksDB is there is told without loading it, with the dependency to add when it is not. */
class RocksDbSupportTest {

    @Test
    void withRocksDbOnTheClassPathSnapshotsCanBeRead() {
        assertThat(RocksDbSupport.missing()).isEmpty();
    }

    @Test
    void withoutRocksDbTheErrorNamesTheDependency() throws Exception {
        URL clientClasses = RocksDbSupport.class.getProtectionDomain().getCodeSource().getLocation();
        // The client's classes alone, above the JDK's: no RocksDB.
        try (URLClassLoader withoutRocksDb = new URLClassLoader(new URL[] {clientClasses},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> support = withoutRocksDb.loadClass(RocksDbSupport.class.getName());

            Optional<?> missing = (Optional<?>) support.getMethod("missing").invoke(null);

            assertThat(missing).get().isInstanceOf(UnsupportedOperationException.class)
                    .extracting(error -> ((Throwable) error).getMessage()).asString()
                    .contains("com.ververica:frocksdbjni:6.20.3-ververica-2.0");
        }
    }
}
