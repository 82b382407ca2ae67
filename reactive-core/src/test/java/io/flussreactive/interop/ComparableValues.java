package io.flussreactive.interop;

import io.flussreactive.row.Row;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our Java values in a form that {@code equals} compares by content all the way down: rows become
 * lists of their values (whatever class implements the row), byte arrays become {@link Bytes}.
 * Everything else keeps its own {@code equals} (a DECIMAL's scale counts, NaN equals NaN, 0.0 does
 * not equal -0.0).
 */
public final class ComparableValues {

    private ComparableValues() {
    }

    /**
     * Bytes compared by content.
     *
     * @param hex the bytes in hex
     */
    public record Bytes(String hex) {
        @Override
        public String toString() {
            return "0x" + hex;
        }
    }

    /** The row's values, each made comparable. */
    public static List<Object> of(Row row) {
        List<Object> values = new ArrayList<>(row.fieldCount());
        for (int i = 0; i < row.fieldCount(); i++) {
            values.add(of(row.get(i)));
        }
        return values;
    }

    /** The value made comparable. */
    public static Object of(Object value) {
        if (value instanceof Row row) {
            return of(row);
        }
        if (value instanceof byte[] bytes) {
            return new Bytes(HexFormat.of().formatHex(bytes));
        }
        if (value instanceof List<?> list) {
            List<Object> elements = new ArrayList<>(list.size());
            list.forEach(element -> elements.add(of(element)));
            return elements;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> entries = new LinkedHashMap<>();
            map.forEach((k, v) -> entries.put(of(k), of(v)));
            return entries;
        }
        return value;
    }
}
