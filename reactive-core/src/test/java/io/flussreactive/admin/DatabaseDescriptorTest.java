package io.flussreactive.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseDescriptorTest {

    @Test
    void emptyHasNoCommentAndNoProperties() {
        assertThat(DatabaseDescriptor.empty().comment()).isEmpty();
        assertThat(DatabaseDescriptor.empty().customProperties()).isEmpty();
        assertThat(DatabaseDescriptor.empty()).isEqualTo(DatabaseDescriptor.builder().build());
    }

    @Test
    void holdsCommentAndPropertiesInOrder() {
        DatabaseDescriptor descriptor = DatabaseDescriptor.builder()
                .comment("sales")
                .customProperty("z", "1")
                .customProperties(Map.of("a", "2"))
                .build();

        assertThat(descriptor.comment()).contains("sales");
        assertThat(descriptor.customProperties()).containsExactly(Map.entry("z", "1"), Map.entry("a", "2"))
                .isUnmodifiable();
    }
}
