package io.flussreactive.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The S3 provider's settings, and a client that runs without the AWS SDK. */
class S3FileSystemProviderTest {

    @Test
    void settingsAreCheckedAndTheSecretIsNeverShown() {
        assertThatThrownBy(() -> S3FileSystemProvider.builder().endpoint(URI.create("127.0.0.1:9000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("127.0.0.1:9000");
        assertThatThrownBy(() -> S3FileSystemProvider.builder().credentials("key", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3FileSystemProvider.builder().region(" "))
                .isInstanceOf(IllegalArgumentException.class);

        S3FileSystemProvider provider = S3FileSystemProvider.builder()
                .endpoint(URI.create("http://127.0.0.1:9000"))
                .region("eu-west-1")
                .pathStyleAccess(true)
                .credentials("AKIAEXAMPLE", "the-secret", "the-session")
                .build();
        assertThat(provider.toString())
                .startsWith("S3FileSystemProvider{")
                .contains("http://127.0.0.1:9000", "eu-west-1", "AKIAEXAMPLE")
                .doesNotContain("the-secret", "the-session");
    }

    @Test
    void withoutTheAwsSdkTheClientRunsAndOnlyTheS3ProviderFailsNamingWhatToAdd() throws Exception {
        try (URLClassLoader withoutAws = new ClientWithoutAwsSdk()) {
            Class<?> optionsType = withoutAws.loadClass("io.flussreactive.FlussClientOptions");
            Object optionsBuilder = optionsType.getMethod("builder").invoke(null);
            optionsBuilder.getClass().getMethod("bootstrapServers", List.class).invoke(optionsBuilder, List.of("127.0.0.1:1"));
            Object options = optionsBuilder.getClass().getMethod("build").invoke(optionsBuilder);
            Class<?> clientType = withoutAws.loadClass("io.flussreactive.FlussClient");
            Object client = clientType.getMethod("create", optionsType).invoke(null, options);
            ((Mono<?>) clientType.getMethod("close").invoke(client)).block(Duration.ofSeconds(30));

            Class<?> providerType = withoutAws.loadClass(S3FileSystemProvider.class.getName());
            Object providerBuilder = providerType.getMethod("builder").invoke(null);
            assertThatThrownBy(() -> {
                try {
                    providerBuilder.getClass().getMethod("build").invoke(providerBuilder);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("software.amazon.awssdk:s3")
                    .hasMessageContaining("software.amazon.awssdk:netty-nio-client");
        }
    }

    /**
     * Loads the client's own classes afresh and every other class from the test class path, except the
     * AWS SDK's, which it does not find.
     */
    private static final class ClientWithoutAwsSdk extends URLClassLoader {

        ClientWithoutAwsSdk() {
            super(new URL[] {S3FileSystemProvider.class.getProtectionDomain().getCodeSource().getLocation()},
                    new ClassLoader(S3FileSystemProvider.class.getClassLoader()) {
                        @Override
                        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                            if (name.startsWith("software.amazon.")) {
                                throw new ClassNotFoundException(name);
                            }
                            return super.loadClass(name, resolve);
                        }
                    });
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.flussreactive.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
