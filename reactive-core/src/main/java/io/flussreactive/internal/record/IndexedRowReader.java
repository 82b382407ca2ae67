package io.flussreactive.internal.record;

import io.flussreactive.error.CorruptRecordException;
import io.flussreactive.row.GenericRow;
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
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;

/**
 * Decodes rows of one row type from the indexed row format written by {@link IndexedRowWriter}. As in
 * Fluss, CHAR(n) and BINARY(n) values lose their trailing zero bytes. The rows it returns own their
 * values: they do not refer to the buffer they were read from.
 *
 * <p>Thread-safe.
 */
public final class IndexedRowReader {

    private final RowType rowType;
    private final FieldReader[] fieldReaders;
    /** The width of each field, or -1 for a field whose length is in the header. */
    private final int[] fixedSizes;
    private final int nullBitsSize;
    private final int headerSize;

    /**
     * Creates a decoder for rows of the given type.
     *
     * @param rowType the row type the rows were written with; every field type is supported
     */
    public IndexedRowReader(RowType rowType) {
        this.rowType = rowType;
        int fieldCount = rowType.fieldCount();
        this.fieldReaders = new FieldReader[fieldCount];
        this.fixedSizes = new int[fieldCount];
        int variableFields = 0;
        for (int i = 0; i < fieldCount; i++) {
            DataType type = rowType.fields().get(i).type();
            fieldReaders[i] = fieldReader(type);
            fixedSizes[i] = IndexedRowWriter.isVariableLength(type) ? -1 : fixedSize(type);
            variableFields += fixedSizes[i] < 0 ? 1 : 0;
        }
        this.nullBitsSize = (fieldCount + 7) / 8;
        this.headerSize = nullBitsSize + 4 * variableFields;
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
        if (length < headerSize) {
            throw BinaryFieldErrors.corrupt("An indexed row of " + rowType.summary() + " needs at least "
                    + headerSize + " bytes, got " + length);
        }
        int end = offset + length;
        int lengthSlot = offset + nullBitsSize;
        int position = offset + headerSize;
        GenericRow row = GenericRow.ofSize(fieldReaders.length);
        try {
            for (int i = 0; i < fieldReaders.length; i++) {
                boolean isNull = (buf.getByte(offset + (i >>> 3)) & (1 << (i & 7))) != 0;
                if (isNull) {
                    continue;
                }
                int size = fixedSizes[i];
                if (size < 0) {
                    size = buf.getIntLE(lengthSlot);
                    lengthSlot += 4;
                }
                BinaryFieldErrors.checkWithin(position, size, position, end, "A value");
                row.set(i, fieldReaders[i].read(buf, position, size));
                position += size;
            }
        } catch (IndexOutOfBoundsException | IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw new CorruptRecordException("Malformed indexed row of " + rowType.summary() + ": " + e.getMessage(), e);
        }
        if (position != end) {
            throw BinaryFieldErrors.corrupt("An indexed row of " + rowType.summary() + " ends after "
                    + (position - offset) + " of its " + length + " bytes");
        }
        return row;
    }

    /** The width of a fixed-width field. */
    private static int fixedSize(DataType type) {
        return switch (type.root()) {
            case BOOLEAN, TINYINT -> 1;
            case SMALLINT -> 2;
            case INTEGER, FLOAT, DATE, TIME_WITHOUT_TIME_ZONE -> 4;
            case BIGINT, DOUBLE, DECIMAL -> 8;
            case TIMESTAMP_WITHOUT_TIME_ZONE ->
                    BinaryValues.isCompactTimestamp(((TimestampType) type).precision()) ? 8 : 12;
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    BinaryValues.isCompactTimestamp(((LocalZonedTimestampType) type).precision()) ? 8 : 12;
            case CHAR -> ((CharType) type).length();
            case BINARY -> ((BinaryType) type).length();
            default -> throw new IllegalArgumentException("Not a fixed-width type: " + type.summary());
        };
    }

    /** Reads the non-null value held by {@code size} bytes at {@code position}. */
    @FunctionalInterface
    private interface FieldReader {
        Object read(ByteBuf buf, int position, int size);
    }

    private static FieldReader fieldReader(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return (buf, position, size) -> buf.getByte(position) != 0;
            case TINYINT:
                return (buf, position, size) -> buf.getByte(position);
            case SMALLINT:
                return (buf, position, size) -> buf.getShortLE(position);
            case INTEGER:
                return (buf, position, size) -> buf.getIntLE(position);
            case DATE:
                return (buf, position, size) -> BinaryValues.date(buf.getIntLE(position));
            case TIME_WITHOUT_TIME_ZONE:
                return (buf, position, size) -> BinaryValues.time(buf.getIntLE(position));
            case BIGINT:
                return (buf, position, size) -> buf.getLongLE(position);
            case FLOAT:
                return (buf, position, size) -> Float.intBitsToFloat(buf.getIntLE(position));
            case DOUBLE:
                return (buf, position, size) -> Double.longBitsToDouble(buf.getLongLE(position));
            case CHAR:
                return (buf, position, size) ->
                        buf.toString(position, withoutTrailingZeros(buf, position, size), StandardCharsets.UTF_8);
            case STRING:
                return (buf, position, size) -> buf.toString(position, size, StandardCharsets.UTF_8);
            case BINARY:
                return (buf, position, size) -> bytes(buf, position, withoutTrailingZeros(buf, position, size));
            case BYTES:
                return IndexedRowReader::bytes;
            case DECIMAL: {
                DecimalType decimal = (DecimalType) type;
                if (BinaryValues.isCompactDecimal(decimal)) {
                    return (buf, position, size) -> BinaryValues.decimal(buf.getLongLE(position), decimal);
                }
                return (buf, position, size) -> BinaryValues.decimal(bytes(buf, position, size), decimal);
            }
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return (buf, position, size) ->
                        BinaryValues.timestamp(buf.getLongLE(position), size == 8 ? 0 : buf.getIntLE(position + 8));
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return (buf, position, size) ->
                        BinaryValues.instant(buf.getLongLE(position), size == 8 ? 0 : buf.getIntLE(position + 8));
            case ARRAY: {
                BinaryArrayReader arrays = new BinaryArrayReader(((ArrayType) type).elementType(), BinaryRowFormat.INDEXED);
                return arrays::read;
            }
            case MAP: {
                BinaryMapReader maps = new BinaryMapReader((MapType) type, BinaryRowFormat.INDEXED);
                return maps::read;
            }
            case ROW: {
                IndexedRowReader rows = new IndexedRowReader((RowType) type);
                return rows::read;
            }
            default:
                throw new IllegalArgumentException("Unsupported type " + type.summary());
        }
    }

    /** The length of the value once its zero padding is dropped. */
    private static int withoutTrailingZeros(ByteBuf buf, int position, int size) {
        int length = size;
        while (length > 0 && buf.getByte(position + length - 1) == 0) {
            length--;
        }
        return length;
    }

    private static byte[] bytes(ByteBuf buf, int position, int size) {
        byte[] bytes = new byte[size];
        buf.getBytes(position, bytes);
        return bytes;
    }
}
