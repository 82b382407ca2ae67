package io.flussreactive.internal.record;

import io.flussreactive.row.Row;
import io.flussreactive.type.ArrayType;
import io.flussreactive.type.BinaryType;
import io.flussreactive.type.CharType;
import io.flussreactive.type.DataField;
import io.flussreactive.type.DataType;
import io.flussreactive.type.DecimalType;
import io.flussreactive.type.LocalZonedTimestampType;
import io.flussreactive.type.MapType;
import io.flussreactive.type.RowType;
import io.flussreactive.type.TimestampType;
import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * Encodes rows of one row type in the indexed row format, the row format of INDEXED log tables and
 * the value format of primary-key tables with {@code table.kv.format=INDEXED}:
 *
 * <pre>
 * [null bits: ceil(fields / 8) bytes][one i32 length per variable-length field of the type][non-null values]
 * </pre>
 *
 * <p>Fixed-width values, little-endian: BOOLEAN and TINYINT 1 byte, SMALLINT 2, INT, FLOAT, DATE and
 * TIME 4, BIGINT, DOUBLE and DECIMAL up to precision 18 (unscaled) 8, TIMESTAMP and TIMESTAMP_LTZ 8
 * (epoch milliseconds) or, above precision 3, 12 (plus nano-of-millisecond); CHAR(n) n bytes, its
 * UTF-8 bytes zero-padded; BINARY(n) its n bytes. Variable-length values: STRING and BYTES as is, DECIMAL above
 * precision 18 as unscaled big-endian bytes, ARRAY and MAP in the binary layouts, ROW as a nested
 * indexed row. Their lengths fill the length table in field order, skipping null fields; unused
 * entries stay zero.
 *
 * <p>Not thread-safe: an instance reuses its buffers from row to row.
 */
public final class IndexedRowWriter extends BinaryRowWriter {

    private final DataField[] fields;
    private final BinaryValueWriter[] valueWriters;
    private final boolean[] variableLength;
    private final int nullBitsSize;
    private final int headerSize;

    /**
     * Creates an encoder for rows of the given type.
     *
     * @param rowType the row type; every field type is supported
     */
    public IndexedRowWriter(RowType rowType) {
        super(rowType);
        List<DataField> fieldList = rowType().fields();
        this.fields = fieldList.toArray(new DataField[0]);
        this.valueWriters = new BinaryValueWriter[fields.length];
        this.variableLength = new boolean[fields.length];
        int variableFields = 0;
        for (int i = 0; i < fields.length; i++) {
            DataType type = fields[i].type();
            valueWriters[i] = valueWriter(type);
            variableLength[i] = isVariableLength(type);
            variableFields += variableLength[i] ? 1 : 0;
        }
        this.nullBitsSize = (fields.length + 7) / 8;
        this.headerSize = nullBitsSize + 4 * variableFields;
    }

    @Override
    void writeRow(Row row, BinaryOutput out) {
        BinaryFieldErrors.checkArity(row, rowType());
        int base = out.position();
        out.writeZeros(headerSize);
        int lengthSlot = base + nullBitsSize;
        for (int i = 0; i < fields.length; i++) {
            Object value = row.get(i);
            if (value == null) {
                if (!fields[i].type().nullable()) {
                    throw BinaryFieldErrors.nullInNotNullField(fields[i]);
                }
                out.setBit(base, i);
                continue;
            }
            int start = out.position();
            try {
                valueWriters[i].write(out, value);
            } catch (ClassCastException | IllegalArgumentException | ArithmeticException e) {
                throw BinaryFieldErrors.badValue(fields[i], value, e);
            }
            if (variableLength[i]) {
                out.putInt(lengthSlot, out.position() - start);
                lengthSlot += 4;
            }
        }
    }

    /** Whether values of the type have a length entry in the header. */
    static boolean isVariableLength(DataType type) {
        return switch (type.root()) {
            case STRING, BYTES, ARRAY, MAP, ROW -> true;
            case DECIMAL -> !BinaryValues.isCompactDecimal((DecimalType) type);
            default -> false;
        };
    }

    private static BinaryValueWriter valueWriter(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return (out, value) -> out.writeByte((Boolean) value ? 1 : 0);
            case TINYINT:
                return (out, value) -> out.writeByte((Byte) value);
            case SMALLINT:
                return (out, value) -> out.writeShort((Short) value);
            case INTEGER:
                return (out, value) -> out.writeInt((Integer) value);
            case DATE:
                return (out, value) -> out.writeInt(BinaryValues.epochDays((LocalDate) value));
            case TIME_WITHOUT_TIME_ZONE:
                return (out, value) -> out.writeInt(BinaryValues.millisOfDay((LocalTime) value));
            case BIGINT:
                return (out, value) -> out.writeLong((Long) value);
            case FLOAT:
                return (out, value) -> out.writeInt(Float.floatToRawIntBits((Float) value));
            case DOUBLE:
                return (out, value) -> out.writeLong(Double.doubleToRawLongBits((Double) value));
            case CHAR: {
                CharType charType = (CharType) type;
                return (out, value) -> {
                    byte[] bytes = BinaryValues.charBytes((String) value, charType);
                    out.writeBytes(bytes);
                    out.writeZeros(charType.length() - bytes.length);
                };
            }
            case BINARY:
                return (out, value) -> out.writeBytes(BinaryValues.binaryBytes((byte[]) value, (BinaryType) type));
            case STRING:
                return (out, value) -> out.writeBytes(BinaryValues.utf8((String) value));
            case BYTES:
                return (out, value) -> out.writeBytes((byte[]) value);
            case DECIMAL: {
                DecimalType decimal = (DecimalType) type;
                if (BinaryValues.isCompactDecimal(decimal)) {
                    return (out, value) ->
                            out.writeLong(BinaryValues.rescale((BigDecimal) value, decimal).unscaledValue().longValue());
                }
                return (out, value) ->
                        out.writeBytes(BinaryValues.rescale((BigDecimal) value, decimal).unscaledValue().toByteArray());
            }
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                if (BinaryValues.isCompactTimestamp(((TimestampType) type).precision())) {
                    return (out, value) -> out.writeLong(BinaryValues.epochMillis((LocalDateTime) value));
                }
                return (out, value) -> {
                    LocalDateTime timestamp = (LocalDateTime) value;
                    out.writeLong(BinaryValues.epochMillis(timestamp));
                    out.writeInt(BinaryValues.nanoOfMilli(timestamp));
                };
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                if (BinaryValues.isCompactTimestamp(((LocalZonedTimestampType) type).precision())) {
                    return (out, value) -> out.writeLong(BinaryValues.epochMillis((Instant) value));
                }
                return (out, value) -> {
                    Instant instant = (Instant) value;
                    out.writeLong(BinaryValues.epochMillis(instant));
                    out.writeInt(BinaryValues.nanoOfMilli(instant));
                };
            case ARRAY: {
                BinaryArrayWriter arrays = new BinaryArrayWriter(((ArrayType) type).elementType(), BinaryRowFormat.INDEXED);
                return (out, value) -> arrays.write((List<?>) value, out);
            }
            case MAP: {
                BinaryMapWriter maps = new BinaryMapWriter((MapType) type, BinaryRowFormat.INDEXED);
                return (out, value) -> maps.write((Map<?, ?>) value, out);
            }
            case ROW: {
                IndexedRowWriter rows = new IndexedRowWriter((RowType) type);
                return (out, value) -> rows.writeRow((Row) value, out);
            }
            default:
                throw new IllegalArgumentException("Unsupported type " + type.summary());
        }
    }
}
