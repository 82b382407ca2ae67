package io.flussreactive.internal.record;

import io.flussreactive.row.Row;
import io.flussreactive.type.RowType;
import io.netty.buffer.ByteBuf;

/**
 * Encodes rows of one row type in one binary row format: what the compacted and indexed row writers
 * have in common. Not thread-safe: an instance reuses its buffer from row to row.
 */
abstract class BinaryRowWriter {

    private final RowType rowType;
    private final BinaryOutput buffer = new BinaryOutput(64);

    BinaryRowWriter(RowType rowType) {
        this.rowType = rowType;
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

    /**
     * Appends the row at the output's position (nested rows are written this way, into their
     * parent's output).
     *
     * @throws IllegalArgumentException if the row does not match the row type
     */
    abstract void writeRow(Row row, BinaryOutput out);
}
