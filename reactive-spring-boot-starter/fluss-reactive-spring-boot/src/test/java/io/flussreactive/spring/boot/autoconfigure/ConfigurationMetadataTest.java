package io.flussreactive.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The configuration metadata the annotation processor wrote for this module (what IDEs show when
 * editing application properties).
 */
class ConfigurationMetadataTest {

    @Test
    void everyPropertyHasADescriptionAndLivesInTheFlussNamespace() throws Exception {
        JsonNode properties = metadata().get("properties");
        assertThat(properties).isNotEmpty();
        List<String> undescribed = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode property : properties) {
            String name = property.get("name").asText();
            names.add(name);
            JsonNode description = property.get("description");
            if (description == null || description.asText().isBlank()) {
                undescribed.add(name);
            }
        }
        assertThat(undescribed).as("properties without a description").isEmpty();
        assertThat(names).allSatisfy(name -> assertThat(name).matches("(fluss|management\\.health\\.fluss)\\..+"));
        assertThat(names).contains("fluss.bootstrap-servers", "fluss.write-buffer", "fluss.writer.batch-size",
                "fluss.retry.lookup.max-attempts", "fluss.circuit-breaker.wait-in-open-state", "fluss.sasl.password",
                "fluss.health.timeout", "fluss.embedded.enabled", "fluss.embedded.tablet-servers",
                "fluss.metrics.enabled", "fluss.observations.enabled", "fluss.scan.prefetch-bytes",
                "fluss.scan.fetch-max-wait", "fluss.lookup.max-keys-per-request");
    }

    @Test
    void retryPropertiesShowTheClientsDefaults() throws Exception {
        for (JsonNode property : metadata().get("properties")) {
            if (property.get("name").asText().equals("fluss.retry.lookup.first-backoff")) {
                assertThat(property.get("defaultValue").asText()).isEqualTo("50ms");
                return;
            }
        }
        throw new AssertionError("fluss.retry.lookup.first-backoff is not in the metadata");
    }

    @Test
    void theEmbeddedClusterIsOffByDefaultWithOneTabletServer() throws Exception {
        String enabled = null;
        String tabletServers = null;
        for (JsonNode property : metadata().get("properties")) {
            String name = property.get("name").asText();
            if (name.equals("fluss.embedded.enabled")) {
                enabled = property.get("defaultValue").asText();
            } else if (name.equals("fluss.embedded.tablet-servers")) {
                tabletServers = property.get("defaultValue").asText();
            }
        }
        assertThat(enabled).isEqualTo("false");
        assertThat(tabletServers).isEqualTo("1");
    }

    /** This module's metadata: Spring Boot's own jars have files of the same name. */
    private static JsonNode metadata() throws Exception {
        URL classes = FlussProperties.class.getProtectionDomain().getCodeSource().getLocation();
        try (InputStream in = new URL(classes, "META-INF/spring-configuration-metadata.json").openStream()) {
            return new ObjectMapper().readTree(in);
        }
    }
}
