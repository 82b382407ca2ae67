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
public final class CompactedRowWriter extends BinaryRowWriter {

    private final DataField[] fields;
    private final BinaryValueWriter[] valueWriters;
    private final int nullBitsSize;

    /**
     * Creates an encoder for rows of the given type.
     *
     * @param rowType the row type; every field type is supported
     */
    public CompactedRowWriter(RowType rowType) {
        super(rowType);
        List<DataField> fieldList = rowType().fields();
        this.fields = fieldList.toArray(new DataField[0]);
        this.valueWriters = new BinaryValueWriter[fields.length];
        for (int i = 0; i < fields.length; i++) {
            valueWriters[i] = CompactedValueWriters.forType(fields[i].type());
        }
        this.nullBitsSize = (fields.length + 7) / 8;
    }

    @Override
    void writeRow(Row row, BinaryOutput out) {
        BinaryFieldErrors.checkArity(row, rowType());
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
