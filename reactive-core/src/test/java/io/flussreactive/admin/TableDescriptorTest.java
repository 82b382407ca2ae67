package io.flussreactive.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.type.DataTypes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableDescriptorTest {

    private static final Schema SCHEMA = Schema.newBuilder()
            .column("id", DataTypes.BIGINT())
            .column("day", DataTypes.STRING())
            .primaryKey("id", "day")
            .build();

    @Test
    void holdsEverythingItWasBuiltWith() {
        TableDescriptor descriptor = TableDescriptor.builder()
                .schema(SCHEMA)
                .comment("orders")
                .partitionedBy("day")
                .distributedBy(4, "id")
                .property("b", "2")
                .property("a", "1")
                .customProperty("owner", "team")
                .build();

        assertThat(descriptor.schema()).isEqualTo(SCHEMA);
        assertThat(descriptor.comment()).contains("orders");
        assertThat(descriptor.partitionKeys()).containsExactly("day");
        assertThat(descriptor.isPartitioned()).isTrue();
        assertThat(descriptor.bucketCount()).hasValue(4);
        assertThat(descriptor.bucketKeys()).containsExactly("id");
        assertThat(descriptor.properties()).containsExactly(Map.entry("b", "2"), Map.entry("a", "1"));
        assertThat(descriptor.customProperties()).containsExactly(Map.entry("owner", "team"));
    }

    @Test
    void defaultsAreEmpty() {
        TableDescriptor descriptor = TableDescriptor.builder().schema(SCHEMA).build();

        assertThat(descriptor.comment()).isEmpty();
        assertThat(descriptor.partitionKeys()).isEmpty();
        assertThat(descriptor.isPartitioned()).isFalse();
        assertThat(descriptor.bucketCount()).isEmpty();
        assertThat(descriptor.bucketKeys()).isEmpty();
        assertThat(descriptor.properties()).isEmpty();
        assertThat(descriptor.customProperties()).isEmpty();
    }

    @Test
    void typedSettersWriteTheServerPropertyKeys() {
        TableDescriptor descriptor = TableDescriptor.builder()
                .schema(SCHEMA)
                .logFormat(LogFormat.INDEXED)
                .kvFormat(KvFormat.INDEXED)
                .logCompression(ArrowCompression.ZSTD, 9)
                .replicationFactor(3)
                .autoPartition(AutoPartitionTimeUnit.HOUR)
                .build();

        assertThat(descriptor.properties()).containsExactly(
                Map.entry("table.log.format", "INDEXED"),
                Map.entry("table.kv.format", "INDEXED"),
                Map.entry("table.log.arrow.compression.type", "ZSTD"),
                Map.entry("table.log.arrow.compression.zstd.level", "9"),
                Map.entry("table.replication.factor", "3"),
                Map.entry("table.auto-partition.enabled", "true"),
                Map.entry("table.auto-partition.time-unit", "HOUR"));
    }

    @Test
    void compressionLevelIsOnlyForZstd() {
        TableDescriptor.Builder builder = TableDescriptor.builder().schema(SCHEMA);

        assertThatThrownBy(() -> builder.logCompression(ArrowCompression.LZ4_FRAME, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LZ4_FRAME");
        assertThat(builder.logCompression(ArrowCompression.NONE).build().properties())
                .containsExactly(Map.entry(TableProperties.LOG_ARROW_COMPRESSION_TYPE, "NONE"));
    }

    @Test
    void leavesServerRulesToTheServer() {
        // An unknown bucket key is the server's to reject, with its message.
        TableDescriptor descriptor = TableDescriptor.builder().schema(SCHEMA).distributedBy(2, "nope").build();

        assertThat(descriptor.bucketCount()).hasValue(2);
        assertThat(descriptor.bucketKeys()).containsExactly("nope");
    }

    @Test
    void rejectsABucketCountBelowOne() {
        // The server reports this only as an unknown error with a stack trace, so the builder says it clearly.
        assertThatThrownBy(() -> TableDescriptor.builder().schema(SCHEMA).distributedBy(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 bucket");
    }

    @Test
    void needsASchema() {
        assertThatThrownBy(() -> TableDescriptor.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema");
    }

    @Test
    void isImmutable() {
        Map<String, String> properties = new LinkedHashMap<>(Map.of("k", "v"));
        TableDescriptor descriptor = TableDescriptor.builder().schema(SCHEMA).properties(properties).build();

        properties.put("other", "x");

        assertThat(descriptor.properties()).containsOnlyKeys("k").isUnmodifiable();
        assertThat(descriptor.customProperties()).isUnmodifiable();
        assertThat(descriptor.partitionKeys()).isUnmodifiable();
    }

    @Test
    void equalDescriptorsAreEqual() {
        TableDescriptor first = TableDescriptor.builder().schema(SCHEMA).distributedBy(3).comment("c").build();
        TableDescriptor second = TableDescriptor.builder().schema(SCHEMA).comment("c").distributedBy(3).build();

        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second)
                .isNotEqualTo(TableDescriptor.builder().schema(SCHEMA).distributedBy(4).comment("c").build());
    }
}
