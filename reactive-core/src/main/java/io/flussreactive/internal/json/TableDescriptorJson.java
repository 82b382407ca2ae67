package io.flussreactive.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flussreactive.admin.TableDescriptor;

/**
 * Converts a {@link TableDescriptor} to and from the server's JSON form ({@code table_json}).
 *
 * <p>{@code schema}, {@code partition_key}, {@code properties} and {@code custom_properties} are
 * always written. {@code bucket_key} is written whenever there is a bucket count or bucket keys,
 * because the server's reader requires it next to {@code bucket_count}. Reading treats absent
 * lists and maps as empty and ignores unknown keys.
 */
public final class TableDescriptorJson {

    static final String VERSION = "version";
    static final String SCHEMA = "schema";
    static final String COMMENT = "comment";
    static final String PARTITION_KEY = "partition_key";
    static final String BUCKET_KEY = "bucket_key";
    static final String BUCKET_COUNT = "bucket_count";
    static final String PROPERTIES = "properties";
    static final String CUSTOM_PROPERTIES = "custom_properties";

    private static final int FORMAT_VERSION = 1;
    private static final String WHAT = "Table descriptor JSON";

    private TableDescriptorJson() {}

    /**
     * Writes a table descriptor as a JSON object.
     *
     * @param descriptor the descriptor
     * @return its JSON object
     */
    public static ObjectNode toJson(TableDescriptor descriptor) {
        ObjectNode node = JsonSupport.newObject();
        node.put(VERSION, FORMAT_VERSION);
        node.set(SCHEMA, SchemaJson.toJson(descriptor.schema()));
        descriptor.comment().ifPresent(comment -> node.put(COMMENT, comment));
        node.set(PARTITION_KEY, JsonSupport.stringArray(descriptor.partitionKeys()));
        if (descriptor.bucketCount().isPresent() || !descriptor.bucketKeys().isEmpty()) {
            node.set(BUCKET_KEY, JsonSupport.stringArray(descriptor.bucketKeys()));
            descriptor.bucketCount().ifPresent(count -> node.put(BUCKET_COUNT, count));
        }
        node.set(PROPERTIES, JsonSupport.stringObject(descriptor.properties()));
        node.set(CUSTOM_PROPERTIES, JsonSupport.stringObject(descriptor.customProperties()));
        return node;
    }

    /**
     * Writes a table descriptor as UTF-8 JSON bytes.
     *
     * @param descriptor the descriptor
     * @return the JSON bytes
     */
    public static byte[] toBytes(TableDescriptor descriptor) {
        return JsonSupport.toBytes(toJson(descriptor));
    }

    /**
     * Reads a table descriptor from UTF-8 JSON bytes.
     *
     * @param json the JSON bytes
     * @return the descriptor
     * @throws DescriptorJsonException if the JSON is malformed or describes an invalid table
     */
    public static TableDescriptor fromBytes(byte[] json) {
        return fromJson(JsonSupport.parse(json, WHAT));
    }

    /**
     * Reads a table descriptor from its JSON object.
     *
     * @param node the JSON object
     * @return the descriptor
     * @throws DescriptorJsonException if a key is missing or malformed
     */
    public static TableDescriptor fromJson(JsonNode node) {
        JsonSupport.object(node, WHAT);
        TableDescriptor.Builder builder = TableDescriptor.builder()
                .schema(SchemaJson.fromJson(JsonSupport.required(node, SCHEMA, WHAT)))
                .comment(JsonSupport.optionalText(node, COMMENT, WHAT))
                .partitionedBy(JsonSupport.stringList(node, PARTITION_KEY, WHAT))
                .bucketKeys(JsonSupport.stringList(node, BUCKET_KEY, WHAT))
                .properties(JsonSupport.stringMap(node, PROPERTIES, WHAT))
                .customProperties(JsonSupport.stringMap(node, CUSTOM_PROPERTIES, WHAT));
        Integer bucketCount = JsonSupport.optionalInt(node, BUCKET_COUNT, WHAT);
        if (bucketCount != null) {
            builder.distributedBy(bucketCount, JsonSupport.stringList(node, BUCKET_KEY, WHAT));
        }
        return builder.build();
    }
}
