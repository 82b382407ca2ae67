package io.flussreactive.spring.boot.autoconfigure;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@link FlussConnectionDetails} from the {@code fluss.*} properties. */
final class PropertiesFlussConnectionDetails implements FlussConnectionDetails {

    private final FlussProperties properties;

    PropertiesFlussConnectionDetails(FlussProperties properties) {
        this.properties = properties;
    }

    @Override
    public List<String> getBootstrapServers() {
        return properties.bootstrapServers();
    }

    @Override
    public @Nullable String getUsername() {
        return properties.sasl().username();
    }

    @Override
    public @Nullable String getPassword() {
        return properties.sasl().password();
    }
}
