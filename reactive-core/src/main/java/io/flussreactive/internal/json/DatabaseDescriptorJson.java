package io.flussreactive.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flussreactive.admin.DatabaseDescriptor;

/**
 * Converts a {@link DatabaseDescriptor} to and from the server's JSON form ({@code
 * database_json}): {@code {"version":1,"comment":"...","custom_properties":{}}}, where the comment
 * is optional and {@code custom_properties} is always written.
 */
public final class DatabaseDescriptorJson {

    static final String VERSION = "version";
    static final String COMMENT = "comment";
    static final String CUSTOM_PROPERTIES = "custom_properties";

    private static final int FORMAT_VERSION = 1;
    private static final String WHAT = "Database descriptor JSON";

    private DatabaseDescriptorJson() {}

    /**
     * Writes a database descriptor as a JSON object.
     *
     * @param descriptor the descriptor
     * @return its JSON object
     */
    public static ObjectNode toJson(DatabaseDescriptor descriptor) {
        ObjectNode node = JsonSupport.newObject();
        node.put(VERSION, FORMAT_VERSION);
        descriptor.comment().ifPresent(comment -> node.put(COMMENT, comment));
        node.set(CUSTOM_PROPERTIES, JsonSupport.stringObject(descriptor.customProperties()));
        return node;
    }

    /**
     * Writes a database descriptor as UTF-8 JSON bytes.
     *
     * @param descriptor the descriptor
     * @return the JSON bytes
     */
    public static byte[] toBytes(DatabaseDescriptor descriptor) {
        return JsonSupport.toBytes(toJson(descriptor));
    }

    /**
     * Reads a database descriptor from UTF-8 JSON bytes.
     *
     * @param json the JSON bytes
     * @return the descriptor
     * @throws DescriptorJsonException if the JSON is malformed
     */
    public static DatabaseDescriptor fromBytes(byte[] json) {
        return fromJson(JsonSupport.parse(json, WHAT));
    }

    /**
     * Reads a database descriptor from its JSON object. Unknown keys are ignored; absent custom
     * properties mean none.
     *
     * @param node the JSON object
     * @return the descriptor
     * @throws DescriptorJsonException if a key is malformed
     */
    public static DatabaseDescriptor fromJson(JsonNode node) {
        JsonSupport.object(node, WHAT);
        return DatabaseDescriptor.builder()
                .comment(JsonSupport.optionalText(node, COMMENT, WHAT))
                .customProperties(JsonSupport.stringMap(node, CUSTOM_PROPERTIES, WHAT))
                .build();
    }
}
