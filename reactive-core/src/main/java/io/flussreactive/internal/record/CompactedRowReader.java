package io.flussreactive.internal.record;

import io.flussreactive.error.CorruptRecordException;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.type.ArrayType;
import io.flussreactive.type.DataType;
import io.flussreactive.type.DecimalType;
import io.flussreactive.type.LocalZonedTimestampType;
import io.flussreactive.type.MapType;
import io.flussreactive.type.RowType;
import io.flussreactive.type.TimestampType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;

/**
 * Decodes rows of one row type from the compacted row format written by {@link CompactedRowWriter}.
 * The rows it returns own their values: they do not refer to the buffer they were read from.
 *
 * <p>Thread-safe.
 */
public final class CompactedRowReader {

    private final RowType rowType;
    private final FieldReader[] fieldReaders;
    private final int nullBitsSize;

    /**
     * Creates a decoder for rows of the given type.
     *
     * @param rowType the row type the rows were written with; every field type is supported
     */
    public CompactedRowReader(RowType rowType) {
        this.rowType = rowType;
        this.fieldReaders = new FieldReader[rowType.fieldCount()];
        for (int i = 0; i < fieldReaders.length; i++) {
            fieldReaders[i] = fieldReader(rowType.fields().get(i).type());
        }
        this.nullBitsSize = (fieldReaders.length + 7) / 8;
    }

    /**
     * Returns the row type this decoder reads.
     *
     * @return the row type
     */
    public RowType rowType() {
        return rowType;
    }

    /**
     * Decodes a row that fills the whole array.
     *
     * @param bytes the encoded row
     * @return the row, with the Java values documented on {@link Row}
     * @throws CorruptRecordException if the bytes are not a row of this type
     */
    public Row read(byte[] bytes) {
        return read(Unpooled.wrappedBuffer(bytes), 0, bytes.length);
    }

    /**
     * Decodes the row held by {@code length} bytes at absolute index {@code offset} of a buffer; the
     * buffer's indexes are not changed.
     *
     * @param buf the buffer
     * @param offset where the row starts
     * @param length the row's length
     * @return the row, with the Java values documented on {@link Row}
     * @throws CorruptRecordException if the bytes are not a row of this type
     */
    public Row read(ByteBuf buf, int offset, int length) {
        if (length < nullBitsSize) {
            throw BinaryFieldErrors.corrupt("A compacted row of " + rowType.summary() + " needs at least "
                    + nullBitsSize + " bytes, got " + length);
        }
        Cursor cursor = new Cursor(buf, offset + nullBitsSize, offset + length);
        GenericRow row = GenericRow.ofSize(fieldReaders.length);
        try {
            for (int i = 0; i < fieldReaders.length; i++) {
                boolean isNull = (buf.getByte(offset + (i >>> 3)) & (1 << (i & 7))) != 0;
                if (!isNull) {
                    row.set(i, fieldReaders[i].read(cursor));
                }
            }
        } catch (IndexOutOfBoundsException | IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw new CorruptRecordException("Malformed compacted row of " + rowType.summary() + ": " + e.getMessage(), e);
        }
        if (cursor.position != cursor.end) {
            throw BinaryFieldErrors.corrupt("A compacted row of " + rowType.summary() + " ends after "
                    + (cursor.position - offset) + " of its " + length + " bytes");
        }
        return row;
    }

    /** Reads the next non-null value of one type. */
    @FunctionalInterface
    private interface FieldReader {
        Object read(Cursor cursor);
    }

    private static FieldReader fieldReader(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return cursor -> cursor.readByte() != 0;
            case TINYINT:
                return Cursor::readByte;
            case SMALLINT:
                return cursor -> cursor.buf.getShortLE(cursor.advance(2));
            case INTEGER:
                return Cursor::readVarInt;
            case DATE:
                return cursor -> BinaryValues.date(cursor.readVarInt());
            case TIME_WITHOUT_TIME_ZONE:
                return cursor -> BinaryValues.time(cursor.readVarInt());
            case BIGINT:
                return Cursor::readVarLong;
            case FLOAT:
                return cursor -> Float.intBitsToFloat(cursor.buf.getIntLE(cursor.advance(4)));
            case DOUBLE:
                return cursor -> Double.longBitsToDouble(cursor.buf.getLongLE(cursor.advance(8)));
            case CHAR:
            case STRING:
                return cursor -> {
                    int length = cursor.readLength();
                    return cursor.buf.toString(cursor.advance(length), length, StandardCharsets.UTF_8);
                };
            case BINARY:
            case BYTES:
                return Cursor::readLengthAndBytes;
            case DECIMAL: {
                DecimalType decimal = (DecimalType) type;
                if (BinaryValues.isCompactDecimal(decimal)) {
                    return cursor -> BinaryValues.decimal(cursor.readVarLong(), decimal);
                }
                return cursor -> BinaryValues.decimal(cursor.readLengthAndBytes(), decimal);
            }
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                if (BinaryValues.isCompactTimestamp(((TimestampType) type).precision())) {
                    return cursor -> BinaryValues.timestamp(cursor.readVarLong(), 0);
                }
                return cursor -> {
                    long millis = cursor.readVarLong();
                    return BinaryValues.timestamp(millis, cursor.readVarInt());
                };
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                if (BinaryValues.isCompactTimestamp(((LocalZonedTimestampType) type).precision())) {
                    return cursor -> BinaryValues.instant(cursor.readVarLong(), 0);
                }
                return cursor -> {
                    long millis = cursor.readVarLong();
                    return BinaryValues.instant(millis, cursor.readVarInt());
                };
            case ARRAY: {
                BinaryArrayReader arrays = new BinaryArrayReader(((ArrayType) type).elementType(), BinaryRowFormat.COMPACTED);
                return cursor -> {
                    int length = cursor.readLength();
                    return arrays.read(cursor.buf, cursor.advance(length), length);
                };
            }
            case MAP: {
                BinaryMapReader maps = new BinaryMapReader((MapType) type, BinaryRowFormat.COMPACTED);
                return cursor -> {
                    int length = cursor.readLength();
                    return maps.read(cursor.buf, cursor.advance(length), length);
                };
            }
            case ROW: {
                CompactedRowReader rows = new CompactedRowReader((RowType) type);
                return cursor -> {
                    int length = cursor.readLength();
                    return rows.read(cursor.buf, cursor.advance(length), length);
                };
            }
            default:
                throw new IllegalArgumentException("Unsupported type " + type.summary());
        }
    }

    /** The read position within one row. */
    private static final class Cursor {

        final ByteBuf buf;
        final int end;
        int position;

        Cursor(ByteBuf buf, int position, int end) {
            this.buf = buf;
            this.position = position;
            this.end = end;
        }

        /** Moves past {@code length} bytes and returns where they start. */
        int advance(int length) {
            BinaryFieldErrors.checkWithin(position, length, position, end, "A value");
            int start = position;
            position += length;
            return start;
        }

        byte readByte() {
            return buf.getByte(advance(1));
        }

        int readVarInt() {
            int value = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                byte next = readByte();
                value |= (next & 0x7F) << shift;
                if (next >= 0) {
                    return value;
                }
            }
            throw BinaryFieldErrors.corrupt("A varint is longer than 5 bytes");
        }

        long readVarLong() {
            long value = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                byte next = readByte();
                value |= (long) (next & 0x7F) << shift;
                if (next >= 0) {
                    return value;
                }
            }
            throw BinaryFieldErrors.corrupt("A varlong is longer than 10 bytes");
        }

        int readLength() {
            int length = readVarInt();
            if (length < 0) {
                throw BinaryFieldErrors.corrupt("A value has a negative length " + length);
            }
            return length;
        }

        byte[] readLengthAndBytes() {
            int length = readLength();
            byte[] bytes = new byte[length];
            buf.getBytes(advance(length), bytes);
            return bytes;
        }
    }
}
