package io.flussreactive.internal.record;

import io.flussreactive.row.Row;
import io.flussreactive.type.DataField;
import io.flussreactive.type.RowType;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads the rows of a {@link VectorSchemaRoot} made from {@link ArrowSchemas#toArrowSchema(RowType)}
 * as {@link Row}s, the inverse of {@link ArrowRowWriter}. Values are decoded when asked for.
 *
 * <p>The rows are views: they read the root's vectors and are valid only until the root is closed
 * or reloaded; {@link io.flussreactive.row.GenericRow#copyOf(Row)} detaches one.
 */
public final class ArrowRowReader {

    private final RowType rowType;
    private final VectorSchemaRoot root;
    private final ArrowFieldReader[] columns;

    /**
     * Prepares the readers of every column of a root.
     *
     * @param rowType the row type the root was made from (the projected one for projected fetches)
     * @param root the root
     * @throws IllegalArgumentException when the root does not have the row type's Arrow layout
     */
    public ArrowRowReader(RowType rowType, VectorSchemaRoot root) {
        this.rowType = Objects.requireNonNull(rowType, "rowType");
        this.root = root;
        List<DataField> fields = rowType.fields();
        List<FieldVector> vectors = root.getFieldVectors();
        if (vectors.size() != fields.size()) {
            throw new IllegalArgumentException("The root has " + vectors.size() + " vectors but " + rowType
                    + " has " + fields.size() + " columns");
        }
        this.columns = new ArrowFieldReader[fields.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = ArrowFieldReader.of(fields.get(i).type(), vectors.get(i));
        }
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
     * The number of rows in the root.
     *
     * @return the root's row count
     */
    public int rowCount() {
        return root.getRowCount();
    }

    /**
     * A view of one row.
     *
     * @param index the row index, within {@code [0, rowCount())}
     * @return the row
     * @throws IndexOutOfBoundsException when the index is outside the root's rows
     */
    public Row row(int index) {
        Objects.checkIndex(index, root.getRowCount());
        return new ArrowRowView(this, index);
    }

    /**
     * Whether a value is null.
     *
     * @param row the row index
     * @param column the column position
     * @return true for null
     */
    public boolean isNull(int row, int column) {
        return columns[column].isNull(row);
    }

    /**
     * A value as its Java representation (see {@link Row}).
     *
     * @param row the row index
     * @param column the column position
     * @return the value, or null
     */
    public Object value(int row, int column) {
        return columns[column].read(row);
    }

    /**
     * The number of columns.
     *
     * @return the column count
     */
    public int columnCount() {
        return columns.length;
    }
}
