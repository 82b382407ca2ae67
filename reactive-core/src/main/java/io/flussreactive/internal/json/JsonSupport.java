package io.flussreactive.internal.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shared mapper and strict readers of single keys, each failing with a message that names the key. */
final class JsonSupport {

    /** Thread-safe once configured; used only for trees. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonSupport() {}

    static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    static byte[] toBytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serializes; this would be a bug.
            throw new IllegalStateException("Could not write JSON", e);
        }
    }

    static JsonNode parse(byte[] json, String what) {
        if (json == null || json.length == 0) {
            throw new DescriptorJsonException(what + " is empty");
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new DescriptorJsonException(what + " is empty");
            }
            return node;
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException parseError
                    ? parseError.getOriginalMessage()
                    : e.getMessage();
            throw new DescriptorJsonException(what + " is not valid JSON: " + reason, e);
        }
    }

    static ObjectNode object(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new DescriptorJsonException(what + " must be a JSON object, but was " + node);
        }
        return (ObjectNode) node;
    }

    static JsonNode required(JsonNode object, String key, String what) {
        JsonNode value = object.get(key);
        if (value == null || value.isNull()) {
            throw new DescriptorJsonException(what + " lacks the required key '" + key + "': " + object);
        }
        return value;
    }

    static String requiredText(JsonNode object, String key, String what) {
        JsonNode value = required(object, key, what);
        if (!value.isTextual()) {
            throw new DescriptorJsonException(what + ": '" + key + "' must be a string, but was " + value);
        }
        return value.textValue();
    }

    static int requiredInt(JsonNode object, String key, String what) {
        return toInt(required(object, key, what), key, what);
    }

    static Integer optionalInt(JsonNode object, String key, String what) {
        JsonNode value = object.get(key);
        return value == null || value.isNull() ? null : toInt(value, key, what);
    }

    static String optionalText(JsonNode object, String key, String what) {
        JsonNode value = object.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new DescriptorJsonException(what + ": '" + key + "' must be a string, but was " + value);
        }
        return value.textValue();
    }

    /** Reads an optional array of strings; absent means empty. */
    static List<String> stringList(JsonNode object, String key, String what) {
        JsonNode value = object.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        ArrayNode array = array(value, key, what);
        List<String> strings = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                throw new DescriptorJsonException(
                        what + ": '" + key + "' must hold strings, but holds " + element);
            }
            strings.add(element.textValue());
        }
        return Collections.unmodifiableList(strings);
    }

    /** Reads an optional object of string values, in document order; absent means empty. */
    static Map<String, String> stringMap(JsonNode object, String key, String what) {
        JsonNode value = object.get(key);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new DescriptorJsonException(what + ": '" + key + "' must be an object, but was " + value);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            JsonNode entryValue = entry.getValue();
            if (entryValue.isTextual()) {
                map.put(entry.getKey(), entryValue.textValue());
            } else if (entryValue.isNumber() || entryValue.isBoolean()) {
                // Written as strings by the server; accepted as scalars from hand-written JSON.
                map.put(entry.getKey(), entryValue.toString());
            } else {
                throw new DescriptorJsonException(
                        what + ": value of '" + key + "." + entry.getKey() + "' must be a string, but was "
                                + entryValue);
            }
        }
        return map;
    }

    static ArrayNode array(JsonNode value, String key, String what) {
        if (!value.isArray()) {
            throw new DescriptorJsonException(what + ": '" + key + "' must be an array, but was " + value);
        }
        return (ArrayNode) value;
    }

    static ArrayNode stringArray(List<String> strings) {
        ArrayNode array = MAPPER.createArrayNode();
        strings.forEach(array::add);
        return array;
    }

    static ObjectNode stringObject(Map<String, String> map) {
        ObjectNode object = newObject();
        map.forEach(object::put);
        return object;
    }

    private static int toInt(JsonNode value, String key, String what) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new DescriptorJsonException(what + ": '" + key + "' must be a 32-bit integer, but was " + value);
        }
        return value.intValue();
    }
}
