package io.flussreactive.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flussreactive.admin.Column;
import io.flussreactive.admin.Schema;
import java.util.List;

/**
 * Converts a {@link Schema} to and from the server's JSON form ({@code schema_json}, and the
 * {@code schema} of a table descriptor).
 *
 * <p>Writing numbers columns and nested ROW fields depth first from 0, the way the server's own
 * schema builder does: each column takes the next id, then the fields nested in its type take the
 * ids after it. {@code highest_field_id} is the last id used. Reading ignores all ids, and also
 * the keys this client does not model ({@code auto_increment_column}, a column's {@code
 * agg_function}).
 */
public final class SchemaJson {

    static final String VERSION = "version";
    static final String COLUMNS = "columns";
    static final String PRIMARY_KEY = "primary_key";
    static final String HIGHEST_FIELD_ID = "highest_field_id";
    static final String COLUMN_NAME = "name";
    static final String COLUMN_DATA_TYPE = "data_type";
    static final String COLUMN_COMMENT = "comment";
    static final String COLUMN_ID = "id";

    private static final int FORMAT_VERSION = 1;
    private static final String WHAT = "Schema JSON";
    private static final String COLUMN_WHAT = "Column JSON";

    private SchemaJson() {}

    /**
     * Writes a schema as a JSON object.
     *
     * @param schema the schema
     * @return its JSON object
     */
    public static ObjectNode toJson(Schema schema) {
        FieldIdCounter ids = new FieldIdCounter();
        ObjectNode node = JsonSupport.newObject();
        node.put(VERSION, FORMAT_VERSION);
        ArrayNode columns = node.putArray(COLUMNS);
        for (Column column : schema.columns()) {
            int id = ids.next();
            ObjectNode columnNode = columns.addObject();
            columnNode.put(COLUMN_NAME, column.name());
            columnNode.set(COLUMN_DATA_TYPE, DataTypeJson.toJson(column.dataType(), ids));
            if (column.comment() != null) {
                columnNode.put(COLUMN_COMMENT, column.comment());
            }
            columnNode.put(COLUMN_ID, id);
        }
        if (schema.hasPrimaryKey()) {
            node.set(PRIMARY_KEY, JsonSupport.stringArray(schema.primaryKey()));
        }
        node.put(HIGHEST_FIELD_ID, ids.highest());
        return node;
    }

    /**
     * Writes a schema as UTF-8 JSON bytes.
     *
     * @param schema the schema
     * @return the JSON bytes
     */
    public static byte[] toBytes(Schema schema) {
        return JsonSupport.toBytes(toJson(schema));
    }

    /**
     * Reads a schema from UTF-8 JSON bytes.
     *
     * @param json the JSON bytes
     * @return the schema
     * @throws DescriptorJsonException if the JSON is malformed or describes an invalid schema
     */
    public static Schema fromBytes(byte[] json) {
        return fromJson(JsonSupport.parse(json, WHAT));
    }

    /**
     * Reads a schema from its JSON object. Unknown keys are ignored.
     *
     * @param node the JSON object
     * @return the schema
     * @throws DescriptorJsonException if a key is missing or malformed, or the schema is invalid
     */
    public static Schema fromJson(JsonNode node) {
        JsonSupport.object(node, WHAT);
        ArrayNode columns = JsonSupport.array(JsonSupport.required(node, COLUMNS, WHAT), COLUMNS, WHAT);
        Schema.Builder builder = Schema.newBuilder();
        try {
            for (JsonNode columnNode : columns) {
                JsonSupport.object(columnNode, COLUMN_WHAT);
                builder.column(
                                JsonSupport.requiredText(columnNode, COLUMN_NAME, COLUMN_WHAT),
                                DataTypeJson.fromJson(JsonSupport.required(columnNode, COLUMN_DATA_TYPE, COLUMN_WHAT)))
                        .withComment(JsonSupport.optionalText(columnNode, COLUMN_COMMENT, COLUMN_WHAT));
            }
            List<String> primaryKey = JsonSupport.stringList(node, PRIMARY_KEY, WHAT);
            if (!primaryKey.isEmpty()) {
                builder.primaryKey(primaryKey);
            }
            return builder.build();
        } catch (DescriptorJsonException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new DescriptorJsonException(WHAT + " describes an invalid schema: " + e.getMessage(), e);
        }
    }
}
