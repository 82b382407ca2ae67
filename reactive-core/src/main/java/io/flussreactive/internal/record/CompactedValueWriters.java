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
 * The compacted encoding of a single value, shared by compacted rows and compacted keys:
 *
 * <ul>
 *   <li>BOOLEAN, TINYINT: 1 byte; SMALLINT: 2 bytes; FLOAT, DOUBLE: 4 / 8 bytes IEEE-754;
 *   <li>INT, DATE (epoch days), TIME (millisecond of day): varint; BIGINT: varlong;
 *   <li>STRING, CHAR, BYTES, BINARY: varint length and the bytes, never padded (a CHAR(n) value
 *       takes at most n bytes and a BINARY(n) value exactly n, as in the other formats);
 *   <li>DECIMAL: varlong of the unscaled value up to precision 18, else varint length and the unscaled
 *       two's-complement big-endian bytes;
 *   <li>TIMESTAMP, TIMESTAMP_LTZ: varlong epoch milliseconds, then for precision above 3 a varint
 *       nano-of-millisecond;
 *   <li>ARRAY, MAP, ROW: varint length and the binary array, binary map or compacted row.
 * </ul>
 *
 * <p>All little-endian; varints are unsigned 7-bit groups without zig-zag.
 */
final class CompactedValueWriters {

    private CompactedValueWriters() {
    }

    /** The writer of non-null values of {@code type}; writers of nested types keep scratch space and are not thread-safe. */
    static BinaryValueWriter forType(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return (out, value) -> out.writeByte((Boolean) value ? 1 : 0);
            case TINYINT:
                return (out, value) -> out.writeByte((Byte) value);
            case SMALLINT:
                return (out, value) -> out.writeShort((Short) value);
            case INTEGER:
                return (out, value) -> out.writeVarInt((Integer) value);
            case DATE:
                return (out, value) -> out.writeVarInt(BinaryValues.epochDays((LocalDate) value));
            case TIME_WITHOUT_TIME_ZONE:
                return (out, value) -> out.writeVarInt(BinaryValues.millisOfDay((LocalTime) value));
            case BIGINT:
                return (out, value) -> out.writeVarLong((Long) value);
            case FLOAT:
                return (out, value) -> out.writeInt(Float.floatToRawIntBits((Float) value));
            case DOUBLE:
                return (out, value) -> out.writeLong(Double.doubleToRawLongBits((Double) value));
            case CHAR:
                return (out, value) -> writeLengthAndBytes(out, BinaryValues.charBytes((String) value, (CharType) type));
            case STRING:
                return (out, value) -> writeLengthAndBytes(out, BinaryValues.utf8((String) value));
            case BINARY:
                return (out, value) -> writeLengthAndBytes(out, BinaryValues.binaryBytes((byte[]) value, (BinaryType) type));
            case BYTES:
                return (out, value) -> writeLengthAndBytes(out, (byte[]) value);
            case DECIMAL:
                return decimalWriter((DecimalType) type);
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return timestampWriter(((TimestampType) type).precision());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return instantWriter(((LocalZonedTimestampType) type).precision());
            case ARRAY: {
                BinaryArrayWriter arrays = new BinaryArrayWriter(((ArrayType) type).elementType(), BinaryRowFormat.COMPACTED);
                BinaryOutput scratch = new BinaryOutput(64);
                return (out, value) -> {
                    scratch.reset();
                    arrays.write((List<?>) value, scratch);
                    writeLengthAndBytes(out, scratch);
                };
            }
            case MAP: {
                BinaryMapWriter maps = new BinaryMapWriter((MapType) type, BinaryRowFormat.COMPACTED);
                BinaryOutput scratch = new BinaryOutput(64);
                return (out, value) -> {
                    scratch.reset();
                    maps.write((Map<?, ?>) value, scratch);
                    writeLengthAndBytes(out, scratch);
                };
            }
            case ROW: {
                CompactedRowWriter rows = new CompactedRowWriter((RowType) type);
                BinaryOutput scratch = new BinaryOutput(64);
                return (out, value) -> {
                    scratch.reset();
                    rows.writeRow((Row) value, scratch);
                    writeLengthAndBytes(out, scratch);
                };
            }
            default:
                throw new IllegalArgumentException("Unsupported type " + type.summary());
        }
    }

    private static BinaryValueWriter decimalWriter(DecimalType type) {
        if (BinaryValues.isCompactDecimal(type)) {
            return (out, value) ->
                    out.writeVarLong(BinaryValues.rescale((BigDecimal) value, type).unscaledValue().longValue());
        }
        return (out, value) ->
                writeLengthAndBytes(out, BinaryValues.rescale((BigDecimal) value, type).unscaledValue().toByteArray());
    }

    private static BinaryValueWriter timestampWriter(int precision) {
        if (BinaryValues.isCompactTimestamp(precision)) {
            return (out, value) -> out.writeVarLong(BinaryValues.epochMillis((LocalDateTime) value));
        }
        return (out, value) -> {
            LocalDateTime timestamp = (LocalDateTime) value;
            out.writeVarLong(BinaryValues.epochMillis(timestamp));
            out.writeVarInt(BinaryValues.nanoOfMilli(timestamp));
        };
    }

    private static BinaryValueWriter instantWriter(int precision) {
        if (BinaryValues.isCompactTimestamp(precision)) {
            return (out, value) -> out.writeVarLong(BinaryValues.epochMillis((Instant) value));
        }
        return (out, value) -> {
            Instant instant = (Instant) value;
            out.writeVarLong(BinaryValues.epochMillis(instant));
            out.writeVarInt(BinaryValues.nanoOfMilli(instant));
        };
    }

    private static void writeLengthAndBytes(BinaryOutput out, byte[] bytes) {
        out.writeVarInt(bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeLengthAndBytes(BinaryOutput out, BinaryOutput nested) {
        out.writeVarInt(nested.position());
        out.writeBytes(nested.array(), 0, nested.position());
    }
}
