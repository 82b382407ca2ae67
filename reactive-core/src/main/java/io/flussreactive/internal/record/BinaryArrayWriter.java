package io.flussreactive.internal.record;

import io.flussreactive.row.Row;
import io.flussreactive.type.ArrayType;
import io.flussreactive.type.BinaryType;
import io.flussreactive.type.CharType;
import io.flussreactive.type.DataType;
import io.flussreactive.type.DecimalType;
import io.flussreactive.type.LocalZonedTimestampType;
import io.flussreactive.type.MapType;
import io.flussreactive.type.RowType;
import io.flussreactive.type.TimestampType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * Writes the binary array layout Fluss uses for ARRAY values and for the two halves of MAP values, in
 * both row formats:
 *
 * <pre>
 * [i32 element count][null bits, padded to 4-byte words][one fixed-width slot per element, padded to 8 bytes][variable part]
 * </pre>
 *
 * <p>Slots are 1 byte (BOOLEAN, TINYINT), 2 (SMALLINT), 4 (INT, FLOAT, DATE, TIME) or 8 bytes (the rest).
 * Strings and byte strings of at most 7 bytes live in their slot, marked by the top bit of its last
 * byte, which also holds the length; longer ones, precise decimals and timestamps, and nested values go
 * to the variable part, each piece padded to 8 bytes, and the slot holds {@code offset << 32 | length}
 * (for precise timestamps {@code offset << 32 | nano-of-millisecond}). Offsets count from the start of
 * the array. Nested rows use the format of the outermost row.
 *
 * <p>Not thread-safe.
 */
final class BinaryArrayWriter {

    private static final int MAX_INLINE_LENGTH = 7;
    private static final int PRECISE_DECIMAL_BYTES = 16;

    private final DataType elementType;
    private final int slotSize;
    private final SlotWriter slotWriter;

    BinaryArrayWriter(DataType elementType, BinaryRowFormat format) {
        this.elementType = elementType;
        this.slotSize = slotSize(elementType);
        this.slotWriter = slotWriter(elementType, format);
    }

    /** Appends the array at the output's position. */
    void write(List<?> elements, BinaryOutput out) {
        int count = elements.size();
        int base = start(count, out);
        int index = 0;
        for (Object element : elements) {
            element(out, base, count, index++, element);
        }
    }

    /**
     * Reserves the header and the slots of an array of {@code count} elements at the output's position.
     *
     * @return the array's start, to pass to {@link #element}
     */
    int start(int count, BinaryOutput out) {
        int base = out.position();
        int fixedPart = headerSize(count) + slotSize * count;
        out.writeZeros(roundUpToWord(fixedPart));
        out.putInt(base, count);
        return base;
    }

    /** Writes element {@code index} (null allowed) of the array of {@code count} elements that starts at {@code base}. */
    void element(BinaryOutput out, int base, int count, int index, Object value) {
        if (value == null) {
            if (!elementType.nullable()) {
                throw new IllegalArgumentException("Elements of type " + elementType.summary() + " must not be null");
            }
            out.setBit(base + 4, index);
            return;
        }
        slotWriter.write(out, base, base + headerSize(count) + index * slotSize, value);
    }

    /** The bytes before the first slot: the element count and the null bits in whole 4-byte words. */
    static int headerSize(int count) {
        return 4 + ((count + 31) / 32) * 4;
    }

    /** The width of one element slot. */
    static int slotSize(DataType type) {
        return switch (type.root()) {
            case BOOLEAN, TINYINT -> 1;
            case SMALLINT -> 2;
            case INTEGER, FLOAT, DATE, TIME_WITHOUT_TIME_ZONE -> 4;
            default -> 8;
        };
    }

    static int roundUpToWord(int size) {
        return (size + 7) & ~7;
    }

    /** Writes one non-null element: into its slot, and for some types into the variable part. */
    @FunctionalInterface
    private interface SlotWriter {
        void write(BinaryOutput out, int base, int slot, Object value);
    }

    private static SlotWriter slotWriter(DataType type, BinaryRowFormat format) {
        switch (type.root()) {
            case BOOLEAN:
                return (out, base, slot, value) -> out.putByte(slot, (Boolean) value ? 1 : 0);
            case TINYINT:
                return (out, base, slot, value) -> out.putByte(slot, (Byte) value);
            case SMALLINT:
                return (out, base, slot, value) -> out.putShort(slot, (Short) value);
            case INTEGER:
                return (out, base, slot, value) -> out.putInt(slot, (Integer) value);
            case DATE:
                return (out, base, slot, value) -> out.putInt(slot, BinaryValues.epochDays((LocalDate) value));
            case TIME_WITHOUT_TIME_ZONE:
                return (out, base, slot, value) -> out.putInt(slot, BinaryValues.millisOfDay((LocalTime) value));
            case BIGINT:
                return (out, base, slot, value) -> out.putLong(slot, (Long) value);
            case FLOAT:
                // Arrays keep one canonical NaN, unlike row fields.
                return (out, base, slot, value) -> out.putInt(slot, Float.floatToIntBits((Float) value));
            case DOUBLE:
                return (out, base, slot, value) -> out.putLong(slot, Double.doubleToLongBits((Double) value));
            case CHAR:
                return (out, base, slot, value) ->
                        writeVariable(out, base, slot, BinaryValues.charBytes((String) value, (CharType) type));
            case STRING:
                return (out, base, slot, value) -> writeVariable(out, base, slot, BinaryValues.utf8((String) value));
            case BINARY:
                return (out, base, slot, value) ->
                        writeVariable(out, base, slot, BinaryValues.binaryBytes((byte[]) value, (BinaryType) type));
            case BYTES:
                return (out, base, slot, value) -> writeVariable(out, base, slot, (byte[]) value);
            case DECIMAL:
                return decimalWriter((DecimalType) type);
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return timestampWriter(((TimestampType) type).precision());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return instantWriter(((LocalZonedTimestampType) type).precision());
            case ARRAY: {
                BinaryArrayWriter nested = new BinaryArrayWriter(((ArrayType) type).elementType(), format);
                return (out, base, slot, value) -> {
                    int start = out.position();
                    nested.write((List<?>) value, out);
                    finishNested(out, base, slot, start);
                };
            }
            case MAP: {
                BinaryMapWriter nested = new BinaryMapWriter((MapType) type, format);
                return (out, base, slot, value) -> {
                    int start = out.position();
                    nested.write((Map<?, ?>) value, out);
                    finishNested(out, base, slot, start);
                };
            }
            case ROW: {
                BinaryRowWriter nested = format.writerFor((RowType) type);
                return (out, base, slot, value) -> {
                    int start = out.position();
                    nested.writeRow((Row) value, out);
                    finishNested(out, base, slot, start);
                };
            }
            default:
                throw new IllegalArgumentException("Unsupported array element type " + type.summary());
        }
    }

    private static SlotWriter decimalWriter(DecimalType type) {
        if (BinaryValues.isCompactDecimal(type)) {
            return (out, base, slot, value) ->
                    out.putLong(slot, BinaryValues.rescale((BigDecimal) value, type).unscaledValue().longValue());
        }
        return (out, base, slot, value) -> {
            byte[] unscaled = BinaryValues.rescale((BigDecimal) value, type).unscaledValue().toByteArray();
            int offset = out.position() - base;
            // A fixed 16-byte piece, so that the value could be replaced in place.
            out.writeBytes(unscaled);
            out.writeZeros(PRECISE_DECIMAL_BYTES - unscaled.length);
            out.putLong(slot, (long) offset << 32 | unscaled.length);
        };
    }

    private static SlotWriter timestampWriter(int precision) {
        if (BinaryValues.isCompactTimestamp(precision)) {
            return (out, base, slot, value) -> out.putLong(slot, BinaryValues.epochMillis((LocalDateTime) value));
        }
        return (out, base, slot, value) -> {
            LocalDateTime timestamp = (LocalDateTime) value;
            writePreciseTimestamp(out, base, slot, BinaryValues.epochMillis(timestamp), BinaryValues.nanoOfMilli(timestamp));
        };
    }

    private static SlotWriter instantWriter(int precision) {
        if (BinaryValues.isCompactTimestamp(precision)) {
            return (out, base, slot, value) -> out.putLong(slot, BinaryValues.epochMillis((Instant) value));
        }
        return (out, base, slot, value) -> {
            Instant instant = (Instant) value;
            writePreciseTimestamp(out, base, slot, BinaryValues.epochMillis(instant), BinaryValues.nanoOfMilli(instant));
        };
    }

    private static void writePreciseTimestamp(BinaryOutput out, int base, int slot, long millis, int nanoOfMilli) {
        int offset = out.position() - base;
        out.writeLong(millis);
        out.putLong(slot, (long) offset << 32 | nanoOfMilli);
    }

    private static void writeVariable(BinaryOutput out, int base, int slot, byte[] bytes) {
        int length = bytes.length;
        if (length <= MAX_INLINE_LENGTH) {
            for (int i = 0; i < length; i++) {
                out.putByte(slot + i, bytes[i]);
            }
            out.putByte(slot + 7, 0x80 | length);
            return;
        }
        int start = out.position();
        out.writeBytes(bytes);
        finishNested(out, base, slot, start);
    }

    /** Pads the piece written since {@code start} and points the slot at it. */
    private static void finishNested(BinaryOutput out, int base, int slot, int start) {
        int length = out.position() - start;
        out.padToWord(start);
        out.putLong(slot, (long) (start - base) << 32 | length);
    }
}
