package io.flussreactive.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flussreactive.type.ArrayType;
import io.flussreactive.type.BigIntType;
import io.flussreactive.type.BinaryType;
import io.flussreactive.type.BooleanType;
import io.flussreactive.type.BytesType;
import io.flussreactive.type.CharType;
import io.flussreactive.type.DataField;
import io.flussreactive.type.DataType;
import io.flussreactive.type.DataTypeRoot;
import io.flussreactive.type.DateType;
import io.flussreactive.type.DecimalType;
import io.flussreactive.type.DoubleType;
import io.flussreactive.type.FloatType;
import io.flussreactive.type.IntType;
import io.flussreactive.type.LocalZonedTimestampType;
import io.flussreactive.type.MapType;
import io.flussreactive.type.RowType;
import io.flussreactive.type.SmallIntType;
import io.flussreactive.type.StringType;
import io.flussreactive.type.TimeType;
import io.flussreactive.type.TimestampType;
import io.flussreactive.type.TinyIntType;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts a {@link DataType} to and from the server's JSON form, for example {@code
 * {"type":"DECIMAL","nullable":false,"precision":10,"scale":2}}.
 *
 * <p>{@code type} is the {@link DataTypeRoot} name; {@code nullable} is written only when false
 * and means true when absent. Fields of a ROW carry a {@code field_id}, which is written but
 * ignored when reading: ids belong to the schema, which numbers them.
 */
public final class DataTypeJson {

    static final String TYPE = "type";
    static final String NULLABLE = "nullable";
    static final String LENGTH = "length";
    static final String PRECISION = "precision";
    static final String SCALE = "scale";
    static final String ELEMENT_TYPE = "element_type";
    static final String KEY_TYPE = "key_type";
    static final String VALUE_TYPE = "value_type";
    static final String FIELDS = "fields";
    static final String FIELD_NAME = "name";
    static final String FIELD_TYPE = "field_type";
    static final String FIELD_DESCRIPTION = "description";
    static final String FIELD_ID = "field_id";

    private static final String WHAT = "Data type JSON";

    private DataTypeJson() {}

    /**
     * Writes a type on its own, as in {@code data_type_json}. Nested ROW fields are numbered from 0;
     * the server renumbers them when it adds the type to a schema.
     *
     * @param type the type
     * @return its JSON object
     */
    public static ObjectNode toJson(DataType type) {
        return toJson(type, new FieldIdCounter());
    }

    /**
     * Writes a type on its own as UTF-8 JSON bytes.
     *
     * @param type the type
     * @return the JSON bytes
     */
    public static byte[] toBytes(DataType type) {
        return JsonSupport.toBytes(toJson(type));
    }

    /**
     * Reads a type from UTF-8 JSON bytes.
     *
     * @param json the JSON bytes
     * @return the type
     * @throws DescriptorJsonException if the JSON is malformed or describes an invalid type
     */
    public static DataType fromBytes(byte[] json) {
        return fromJson(JsonSupport.parse(json, WHAT));
    }

    /** Writes a type, taking the ids of nested ROW fields from {@code ids} depth first. */
    static ObjectNode toJson(DataType type, FieldIdCounter ids) {
        ObjectNode node = JsonSupport.newObject();
        node.put(TYPE, type.root().name());
        if (!type.nullable()) {
            node.put(NULLABLE, false);
        }
        switch (type.root()) {
            case CHAR -> node.put(LENGTH, ((CharType) type).length());
            case BINARY -> node.put(LENGTH, ((BinaryType) type).length());
            case DECIMAL -> {
                DecimalType decimal = (DecimalType) type;
                node.put(PRECISION, decimal.precision());
                node.put(SCALE, decimal.scale());
            }
            case TIME_WITHOUT_TIME_ZONE -> node.put(PRECISION, ((TimeType) type).precision());
            case TIMESTAMP_WITHOUT_TIME_ZONE -> node.put(PRECISION, ((TimestampType) type).precision());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    node.put(PRECISION, ((LocalZonedTimestampType) type).precision());
            case ARRAY -> node.set(ELEMENT_TYPE, toJson(((ArrayType) type).elementType(), ids));
            case MAP -> {
                MapType map = (MapType) type;
                node.set(KEY_TYPE, toJson(map.keyType(), ids));
                node.set(VALUE_TYPE, toJson(map.valueType(), ids));
            }
            case ROW -> node.set(FIELDS, fieldsToJson((RowType) type, ids));
            default -> {
                // The remaining types have no parameters.
            }
        }
        return node;
    }

    private static ArrayNode fieldsToJson(RowType row, FieldIdCounter ids) {
        ArrayNode fields = JsonSupport.MAPPER.createArrayNode();
        for (DataField field : row.fields()) {
            // A field takes its id before the fields nested inside it, as the server numbers them.
            int id = ids.next();
            ObjectNode fieldNode = fields.addObject();
            fieldNode.put(FIELD_NAME, field.name());
            fieldNode.set(FIELD_TYPE, toJson(field.type(), ids));
            if (field.description() != null) {
                fieldNode.put(FIELD_DESCRIPTION, field.description());
            }
            fieldNode.put(FIELD_ID, id);
        }
        return fields;
    }

    /**
     * Reads a type from its JSON object. Unknown keys are ignored.
     *
     * @param node the JSON object
     * @return the type
     * @throws DescriptorJsonException if a key is missing or malformed, or the type is invalid
     */
    public static DataType fromJson(JsonNode node) {
        JsonSupport.object(node, WHAT);
        String typeName = JsonSupport.requiredText(node, TYPE, WHAT);
        DataTypeRoot root;
        try {
            root = DataTypeRoot.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            throw new DescriptorJsonException(WHAT + ": unknown type '" + typeName + "' in " + node, e);
        }
        boolean nullable = readNullable(node);
        try {
            return typeOf(root, nullable, node);
        } catch (DescriptorJsonException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new DescriptorJsonException(WHAT + ": invalid type " + node + ": " + e.getMessage(), e);
        }
    }

    private static boolean readNullable(JsonNode node) {
        JsonNode nullable = node.get(NULLABLE);
        if (nullable == null || nullable.isNull()) {
            return true;
        }
        if (!nullable.isBoolean()) {
            throw new DescriptorJsonException(WHAT + ": '" + NULLABLE + "' must be a boolean, but was " + nullable);
        }
        return nullable.booleanValue();
    }

    private static DataType typeOf(DataTypeRoot root, boolean nullable, JsonNode node) {
        return switch (root) {
            case BOOLEAN -> new BooleanType(nullable);
            case TINYINT -> new TinyIntType(nullable);
            case SMALLINT -> new SmallIntType(nullable);
            case INTEGER -> new IntType(nullable);
            case BIGINT -> new BigIntType(nullable);
            case FLOAT -> new FloatType(nullable);
            case DOUBLE -> new DoubleType(nullable);
            case STRING -> new StringType(nullable);
            case BYTES -> new BytesType(nullable);
            case DATE -> new DateType(nullable);
            case CHAR -> new CharType(nullable, JsonSupport.requiredInt(node, LENGTH, WHAT));
            case BINARY -> new BinaryType(nullable, JsonSupport.requiredInt(node, LENGTH, WHAT));
            case DECIMAL -> new DecimalType(
                    nullable,
                    JsonSupport.requiredInt(node, PRECISION, WHAT),
                    JsonSupport.requiredInt(node, SCALE, WHAT));
            case TIME_WITHOUT_TIME_ZONE -> new TimeType(nullable, JsonSupport.requiredInt(node, PRECISION, WHAT));
            case TIMESTAMP_WITHOUT_TIME_ZONE ->
                    new TimestampType(nullable, JsonSupport.requiredInt(node, PRECISION, WHAT));
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    new LocalZonedTimestampType(nullable, JsonSupport.requiredInt(node, PRECISION, WHAT));
            case ARRAY -> new ArrayType(nullable, fromJson(JsonSupport.required(node, ELEMENT_TYPE, WHAT)));
            case MAP -> new MapType(
                    nullable,
                    fromJson(JsonSupport.required(node, KEY_TYPE, WHAT)),
                    fromJson(JsonSupport.required(node, VALUE_TYPE, WHAT)));
            case ROW -> new RowType(nullable, fieldsFromJson(node));
        };
    }

    private static List<DataField> fieldsFromJson(JsonNode node) {
        ArrayNode fieldNodes = JsonSupport.array(JsonSupport.required(node, FIELDS, WHAT), FIELDS, WHAT);
        List<DataField> fields = new ArrayList<>(fieldNodes.size());
        for (JsonNode fieldNode : fieldNodes) {
            String what = "Row field JSON";
            JsonSupport.object(fieldNode, what);
            fields.add(new DataField(
                    JsonSupport.requiredText(fieldNode, FIELD_NAME, what),
                    fromJson(JsonSupport.required(fieldNode, FIELD_TYPE, what)),
                    JsonSupport.optionalText(fieldNode, FIELD_DESCRIPTION, what)));
        }
        return fields;
    }
}
