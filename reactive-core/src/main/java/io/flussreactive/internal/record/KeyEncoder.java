package io.flussreactive.internal.record;

import io.flussreactive.row.Row;
import io.flussreactive.type.DataField;
import io.flussreactive.type.RowType;
import java.util.List;

/**
 * Encodes key columns of a row the way Fluss keys primary-key records, lookups and buckets when the
 * table has no lakehouse format: the compacted encoding of each key value (see {@link
 * CompactedValueWriters}) in key order, with no null bits, since key values cannot be null.
 *
 * <p>Example: INT 1 becomes {@code 01}, STRING "a" becomes {@code 01 61}, the key (INT 1, INT 2)
 * becomes {@code 01 02}. Which columns make up which key of a table is decided by {@link KeyEncoders}.
 *
 * <p>Thread-safe.
 */
public final class KeyEncoder {

    private final RowType rowType;
    private final List<String> keyColumns;
    private final int[] positions;
    private final DataField[] fields;
    private final BinaryValueWriter[] valueWriters;

    /**
     * Creates an encoder of the given columns of rows of the given type.
     *
     * @param rowType the type of the rows the key is taken from
     * @param keyColumns the key columns, in key order
     * @throws IllegalArgumentException if a key column is not a field of the row type, or there is none
     */
    public KeyEncoder(RowType rowType, List<String> keyColumns) {
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException("A key needs at least one column");
        }
        this.rowType = rowType;
        this.keyColumns = List.copyOf(keyColumns);
        this.positions = new int[keyColumns.size()];
        this.fields = new DataField[keyColumns.size()];
        this.valueWriters = new BinaryValueWriter[keyColumns.size()];
        for (int i = 0; i < positions.length; i++) {
            String column = keyColumns.get(i);
            positions[i] = rowType.fieldIndex(column);
            if (positions[i] < 0) {
                throw new IllegalArgumentException(
                        "Key column '" + column + "' is not a field of " + rowType.summary());
            }
            fields[i] = rowType.fields().get(positions[i]);
            valueWriters[i] = CompactedValueWriters.forType(fields[i].type());
        }
    }

    /**
     * Returns the key columns, in key order.
     *
     * @return the column names
     */
    public List<String> keyColumns() {
        return keyColumns;
    }

    /**
     * Returns the type of the rows keys are taken from.
     *
     * @return the row type
     */
    public RowType rowType() {
        return rowType;
    }

    /**
     * Encodes the key of a row.
     *
     * @param row a row of {@link #rowType()}
     * @return the key bytes, never empty
     * @throws IllegalArgumentException if a key value is null or does not match its column's type,
     *     naming the column, or if the row has the wrong number of values
     */
    public byte[] encode(Row row) {
        BinaryFieldErrors.checkArity(row, rowType);
        // A buffer per call: writers encode keys on their callers' threads, several at once.
        BinaryOutput buffer = new BinaryOutput(32);
        for (int i = 0; i < positions.length; i++) {
            Object value = row.get(positions[i]);
            if (value == null) {
                throw new IllegalArgumentException(
                        "Key column '" + fields[i].name() + "' must not be null");
            }
            try {
                valueWriters[i].write(buffer, value);
            } catch (ClassCastException | IllegalArgumentException | ArithmeticException e) {
                throw BinaryFieldErrors.badValue(fields[i], value, e);
            }
        }
        return buffer.copyFrom(0);
    }
}
