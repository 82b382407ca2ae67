package io.flussreactive.internal.record;

import io.flussreactive.type.MapType;
import java.util.Map;

/**
 * Writes the binary map layout Fluss uses for MAP values: {@code [i32 byte size of the key array][key
 * array][value array]}, both arrays in the layout of {@link BinaryArrayWriter}, entries in the map's
 * iteration order.
 *
 * <p>Not thread-safe.
 */
final class BinaryMapWriter {

    private final BinaryArrayWriter keyWriter;
    private final BinaryArrayWriter valueWriter;

    BinaryMapWriter(MapType type, BinaryRowFormat format) {
        this.keyWriter = new BinaryArrayWriter(type.keyType(), format);
        this.valueWriter = new BinaryArrayWriter(type.valueType(), format);
    }

    /** Appends the map at the output's position. */
    void write(Map<?, ?> map, BinaryOutput out) {
        int count = map.size();
        int sizePosition = out.position();
        out.writeInt(0);

        int keysStart = keyWriter.start(count, out);
        int index = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getKey() == null) {
                throw new IllegalArgumentException("Map keys must not be null");
            }
            keyWriter.element(out, keysStart, count, index++, entry.getKey());
        }
        out.putInt(sizePosition, out.position() - keysStart);

        int valuesStart = valueWriter.start(count, out);
        index = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            valueWriter.element(out, valuesStart, count, index++, entry.getValue());
        }
    }
}
