package io.flussreactive.internal.record;

import io.flussreactive.row.Row;
import io.flussreactive.type.DataField;
import io.flussreactive.type.RowType;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Encodes rows of one row type in the compacted row format, the default value format of primary-key
 * tables and the row format of COMPACTED log tables:
 *
 * <pre>
 * [null bits: ceil(fields / 8) bytes, bit i = field i][each non-null value in field order, no padding]
 * </pre>
 *
 * <p>Values use the encodings listed on {@link CompactedValueWriters}. A null value has its bit set
 * and takes no bytes.
 *
 * <p>Not thread-safe: an instance reuses its buffers from row to row.
 */
public final class CompactedRowWriter {

    private final RowType rowType;
    private final DataField[] fields;
    private final BinaryValueWriter[] valueWriters;
    private final int nullBitsSize;
    private final BinaryOutput buffer = new BinaryOutput(64);

    /**
     * Creates an encoder for rows of the given type.
     *
     * @param rowType the row type; every field type is supported
     */
    public CompactedRowWriter(RowType rowType) {
        this.rowType = rowType;
        List<DataField> fieldList = rowType.fields();
        this.fields = fieldList.toArray(new DataField[0]);
        this.valueWriters = new BinaryValueWriter[fields.length];
        for (int i = 0; i < fields.length; i++) {
            valueWriters[i] = CompactedValueWriters.forType(fields[i].type());
        }
        this.nullBitsSize = (fields.length + 7) / 8;
    }

    /**
     * Returns the row type this encoder writes.
     *
     * @return the row type
     */
    public RowType rowType() {
        return rowType;
    }

    /**
     * Encodes a row into a new array of exactly its size.
     *
     * @param row the row, with the Java values documented on {@link Row}
     * @return the encoded row
     * @throws IllegalArgumentException if the row does not match the row type, naming the field
     */
    public byte[] encode(Row row) {
        buffer.reset();
        writeRow(row, buffer);
        return buffer.copyFrom(0);
    }

    /**
     * Encodes a row and appends it to a buffer.
     *
     * @param row the row, with the Java values documented on {@link Row}
     * @param out the buffer to append to
     * @return the number of bytes appended
     * @throws IllegalArgumentException if the row does not match the row type, naming the field; then
     *     nothing is appended
     */
    public int encodeTo(Row row, ByteBuf out) {
        buffer.reset();
        writeRow(row, buffer);
        out.writeBytes(buffer.array(), 0, buffer.position());
        return buffer.position();
    }

    /** Appends the row at the output's position; the {@link BinaryRowWriter} of this format. */
    void writeRow(Row row, BinaryOutput out) {
        BinaryFieldErrors.checkArity(row, rowType);
        int base = out.position();
        out.writeZeros(nullBitsSize);
        for (int i = 0; i < fields.length; i++) {
            Object value = row.get(i);
            if (value == null) {
                if (!fields[i].type().nullable()) {
                    throw BinaryFieldErrors.nullInNotNullField(fields[i]);
                }
                out.setBit(base, i);
                continue;
            }
            try {
                valueWriters[i].write(out, value);
            } catch (ClassCastException | IllegalArgumentException | ArithmeticException e) {
                throw BinaryFieldErrors.badValue(fields[i], value, e);
            }
        }
    }
}
