package io.flussreactive.internal.record;

import io.flussreactive.scan.ChangeType;
import io.flussreactive.type.RowType;
import java.util.Objects;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One decoded ARROW log batch: its header, its rows in a {@link VectorSchemaRoot}, and the change
 * type of each row. Closing it releases every Arrow buffer the decoding allocated.
 *
 * <p>Row {@code i} has log offset {@code baseOffset + i} and the batch's commit timestamp.
 */
public final class DecodedArrowBatch implements AutoCloseable {

    private final LogBatchHeader header;
    private final RowType rowType;
    private final VectorSchemaRoot root;
    private final byte[] changeTypes;

    /**
     * Wraps the parts of a decoded batch.
     *
     * @param header the batch header
     * @param rowType the row type of the root's columns
     * @param root the rows; owned by this batch from now on
     * @param changeTypes the change-type byte of each row (already verified), or null for an
     *     append-only batch
     */
    DecodedArrowBatch(LogBatchHeader header, RowType rowType, VectorSchemaRoot root, byte[] changeTypes) {
        this.header = header;
        this.rowType = rowType;
        this.root = root;
        this.changeTypes = changeTypes;
    }

    /**
     * The batch header.
     *
     * @return the header
     */
    public LogBatchHeader header() {
        return header;
    }

    /**
     * The row type of the columns in {@link #root()} (the projected columns for a projected fetch).
     *
     * @return the row type
     */
    public RowType rowType() {
        return rowType;
    }

    /**
     * The rows. Valid until this batch is closed.
     *
     * @return the root
     */
    public VectorSchemaRoot root() {
        return root;
    }

    /**
     * The number of rows; 0 for a header-only batch.
     *
     * @return the row count
     */
    public int rowCount() {
        return root.getRowCount();
    }

    /**
     * The change type of a row.
     *
     * @param row the row index
     * @return {@link ChangeType#APPEND_ONLY} for every row of an append-only batch, else the row's entry
     *     in the change-type vector
     */
    public ChangeType changeType(int row) {
        Objects.checkIndex(row, rowCount());
        return changeTypes == null ? ChangeType.APPEND_ONLY : ChangeType.fromByteValue(changeTypes[row]);
    }

    /**
     * The log offset of a row.
     *
     * @param row the row index
     * @return {@code baseOffset + row}
     */
    public long logOffset(int row) {
        Objects.checkIndex(row, rowCount());
        return header.baseOffset() + row;
    }

    /** Releases the rows' memory. Safe to call more than once. */
    @Override
    public void close() {
        root.close();
    }
}
