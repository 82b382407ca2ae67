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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.type.DataType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DataTypeJsonTest {

    static Stream<DataType> everyType() {
        return Stream.of(
                BOOLEAN(), TINYINT(), SMALLINT(), INT(), BIGINT(), FLOAT(), DOUBLE(),
                CHAR(1), CHAR(200), STRING(), BINARY(16), BYTES(),
                DECIMAL(10, 2), DECIMAL(38, 0), DECIMAL(1, 1), DATE(),
                TIME(), TIME(9), TIMESTAMP(), TIMESTAMP(0), TIMESTAMP_LTZ(), TIMESTAMP_LTZ(3),
                ARRAY(INT()), MAP(STRING(), DOUBLE()),
                ROW(FIELD("a", INT()), FIELD("b", STRING(), "described")),
                ARRAY(MAP(STRING(), ROW(
                        FIELD("id", BIGINT().notNull()),
                        FIELD("inner", ROW(FIELD("when", TIMESTAMP_LTZ(9)), FIELD("tags", ARRAY(CHAR(3))))),
                        FIELD("amounts", MAP(INT(), DECIMAL(20, 4)), "per code")))));
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void nullableTypeRoundTrips(DataType type) {
        assertThat(DataTypeJson.fromBytes(DataTypeJson.toBytes(type))).isEqualTo(type);
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void notNullTypeRoundTrips(DataType type) {
        DataType notNull = type.notNull();

        assertThat(DataTypeJson.fromJson(DataTypeJson.toJson(notNull))).isEqualTo(notNull);
    }

    @Test
    void writesTheServersExactText() {
        assertThat(json(DECIMAL(10, 2).notNull())).isEqualTo(
                "{\"type\":\"DECIMAL\",\"nullable\":false,\"precision\":10,\"scale\":2}");
        assertThat(json(INT())).isEqualTo("{\"type\":\"INTEGER\"}");
        assertThat(json(CHAR(5))).isEqualTo("{\"type\":\"CHAR\",\"length\":5}");
        assertThat(json(BINARY(3).notNull())).isEqualTo("{\"type\":\"BINARY\",\"nullable\":false,\"length\":3}");
        assertThat(json(TIME())).isEqualTo("{\"type\":\"TIME_WITHOUT_TIME_ZONE\",\"precision\":0}");
        assertThat(json(TIMESTAMP())).isEqualTo("{\"type\":\"TIMESTAMP_WITHOUT_TIME_ZONE\",\"precision\":6}");
        assertThat(json(TIMESTAMP_LTZ(3))).isEqualTo("{\"type\":\"TIMESTAMP_WITH_LOCAL_TIME_ZONE\",\"precision\":3}");
        assertThat(json(ARRAY(INT().notNull()))).isEqualTo(
                "{\"type\":\"ARRAY\",\"element_type\":{\"type\":\"INTEGER\",\"nullable\":false}}");
        assertThat(json(MAP(STRING(), INT()))).isEqualTo(
                "{\"type\":\"MAP\",\"key_type\":{\"type\":\"STRING\",\"nullable\":false},"
                        + "\"value_type\":{\"type\":\"INTEGER\"}}");
    }

    @Test
    void numbersNestedRowFieldsDepthFirstWhenWrittenAlone() {
        DataType type = ROW(
                FIELD("a", ROW(FIELD("x", INT()))),
                FIELD("b", STRING(), "the b"));

        assertThat(json(type)).isEqualTo("{\"type\":\"ROW\",\"fields\":["
                + "{\"name\":\"a\",\"field_type\":{\"type\":\"ROW\",\"fields\":["
                + "{\"name\":\"x\",\"field_type\":{\"type\":\"INTEGER\"},\"field_id\":1}]},\"field_id\":0},"
                + "{\"name\":\"b\",\"field_type\":{\"type\":\"STRING\"},\"description\":\"the b\",\"field_id\":2}]}");
    }

    @Test
    void readsWhatTheServerWritesAndIgnoresUnknownKeys() {
        DataType type = read("{\"type\":\"ROW\",\"nullable\":false,\"future\":1,\"fields\":["
                + "{\"name\":\"a\",\"field_type\":{\"type\":\"INTEGER\",\"nullable\":true},\"field_id\":7},"
                + "{\"name\":\"b\",\"field_type\":{\"type\":\"STRING\"},\"description\":null}]}");

        assertThat(type).isEqualTo(ROW(FIELD("a", INT()), FIELD("b", STRING())).notNull());
    }

    @Test
    void readingForcesMapKeysNotNull() {
        DataType type = read("{\"type\":\"MAP\",\"key_type\":{\"type\":\"STRING\"},\"value_type\":{\"type\":\"INTEGER\"}}");

        assertThat(type).hasToString("MAP<STRING NOT NULL, INT>");
    }

    @Test
    void malformedInputNamesTheOffendingKeyOrValue() {
        assertRejected("{\"nullable\":false}", "'type'");
        assertRejected("{\"type\":\"VARCHAR\"}", "'VARCHAR'");
        assertRejected("{\"type\":\"TIME_WITHOUT_TIME_ZONE\"}", "'precision'");
        assertRejected("{\"type\":\"DECIMAL\",\"precision\":50,\"scale\":2}", "was 50");
        assertRejected("{\"type\":\"CHAR\",\"length\":\"5\"}", "'length'");
        assertRejected("{\"type\":\"CHAR\",\"length\":5000000000}", "'length'");
        assertRejected("{\"type\":\"INTEGER\",\"nullable\":\"no\"}", "'nullable'");
        assertRejected("{\"type\":\"ARRAY\"}", "'element_type'");
        assertRejected("{\"type\":\"ROW\",\"fields\":{}}", "'fields'");
        assertRejected("{\"type\":\"ROW\",\"fields\":[{\"field_type\":{\"type\":\"INTEGER\"}}]}", "'name'");
        assertRejected("[1]", "JSON object");
        assertRejected("{\"type\":", "not valid JSON");
    }

    @Test
    void rejectsEmptyInput() {
        assertThatThrownBy(() -> DataTypeJson.fromBytes(new byte[0]))
                .isInstanceOf(DescriptorJsonException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void rowFieldsKeepTheirOrder() {
        DataType type = read("{\"type\":\"ROW\",\"fields\":["
                + "{\"name\":\"z\",\"field_type\":{\"type\":\"INTEGER\"}},"
                + "{\"name\":\"a\",\"field_type\":{\"type\":\"INTEGER\"}}]}");

        assertThat(((io.flussreactive.type.RowType) type).fieldNames()).isEqualTo(List.of("z", "a"));
    }

    private static String json(DataType type) {
        return new String(DataTypeJson.toBytes(type), StandardCharsets.UTF_8);
    }

    private static DataType read(String json) {
        return DataTypeJson.fromBytes(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRejected(String json, String expectedInMessage) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(DescriptorJsonException.class)
                .hasMessageContaining(expectedInMessage);
    }
}
