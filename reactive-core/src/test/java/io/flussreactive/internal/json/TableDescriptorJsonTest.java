package io.flussreactive.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.admin.ArrowCompression;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.admin.TableProperties;
import io.flussreactive.table.TablePath;
import io.flussreactive.type.DataTypes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableDescriptorJsonTest {

    private static final Schema LOG_SCHEMA = Schema.newBuilder().column("msg", DataTypes.STRING()).build();

    @Test
    void roundTripsEveryPart() {
        TableDescriptor descriptor = TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.BIGINT())
                        .column("day", DataTypes.STRING())
                        .column("nested", DataTypes.ROW(DataTypes.FIELD("a", DataTypes.ARRAY(DataTypes.INT()))))
                        .primaryKey("id", "day")
                        .build())
                .comment("a table")
                .partitionedBy("day")
                .distributedBy(6, "id")
                .property("z.last", "1")
                .property(TableProperties.LOG_FORMAT, "ARROW")
                .logCompression(ArrowCompression.ZSTD, 5)
                .customProperty("owner", "team-a")
                .build();

        TableDescriptor read = TableDescriptorJson.fromBytes(TableDescriptorJson.toBytes(descriptor));

        assertThat(read).isEqualTo(descriptor);
        assertThat(read.properties().keySet()).containsExactlyElementsOf(descriptor.properties().keySet());
    }

    @Test
    void writesTheServersExactText() {
        TableDescriptor descriptor = TableDescriptor.builder()
                .schema(LOG_SCHEMA)
                .comment("c")
                .distributedBy(3)
                .property(TableProperties.LOG_FORMAT, "ARROW")
                .build();

        assertThat(text(descriptor)).isEqualTo("{\"version\":1,"
                + "\"schema\":{\"version\":1,\"columns\":[{\"name\":\"msg\",\"data_type\":{\"type\":\"STRING\"},\"id\":0}],"
                + "\"highest_field_id\":0},"
                + "\"comment\":\"c\",\"partition_key\":[],\"bucket_key\":[],\"bucket_count\":3,"
                + "\"properties\":{\"table.log.format\":\"ARROW\"},\"custom_properties\":{}}");
    }

    @Test
    void withoutDistributionWritesNeitherBucketKeyNorCount() {
        String json = text(TableDescriptor.builder().schema(LOG_SCHEMA).build());

        assertThat(json).doesNotContain("bucket_key").doesNotContain("bucket_count")
                .contains("\"partition_key\":[]", "\"properties\":{}", "\"custom_properties\":{}");
    }

    @Test
    void bucketKeysWithoutCountWriteOnlyTheKeys() {
        String json = text(TableDescriptor.builder().schema(LOG_SCHEMA).bucketKeys("msg").build());

        assertThat(json).contains("\"bucket_key\":[\"msg\"]").doesNotContain("bucket_count");
    }

    @Test
    void parsesTheTableOfTheProtocolGuide() {
        String json = """
                {"version":1,
                 "schema":{"version":1,
                           "columns":[{"name":"id","data_type":{"type":"BIGINT","nullable":false},"id":0},
                                      {"name":"msg","data_type":{"type":"STRING"},"id":1},
                                      {"name":"ts","data_type":{"type":"TIMESTAMP_WITH_LOCAL_TIME_ZONE","precision":3},"id":2}],
                           "highest_field_id":2},
                 "partition_key":[], "bucket_key":[], "bucket_count":3,
                 "properties":{"table.log.format":"ARROW","table.log.arrow.compression.type":"ZSTD"},
                 "custom_properties":{}}
                """;

        TableDescriptor descriptor = TableDescriptorJson.fromBytes(json.getBytes(StandardCharsets.UTF_8));

        assertThat(descriptor).isEqualTo(TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", DataTypes.BIGINT().notNull())
                        .column("msg", DataTypes.STRING())
                        .column("ts", DataTypes.TIMESTAMP_LTZ(3))
                        .build())
                .distributedBy(3)
                .property("table.log.format", "ARROW")
                .property("table.log.arrow.compression.type", "ZSTD")
                .build());
    }

    @Test
    void parsesWhatGetTableInfoReturnsForAPrimaryKeyTable() {
        // Shape of a 0.9.1 answer: server-filled properties, normalized bucket key, ids, no comment.
        String json = "{\"version\":1,\"schema\":{\"version\":1,\"columns\":["
                + "{\"name\":\"id\",\"data_type\":{\"type\":\"INTEGER\",\"nullable\":false},\"id\":0},"
                + "{\"name\":\"v\",\"data_type\":{\"type\":\"STRING\"},\"id\":1}],"
                + "\"primary_key\":[\"id\"],\"highest_field_id\":1},"
                + "\"partition_key\":[],\"bucket_key\":[\"id\"],\"bucket_count\":1,"
                + "\"properties\":{\"table.replication.factor\":\"1\",\"table.kv.format-version\":\"2\"},"
                + "\"custom_properties\":{}}";

        TableInfo info = TableInfo.of(TablePath.of("d", "t"), 11L, 1,
                TableDescriptorJson.fromBytes(json.getBytes(StandardCharsets.UTF_8)), 5L, 6L);

        assertThat(info.primaryKey()).containsExactly("id");
        assertThat(info.bucketKeys()).containsExactly("id");
        assertThat(info.numBuckets()).isEqualTo(1);
        assertThat(info.kvFormatVersion()).isEqualTo(2);
        assertThat(info.properties()).containsExactly(
                Map.entry("table.replication.factor", "1"), Map.entry("table.kv.format-version", "2"));
    }

    @Test
    void toleratesAbsentOptionalKeysAndUnknownOnes() {
        String json = "{\"schema\":{\"columns\":[{\"name\":\"a\",\"data_type\":{\"type\":\"INTEGER\"}}]},"
                + "\"bucket_count\":2,\"added_later\":{\"x\":1}}";

        TableDescriptor descriptor = TableDescriptorJson.fromBytes(json.getBytes(StandardCharsets.UTF_8));

        assertThat(descriptor.bucketCount()).hasValue(2);
        assertThat(descriptor.bucketKeys()).isEmpty();
        assertThat(descriptor.partitionKeys()).isEmpty();
        assertThat(descriptor.properties()).isEmpty();
        assertThat(descriptor.comment()).isEmpty();
    }

    @Test
    void malformedInputNamesTheProblem() {
        assertRejected("{\"partition_key\":[]}", "'schema'");
        assertRejected("{\"schema\":{\"columns\":[]},\"bucket_count\":\"three\"}", "'bucket_count'");
        assertRejected("{\"schema\":{\"columns\":[]},\"partition_key\":\"day\"}", "'partition_key'");
        assertRejected("{\"schema\":{\"columns\":[]},\"properties\":{\"k\":[1]}}", "'properties.k'");
        assertRejected("{\"schema\":{\"columns\":[]},\"comment\":5}", "'comment'");
    }

    private static String text(TableDescriptor descriptor) {
        return new String(TableDescriptorJson.toBytes(descriptor), StandardCharsets.UTF_8);
    }

    private static void assertRejected(String json, String expectedInMessage) {
        assertThatThrownBy(() -> TableDescriptorJson.fromBytes(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DescriptorJsonException.class)
                .hasMessageContaining(expectedInMessage);
    }
}
