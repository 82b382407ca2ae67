package io.flussreactive.internal.record;

import io.flussreactive.row.Row;
import io.flussreactive.type.DataField;
import io.flussreactive.type.RowType;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Appends rows to a {@link VectorSchemaRoot} made from {@link ArrowSchemas#toArrowSchema(RowType)},
 * to fill one ARROW log batch. Not thread-safe.
 *
 * <p>A row is checked whole before anything is written (see {@link ArrowRowValidator}): a rejected
 * row leaves the root exactly as it was, and the writer keeps appending other rows. Should writing
 * itself fail (the allocator's limit), the rows appended before stay intact and the next append
 * overwrites what the failed one left.
 *
 * <p>Appending does not update the root's row count, which would cost a pass over every vector per
 * row; {@link #finish()} sets it once the batch is complete. {@link #reset()} empties the root for
 * the next batch and keeps its memory.
 */
public final class ArrowRowWriter {

    /** The rows the vectors are sized for up front; they grow by doubling beyond. */
    private static final int INITIAL_ROW_CAPACITY = 1024;

    private final RowType rowType;
    private final VectorSchemaRoot root;
    private final ArrowRowValidator validator;
    private final ArrowFieldWriter[] columns;
    private final Object[] values;
    private int rowCount;

    /**
     * Binds a writer to an empty root and allocates its first buffers.
     *
     * @param rowType the row type of the rows
     * @param root an empty root with the Arrow schema of {@code rowType}; stays owned by the caller
     * @throws IllegalArgumentException when the root does not have the row type's Arrow layout
     */
    public ArrowRowWriter(RowType rowType, VectorSchemaRoot root) {
        this(new ArrowRowValidator(rowType), root);
    }

    /**
     * Binds a writer to an empty root, sharing a validator already made for the row type.
     *
     * @param validator the validator of the row type
     * @param root an empty root with the Arrow schema of the validator's row type; stays owned by the caller
     * @throws IllegalArgumentException when the root does not have the row type's Arrow layout
     */
    public ArrowRowWriter(ArrowRowValidator validator, VectorSchemaRoot root) {
        this(validator, root, INITIAL_ROW_CAPACITY);
    }

    /**
     * Binds a writer to an empty root with buffers sized for an expected number of rows (a batch
     * writer passes the size of its previous batch, so that filling a batch does not keep doubling
     * and copying its buffers).
     *
     * @param validator the validator of the row type
     * @param root an empty root with the Arrow schema of the validator's row type; stays owned by the caller
     * @param expectedRows the rows to size the buffers for (at least 1)
     * @throws IllegalArgumentException when the root does not have the row type's Arrow layout
     */
    public ArrowRowWriter(ArrowRowValidator validator, VectorSchemaRoot root, int expectedRows) {
        this.rowType = validator.rowType();
        this.root = root;
        this.validator = validator;
        List<DataField> fields = rowType.fields();
        List<FieldVector> vectors = root.getFieldVectors();
        if (vectors.size() != fields.size()) {
            throw new IllegalArgumentException("The root has " + vectors.size() + " vectors but " + rowType
                    + " has " + fields.size() + " columns");
        }
        this.columns = new ArrowFieldWriter[fields.size()];
        for (int i = 0; i < columns.length; i++) {
            FieldVector vector = vectors.get(i);
            columns[i] = ArrowFieldWriter.of(fields.get(i).type(), vector);
            vector.setInitialCapacity(Math.max(1, expectedRows));
            vector.allocateNew();
        }
        this.values = new Object[columns.length];
        root.setRowCount(0);
    }

    /**
     * The root the rows go to.
     *
     * @return the root; its row count is only current after {@link #finish()}
     */
    public VectorSchemaRoot root() {
        return root;
    }

    /**
     * The row type of the rows.
     *
     * @return the row type
     */
    public RowType rowType() {
        return rowType;
    }

    /**
     * The number of rows appended since the last {@link #reset()}.
     *
     * @return the row count
     */
    public int rowCount() {
        return rowCount;
    }

    /**
     * Checks a row and appends it, or leaves the root unchanged when the row is invalid.
     *
     * @param row the row; its values use the Java classes listed in {@link Row}
     * @throws IllegalArgumentException naming the column and the problem when the row cannot be written
     */
    public void append(Row row) {
        validator.checkArity(row);
        // Each value is read once: rows may be views that decode on every get.
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        try {
            validator.checkValues(values);
            for (int i = 0; i < columns.length; i++) {
                columns[i].write(rowCount, values[i]);
            }
            rowCount++;
        } finally {
            Arrays.fill(values, null);
        }
    }

    /**
     * Appends a row that the validator of this writer's row type has already accepted (a writer checks
     * and measures each row before it picks the batch), without checking it again.
     *
     * <p>Should a value have changed since its check (a row changed after it was handed over),
     * writing may fail half-way; the rows appended before stay intact and the next append
     * overwrites what this one left, as for any failed append.
     *
     * @param row a row accepted by {@link ArrowRowValidator#check} or
     *     {@link ArrowRowValidator#estimatedSizeInBytes}
     * @throws RuntimeException when a value cannot be written after all
     */
    public void appendChecked(Row row) {
        for (int i = 0; i < columns.length; i++) {
            columns[i].write(rowCount, row.get(i));
        }
        rowCount++;
    }

    /**
     * Checks a row and estimates the bytes it would add to the Arrow buffers (see {@link
     * ArrowRowValidator#estimatedSizeInBytes(Row)}).
     *
     * @param row the row
     * @return the estimated size in bytes
     * @throws IllegalArgumentException naming the column and the problem when the row cannot be written
     */
    public int estimatedSizeInBytes(Row row) {
        return validator.estimatedSizeInBytes(row);
    }

    /**
     * Sets the root's row count to the rows appended, so that it can be encoded.
     *
     * @return the root
     */
    public VectorSchemaRoot finish() {
        root.setRowCount(rowCount);
        return root;
    }

    /** Empties the root for the next batch; its buffers are zeroed and kept. */
    public void reset() {
        for (FieldVector vector : root.getFieldVectors()) {
            vector.reset();
        }
        root.setRowCount(0);
        rowCount = 0;
    }
}
