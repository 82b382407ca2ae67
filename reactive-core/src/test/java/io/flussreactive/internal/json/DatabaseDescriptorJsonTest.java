package io.flussreactive.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.admin.DatabaseDescriptor;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DatabaseDescriptorJsonTest {

    @Test
    void emptyDescriptorIsTheMinimalServerForm() {
        assertThat(new String(DatabaseDescriptorJson.toBytes(DatabaseDescriptor.empty()), StandardCharsets.UTF_8))
                .isEqualTo("{\"version\":1,\"custom_properties\":{}}");
    }

    @Test
    void writesCommentBeforeProperties() {
        DatabaseDescriptor descriptor = DatabaseDescriptor.builder().comment("sales").customProperty("k", "v").build();

        assertThat(new String(DatabaseDescriptorJson.toBytes(descriptor), StandardCharsets.UTF_8))
                .isEqualTo("{\"version\":1,\"comment\":\"sales\",\"custom_properties\":{\"k\":\"v\"}}");
    }

    @Test
    void roundTrips() {
        DatabaseDescriptor descriptor = DatabaseDescriptor.builder()
                .comment("c").customProperty("b", "1").customProperty("a", "2").build();

        assertThat(DatabaseDescriptorJson.fromBytes(DatabaseDescriptorJson.toBytes(descriptor))).isEqualTo(descriptor);
    }

    @Test
    void readsAbsentPropertiesAsNone() {
        DatabaseDescriptor descriptor = DatabaseDescriptorJson.fromBytes("{\"version\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(descriptor).isEqualTo(DatabaseDescriptor.empty());
    }

    @Test
    void rejectsMalformedProperties() {
        assertThatThrownBy(() -> DatabaseDescriptorJson.fromBytes(
                        "{\"custom_properties\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DescriptorJsonException.class)
                .hasMessageContaining("'custom_properties'");
    }
}
