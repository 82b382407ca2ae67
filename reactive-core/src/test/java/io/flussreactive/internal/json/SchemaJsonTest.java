package io.flussreactive.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.flussreactive.admin.Column;
import io.flussreactive.admin.Schema;
import io.flussreactive.type.DataTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaJsonTest {

    @Test
    void writesTheServersExactTextForASimpleSchema() {
        Schema schema = Schema.newBuilder()
                .column("id", DataTypes.BIGINT())
                .column("msg", DataTypes.STRING()).withComment("the message")
                .primaryKey("id")
                .build();

        assertThat(new String(SchemaJson.toBytes(schema), StandardCharsets.UTF_8)).isEqualTo("{\"version\":1,"
                + "\"columns\":[{\"name\":\"id\",\"data_type\":{\"type\":\"BIGINT\",\"nullable\":false},\"id\":0},"
                + "{\"name\":\"msg\",\"data_type\":{\"type\":\"STRING\"},\"comment\":\"the message\",\"id\":1}],"
                + "\"primary_key\":[\"id\"],\"highest_field_id\":1}");
    }

    @Test
    void numbersColumnsAndNestedFieldsDepthFirst() {
        Schema schema = Schema.newBuilder()
                .column("id", DataTypes.INT())
                .column("address", DataTypes.ROW(
                        DataTypes.FIELD("street", DataTypes.STRING()),
                        DataTypes.FIELD("geo", DataTypes.ROW(
                                DataTypes.FIELD("lat", DataTypes.DOUBLE()),
                                DataTypes.FIELD("lon", DataTypes.DOUBLE())))))
                .column("tags", DataTypes.ARRAY(DataTypes.ROW(DataTypes.FIELD("k", DataTypes.STRING()))))
                .column("attrs", DataTypes.MAP(DataTypes.STRING(), DataTypes.ROW(DataTypes.FIELD("v", DataTypes.INT()))))
                .column("score", DataTypes.INT())
                .build();

        JsonNode json = SchemaJson.toJson(schema);

        JsonNode columns = json.get("columns");
        assertThat(ids(columns, "id")).containsExactly(0, 1, 6, 8, 10);
        JsonNode address = columns.get(1).get("data_type").get("fields");
        assertThat(ids(address, "field_id")).containsExactly(2, 3);
        assertThat(ids(address.get(1).get("field_type").get("fields"), "field_id")).containsExactly(4, 5);
        assertThat(ids(columns.get(2).get("data_type").get("element_type").get("fields"), "field_id"))
                .containsExactly(7);
        assertThat(ids(columns.get(3).get("data_type").get("value_type").get("fields"), "field_id"))
                .containsExactly(9);
        assertThat(json.get("highest_field_id").intValue()).isEqualTo(10);
        assertThat(json.has("primary_key")).isFalse();
    }

    @Test
    void primaryKeyColumnsAreWrittenNotNull() {
        Schema schema = Schema.newBuilder().column("k", DataTypes.STRING()).primaryKey("k").build();

        JsonNode type = SchemaJson.toJson(schema).get("columns").get(0).get("data_type");

        assertThat(type.get("nullable").booleanValue()).isFalse();
    }

    @Test
    void emptySchemaHasHighestIdMinusOne() {
        assertThat(SchemaJson.toJson(Schema.newBuilder().build()).get("highest_field_id").intValue()).isEqualTo(-1);
    }

    @Test
    void roundTrips() {
        Schema schema = Schema.newBuilder()
                .column("id", DataTypes.BIGINT())
                .column("day", DataTypes.DATE()).withComment("partition")
                .column("payload", DataTypes.ARRAY(DataTypes.MAP(DataTypes.STRING(),
                        DataTypes.ROW(DataTypes.FIELD("n", DataTypes.INT(), "count")))))
                .primaryKey("id", "day")
                .build();

        assertThat(SchemaJson.fromBytes(SchemaJson.toBytes(schema))).isEqualTo(schema);
    }

    @Test
    void readingIgnoresIdsAndKeysThisClientDoesNotModel() {
        String json = "{\"version\":1,\"columns\":["
                + "{\"name\":\"id\",\"data_type\":{\"type\":\"BIGINT\",\"nullable\":false},\"id\":5},"
                + "{\"name\":\"total\",\"data_type\":{\"type\":\"BIGINT\"},"
                + "\"agg_function\":{\"type\":\"sum\"},\"id\":3}],"
                + "\"primary_key\":[\"id\"],\"auto_increment_column\":[\"x\"],\"highest_field_id\":9,\"other\":true}";

        Schema schema = SchemaJson.fromBytes(json.getBytes(StandardCharsets.UTF_8));

        assertThat(schema.columns()).containsExactly(
                new Column("id", DataTypes.BIGINT().notNull()),
                new Column("total", DataTypes.BIGINT()));
        assertThat(schema.primaryKey()).containsExactly("id");
    }

    @Test
    void malformedInputNamesTheProblem() {
        assertRejected("{\"version\":1}", "'columns'");
        assertRejected("{\"columns\":[{\"data_type\":{\"type\":\"INTEGER\"}}]}", "'name'");
        assertRejected("{\"columns\":[{\"name\":\"a\"}]}", "'data_type'");
        assertRejected("{\"columns\":[{\"name\":\"a\",\"data_type\":{\"type\":\"INTEGER\"}}],\"primary_key\":[\"b\"]}",
                "'b'");
        assertRejected("{\"columns\":[{\"name\":\"a\",\"data_type\":{\"type\":\"INTEGER\"}},"
                + "{\"name\":\"a\",\"data_type\":{\"type\":\"INTEGER\"}}]}", "Duplicate column names: [a]");
        assertRejected("{\"columns\":[],\"primary_key\":[1]}", "'primary_key'");
    }

    private static List<Integer> ids(JsonNode array, String key) {
        List<Integer> ids = new ArrayList<>();
        array.forEach(element -> ids.add(element.get(key).intValue()));
        return ids;
    }

    private static void assertRejected(String json, String expectedInMessage) {
        assertThatThrownBy(() -> SchemaJson.fromBytes(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DescriptorJsonException.class)
                .hasMessageContaining(expectedInMessage);
    }
}
