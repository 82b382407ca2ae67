package io.flussreactive.internal.record;

import io.flussreactive.row.Row;
import io.flussreactive.type.DataField;
import io.flussreactive.type.RowType;
import java.util.List;

/**
 * Checks that rows can be written to the ARROW batches of a row type, and estimates what each row
 * adds to the Arrow buffers. Needs no Arrow memory, so a writer can size and reject a row before it
 * picks the batch the row goes to. Thread-safe.
 *
 * <p>A row must have one value per column, each of the Java class listed in {@link Row} for its
 * type (or null where the type allows it). Besides, a DECIMAL must fit its precision once rounded
 * half up to its scale, a CHAR(n) must take at most n bytes in UTF-8, a BINARY(n) must have exactly
 * n bytes, and DATE and TIMESTAMP values must fit the range of their Arrow unit.
 *
 * <p>Writers of INDEXED and COMPACTED log tables check rows with it too: scans deliver every log
 * format in Arrow columns, so a log table takes the same rows whatever its format. Rows read back from a
 * row-format log, to be delivered in Arrow columns, are checked by the validator of {@link
 * #forStoredRows}, which takes the CHAR and BINARY values Fluss stores.
 */
public final class ArrowRowValidator {

    private final RowType rowType;
    private final ArrowFieldCheck[] columns;

    /**
     * Prepares the checks of every column, for rows written to a table.
     *
     * @param rowType the row type of the batches
     */
    public ArrowRowValidator(RowType rowType) {
        this(rowType, true);
    }

    private ArrowRowValidator(RowType rowType, boolean strictLengths) {
        this.rowType = rowType;
        List<DataField> fields = rowType.fields();
        this.columns = new ArrowFieldCheck[fields.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = ArrowFieldCheck.of(fields.get(i).name(), fields.get(i).type(), strictLengths);
        }
    }

    /**
     * The validator of rows read back from a row-format log, to be put into Arrow columns. Fluss stores
     * CHAR and BINARY values that a writer of this client would reject: the official client does not
     * limit them in the COMPACTED format, and INDEXED rows lose the trailing zero bytes of a BINARY
     * value. So a CHAR value may be longer than its length here, and a BINARY value shorter (it is
     * padded with zero bytes again); a longer BINARY value still does not fit its Arrow column.
     *
     * @param rowType the row type of the rows
     * @return the validator
     */
    public static ArrowRowValidator forStoredRows(RowType rowType) {
        return new ArrowRowValidator(rowType, false);
    }

    /**
     * The row type whose rows this validator checks.
     *
     * @return the row type
     */
    public RowType rowType() {
        return rowType;
    }

    /**
     * Checks a row without measuring it.
     *
     * @param row the row
     * @throws IllegalArgumentException naming the column and the problem when the row cannot be written
     */
    public void check(Row row) {
        checkArity(row);
        for (int i = 0; i < columns.length; i++) {
            columns[i].check(row.get(i), false);
        }
    }

    /**
     * Checks a row and estimates the bytes it adds to the Arrow buffers of a batch: fixed-width
     * values, validity bits, offsets and variable-length bytes, nested values included. Padding,
     * metadata and compression are not counted.
     *
     * @param row the row
     * @return the estimated size in bytes
     * @throws IllegalArgumentException naming the column and the problem when the row cannot be written
     */
    public int estimatedSizeInBytes(Row row) {
        checkArity(row);
        long bits = 0;
        for (int i = 0; i < columns.length; i++) {
            bits += columns[i].check(row.get(i), true);
        }
        return (int) Math.min(Integer.MAX_VALUE, (bits + 7) / 8);
    }

    /**
     * Checks a row whose values were already taken out, so that they are read only once.
     *
     * @param values one value per column
     */
    void checkValues(Object[] values) {
        for (int i = 0; i < columns.length; i++) {
            columns[i].check(values[i], false);
        }
    }

    /**
     * Verifies the number of values of a row.
     *
     * @param row the row
     * @throws IllegalArgumentException when the row is null or its arity differs from the row type's
     */
    void checkArity(Row row) {
        if (row == null) {
            throw new IllegalArgumentException("The row must not be null");
        }
        if (row.fieldCount() != columns.length) {
            throw new IllegalArgumentException("The row has " + row.fieldCount() + " values but the table has "
                    + columns.length + " columns " + rowType.fieldNames());
        }
    }
}
