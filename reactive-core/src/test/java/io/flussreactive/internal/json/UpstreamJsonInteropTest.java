package io.flussreactive.internal.json;

import static io.flussreactive.type.DataTypes.ARRAY;
import static io.flussreactive.type.DataTypes.BIGINT;
import static io.flussreactive.type.DataTypes.BINARY;
import static io.flussreactive.type.DataTypes.BOOLEAN;
import static io.flussreactive.type.DataTypes.BYTES;
import static io.flussreactive.type.DataTypes.CHAR;
import static io.flussreactive.type.DataTypes.DATE;
import static io.flussreactive.type.DataTypes.DECIMAL;
import static io.flussreactive.type.DataTypes.DOUBLE;
import static io.flussreactive.type.DataTypes.FIELD;
import static io.flussreactive.type.DataTypes.FLOAT;
import static io.flussreactive.type.DataTypes.INT;
import static io.flussreactive.type.DataTypes.MAP;
import static io.flussreactive.type.DataTypes.ROW;
import static io.flussreactive.type.DataTypes.SMALLINT;
import static io.flussreactive.type.DataTypes.STRING;
import static io.flussreactive.type.DataTypes.TIME;
import static io.flussreactive.type.DataTypes.TIMESTAMP;
import static io.flussreactive.type.DataTypes.TIMESTAMP_LTZ;
import static io.flussreactive.type.DataTypes.TINYINT;
import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.interop.EveryType;
import io.flussreactive.interop.EveryType.TypePair;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.Schema;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.type.DataType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.fluss.types.DataTypes;
import org.apache.fluss.utils.json.DataTypeJsonSerde;
import org.apache.fluss.utils.json.JsonSerdeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks our JSON against the serializers of the official client 0.9.1, which are the server's own.
 * In this class the statically imported factories ({@code INT()}) are ours and {@code
 * DataTypes.INT()} is the official client's.
 */
class UpstreamJsonInteropTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static List<TypePair> everyTypeBothNullabilities() {
        List<TypePair> pairs = new ArrayList<>();
        for (TypePair pair : EveryType.pairs()) {
            pairs.add(pair);
            pairs.add(new TypePair(pair.ours().notNull(), pair.upstream().copy(false)));
        }
        return pairs;
    }

    @ParameterizedTest
    @MethodSource("everyTypeBothNullabilities")
    void summaryEqualsTheOfficialSummary(TypePair pair) {
        assertThat(pair.ours().toString()).isEqualTo(pair.upstream().asSummaryString());
    }

    @ParameterizedTest
    @MethodSource("everyTypeBothNullabilities")
    void typeJsonEqualsTheOfficialJsonApartFromFieldIds(TypePair pair) throws IOException {
        // Standalone, the official client writes -1 for every nested field id; ids only matter in schemas.
        JsonNode ours = withoutFieldIds(DataTypeJson.toJson(pair.ours()));
        JsonNode upstream = withoutFieldIds(MAPPER.readTree(
                JsonSerdeUtils.writeValueAsBytes(pair.upstream(), DataTypeJsonSerde.INSTANCE)));

        assertThat(ours).isEqualTo(upstream);
    }

    @ParameterizedTest
    @MethodSource("everyTypeBothNullabilities")
    void typeJsonIsReadByBothSides(TypePair pair) {
        byte[] upstreamJson = JsonSerdeUtils.writeValueAsBytes(pair.upstream(), DataTypeJsonSerde.INSTANCE);

        assertThat(DataTypeJson.fromBytes(upstreamJson)).isEqualTo(pair.ours());
        assertThat(JsonSerdeUtils.readValue(DataTypeJson.toBytes(pair.ours()), DataTypeJsonSerde.INSTANCE))
                .isEqualTo(pair.upstream());
    }

    @Test
    void officialClientReadsOurTableDescriptor() {
        TableDescriptor ours = EveryType.ourTableDescriptor();

        org.apache.fluss.metadata.TableDescriptor parsed =
                org.apache.fluss.metadata.TableDescriptor.fromJsonBytes(TableDescriptorJson.toBytes(ours));

        assertThat(EveryType.columnsOf(parsed)).containsExactlyElementsOf(EveryType.columnsOf(ours));
        assertThat(parsed.getSchema().getPrimaryKeyColumnNames()).isEqualTo(ours.schema().primaryKey());
        assertThat(parsed.getPartitionKeys()).isEqualTo(ours.partitionKeys());
        assertThat(parsed.getBucketKeys()).isEqualTo(ours.bucketKeys());
        assertThat(parsed.getTableDistribution().flatMap(d -> d.getBucketCount())).contains(4);
        assertThat(parsed.getProperties()).isEqualTo(ours.properties());
        assertThat(parsed.getCustomProperties()).isEqualTo(ours.customProperties());
        assertThat(parsed.getComment()).isEqualTo(ours.comment());
        // Upstream equality also covers column ids and the highest field id.
        assertThat(parsed).isEqualTo(EveryType.officialTableDescriptor());
    }

    @Test
    void officialClientReadsALogTableWithOnlyABucketCount() {
        TableDescriptor ours = TableDescriptor.builder()
                .schema(Schema.newBuilder().column("msg", STRING()).build())
                .distributedBy(3)
                .build();

        org.apache.fluss.metadata.TableDescriptor parsed =
                org.apache.fluss.metadata.TableDescriptor.fromJsonBytes(TableDescriptorJson.toBytes(ours));

        assertThat(parsed.getTableDistribution().flatMap(d -> d.getBucketCount())).contains(3);
        assertThat(parsed.getBucketKeys()).isEmpty();
        assertThat(TableDescriptorJson.fromBytes(parsed.toJsonBytes())).isEqualTo(ours);
    }

    @Test
    void weReadTheOfficialClientsTableDescriptor() {
        TableDescriptor parsed = TableDescriptorJson.fromBytes(EveryType.officialTableDescriptor().toJsonBytes());

        assertThat(parsed).isEqualTo(EveryType.ourTableDescriptor());
    }

    @Test
    void tableJsonIsTheSameTreeIncludingAllIds() throws IOException {
        JsonNode ours = MAPPER.readTree(TableDescriptorJson.toBytes(EveryType.ourTableDescriptor()));
        JsonNode upstream = MAPPER.readTree(EveryType.officialTableDescriptor().toJsonBytes());

        assertThat(ours).isEqualTo(upstream);
    }

    @Test
    void tableJsonIsByteIdenticalWhenMapOrderIsFixed() {
        TableDescriptor ours = TableDescriptor.builder()
                .schema(Schema.newBuilder()
                        .column("id", BIGINT()).withComment("key")
                        .column("r", ROW(FIELD("x", INT(), "x axis")))
                        .primaryKey("id")
                        .build())
                .comment("t")
                .distributedBy(2, "id")
                .property("table.log.format", "ARROW")
                .customProperty("k", "v")
                .build();
        org.apache.fluss.metadata.TableDescriptor upstream = org.apache.fluss.metadata.TableDescriptor.builder()
                .schema(org.apache.fluss.metadata.Schema.newBuilder()
                        .column("id", DataTypes.BIGINT()).withComment("key")
                        .column("r", DataTypes.ROW(DataTypes.FIELD("x", DataTypes.INT(), "x axis")))
                        .primaryKey("id")
                        .build())
                .comment("t")
                .distributedBy(2, "id")
                .property("table.log.format", "ARROW")
                .customProperty("k", "v")
                .build();

        assertThat(new String(TableDescriptorJson.toBytes(ours), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(upstream.toJsonBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void schemaJsonIsReadByBothSides() {
        Schema ours = EveryType.ourTableDescriptor().schema();
        org.apache.fluss.metadata.Schema upstream = EveryType.officialTableDescriptor().getSchema();

        assertThat(org.apache.fluss.metadata.Schema.fromJsonBytes(SchemaJson.toBytes(ours))).isEqualTo(upstream);
        assertThat(SchemaJson.fromBytes(upstream.toJsonBytes())).isEqualTo(ours);
    }

    @Test
    void databaseJsonIsReadByBothSides() {
        DatabaseDescriptor ours = DatabaseDescriptor.builder().comment("db").customProperty("k", "v").build();
        org.apache.fluss.metadata.DatabaseDescriptor upstream = org.apache.fluss.metadata.DatabaseDescriptor.builder()
                .comment("db").customProperty("k", "v").build();

        org.apache.fluss.metadata.DatabaseDescriptor parsedUpstream =
                org.apache.fluss.metadata.DatabaseDescriptor.fromJsonBytes(DatabaseDescriptorJson.toBytes(ours));
        assertThat(parsedUpstream.getComment()).contains("db");
        assertThat(parsedUpstream.getCustomProperties()).isEqualTo(ours.customProperties());
        assertThat(DatabaseDescriptorJson.fromBytes(upstream.toJsonBytes())).isEqualTo(ours);
        assertThat(DatabaseDescriptorJson.toBytes(ours)).isEqualTo(upstream.toJsonBytes());
    }

    private static JsonNode withoutFieldIds(JsonNode node) {
        JsonNode copy = node.deepCopy();
        stripFieldIds(copy);
        return copy;
    }

    private static void stripFieldIds(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("field_id");
        }
        node.forEach(UpstreamJsonInteropTest::stripFieldIds);
    }
}
