package io.flussreactive.internal.record;

import io.flussreactive.type.ArrayType;
import io.flussreactive.type.DataType;
import io.flussreactive.type.DecimalType;
import io.flussreactive.type.LocalZonedTimestampType;
import io.flussreactive.type.MapType;
import io.flussreactive.type.RowType;
import io.flussreactive.type.TimestampType;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Reads the binary array layout described on {@link BinaryArrayWriter} into an unmodifiable list
 * (elements may be null). Thread-safe.
 */
final class BinaryArrayReader {

    private final int slotSize;
    private final SlotReader slotReader;

    BinaryArrayReader(DataType elementType, BinaryRowFormat format) {
        this.slotSize = BinaryArrayWriter.slotSize(elementType);
        this.slotReader = slotReader(elementType, format);
    }

    /** Reads the array held by {@code length} bytes at absolute index {@code offset}. */
    List<Object> read(ByteBuf buf, int offset, int length) {
        return Collections.unmodifiableList(Arrays.asList(readElements(buf, offset, length)));
    }

    /** Reads the elements of the array held by {@code length} bytes at absolute index {@code offset}. */
    Object[] readElements(ByteBuf buf, int offset, int length) {
        BinaryFieldErrors.checkWithin(offset, 4, offset, offset + length, "The element count of an array");
        int count = buf.getIntLE(offset);
        if (count < 0) {
            throw BinaryFieldErrors.corrupt("An array has a negative element count " + count);
        }
        int header = BinaryArrayWriter.headerSize(count);
        if (header + (long) count * slotSize > length) {
            throw BinaryFieldErrors.corrupt("An array of " + count + " elements does not fit into " + length + " bytes");
        }
        int end = offset + length;
        Object[] elements = new Object[count];
        for (int i = 0; i < count; i++) {
            boolean isNull = (buf.getByte(offset + 4 + (i >>> 3)) & (1 << (i & 7))) != 0;
            if (!isNull) {
                elements[i] = slotReader.read(buf, offset, end, offset + header + i * slotSize);
            }
        }
        return elements;
    }

    /** Reads one non-null element from its slot and, for some types, the variable part. */
    @FunctionalInterface
    private interface SlotReader {
        Object read(ByteBuf buf, int base, int end, int slot);
    }

    private static SlotReader slotReader(DataType type, BinaryRowFormat format) {
        switch (type.root()) {
            case BOOLEAN:
                return (buf, base, end, slot) -> buf.getByte(slot) != 0;
            case TINYINT:
                return (buf, base, end, slot) -> buf.getByte(slot);
            case SMALLINT:
                return (buf, base, end, slot) -> buf.getShortLE(slot);
            case INTEGER:
                return (buf, base, end, slot) -> buf.getIntLE(slot);
            case DATE:
                return (buf, base, end, slot) -> BinaryValues.date(buf.getIntLE(slot));
            case TIME_WITHOUT_TIME_ZONE:
                return (buf, base, end, slot) -> BinaryValues.time(buf.getIntLE(slot));
            case BIGINT:
                return (buf, base, end, slot) -> buf.getLongLE(slot);
            case FLOAT:
                return (buf, base, end, slot) -> Float.intBitsToFloat(buf.getIntLE(slot));
            case DOUBLE:
                return (buf, base, end, slot) -> Double.longBitsToDouble(buf.getLongLE(slot));
            case CHAR:
            case STRING:
                return (buf, base, end, slot) -> {
                    long word = buf.getLongLE(slot);
                    if (word < 0) {
                        return buf.toString(slot, inlineLength(word), StandardCharsets.UTF_8);
                    }
                    int offset = piece(word, base, end, "A string in an array");
                    return buf.toString(offset, (int) word, StandardCharsets.UTF_8);
                };
            case BINARY:
            case BYTES:
                return (buf, base, end, slot) -> {
                    long word = buf.getLongLE(slot);
                    if (word < 0) {
                        return bytes(buf, slot, inlineLength(word));
                    }
                    return bytes(buf, piece(word, base, end, "A byte string in an array"), (int) word);
                };
            case DECIMAL:
                return decimalReader((DecimalType) type);
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                if (BinaryValues.isCompactTimestamp(((TimestampType) type).precision())) {
                    return (buf, base, end, slot) -> BinaryValues.timestamp(buf.getLongLE(slot), 0);
                }
                return (buf, base, end, slot) -> {
                    long word = buf.getLongLE(slot);
                    long millis = buf.getLongLE(timestampOffset(word, base, end));
                    return BinaryValues.timestamp(millis, (int) word);
                };
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                if (BinaryValues.isCompactTimestamp(((LocalZonedTimestampType) type).precision())) {
                    return (buf, base, end, slot) -> BinaryValues.instant(buf.getLongLE(slot), 0);
                }
                return (buf, base, end, slot) -> {
                    long word = buf.getLongLE(slot);
                    long millis = buf.getLongLE(timestampOffset(word, base, end));
                    return BinaryValues.instant(millis, (int) word);
                };
            case ARRAY: {
                BinaryArrayReader nested = new BinaryArrayReader(((ArrayType) type).elementType(), format);
                return (buf, base, end, slot) -> {
                    long word = buf.getLongLE(slot);
                    return nested.read(buf, piece(word, base, end, "An array in an array"), (int) word);
                };
            }
            case MAP: {
                BinaryMapReader nested = new BinaryMapReader((MapType) type, format);
                return (buf, base, end, slot) -> {
                    long word = buf.getLongLE(slot);
                    return nested.read(buf, piece(word, base, end, "A map in an array"), (int) word);
                };
            }
            case ROW: {
                BinaryRowReader nested = format.readerFor((RowType) type);
                return (buf, base, end, slot) -> {
                    long word = buf.getLongLE(slot);
                    return nested.read(buf, piece(word, base, end, "A row in an array"), (int) word);
                };
            }
            default:
                throw new IllegalArgumentException("Unsupported array element type " + type.summary());
        }
    }

    private static SlotReader decimalReader(DecimalType type) {
        if (BinaryValues.isCompactDecimal(type)) {
            return (buf, base, end, slot) -> BinaryValues.decimal(buf.getLongLE(slot), type);
        }
        return (buf, base, end, slot) -> {
            long word = buf.getLongLE(slot);
            return BinaryValues.decimal(bytes(buf, piece(word, base, end, "A decimal in an array"), (int) word), type);
        };
    }

    /** The length of a value of at most 7 bytes kept in its slot: the last byte less its top bit. */
    private static int inlineLength(long word) {
        return (int) (word >>> 56) & 0x7F;
    }

    /** The absolute index of the piece that a slot word {@code offset << 32 | length} points at. */
    private static int piece(long word, int base, int end, String what) {
        int offset = base + (int) (word >>> 32);
        BinaryFieldErrors.checkWithin(offset, (int) word, base, end, what);
        return offset;
    }

    /** The absolute index of the epoch milliseconds that a slot word {@code offset << 32 | nano} points at. */
    private static int timestampOffset(long word, int base, int end) {
        int offset = base + (int) (word >>> 32);
        BinaryFieldErrors.checkWithin(offset, 8, base, end, "A timestamp in an array");
        return offset;
    }

    private static byte[] bytes(ByteBuf buf, int offset, int length) {
        byte[] bytes = new byte[length];
        buf.getBytes(offset, bytes);
        return bytes;
    }
}
