package io.flussreactive.internal.record;

import io.flussreactive.type.MapType;
import io.netty.buffer.ByteBuf;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the binary map layout described on {@link BinaryMapWriter} into an unmodifiable map that keeps
 * the stored entry order. Thread-safe.
 */
final class BinaryMapReader {

    private final BinaryArrayReader keyReader;
    private final BinaryArrayReader valueReader;

    BinaryMapReader(MapType type, BinaryRowFormat format) {
        this.keyReader = new BinaryArrayReader(type.keyType(), format);
        this.valueReader = new BinaryArrayReader(type.valueType(), format);
    }

    /** Reads the map held by {@code length} bytes at absolute index {@code offset}. */
    Map<Object, Object> read(ByteBuf buf, int offset, int length) {
        BinaryFieldErrors.checkWithin(offset, 4, offset, offset + length, "The key array size of a map");
        int keyBytes = buf.getIntLE(offset);
        BinaryFieldErrors.checkWithin(offset + 4, keyBytes, offset, offset + length, "The key array of a map");
        Object[] keys = keyReader.readElements(buf, offset + 4, keyBytes);
        Object[] values = valueReader.readElements(buf, offset + 4 + keyBytes, length - 4 - keyBytes);
        if (keys.length != values.length) {
            throw BinaryFieldErrors.corrupt(
                    "A map has " + keys.length + " keys but " + values.length + " values");
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == null) {
                throw BinaryFieldErrors.corrupt("A map has a null key");
            }
            map.put(keys[i], values[i]);
        }
        return Collections.unmodifiableMap(map);
    }
}
