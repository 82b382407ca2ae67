package io.flussreactive.internal.record;

import io.flussreactive.admin.LogFormat;
import io.flussreactive.row.Row;
import io.flussreactive.scan.ChangeType;
import io.flussreactive.type.RowType;
import io.netty.buffer.ByteBuf;

/**
 * Encodes the body of an INDEXED or COMPACTED log batch, the records that follow the batch header, in
 * the layout read by {@link RowLogBatchDecoder}.
 *
 * <p>Not thread-safe: an instance reuses its buffer from record to record.
 */
public final class RowLogBatchEncoder {

    private final BinaryRowWriter rowWriter;
    private final BinaryOutput buffer = new BinaryOutput(128);

    /**
     * Creates an encoder of records of one row format and one schema.
     *
     * @param format {@link LogFormat#INDEXED} or {@link LogFormat#COMPACTED}
     * @param rowType the row type of the schema
     * @throws IllegalArgumentException for {@link LogFormat#ARROW}
     */
    public RowLogBatchEncoder(LogFormat format, RowType rowType) {
        this.rowWriter = BinaryRowFormat.of(format).writerFor(rowType);
    }

    /**
     * Appends one record to a batch body.
     *
     * @param changeType the record's change type
     * @param row the row
     * @param out the body being built
     * @return the number of bytes appended
     * @throws IllegalArgumentException if the row does not match the row type, naming the field; then
     *     nothing is appended
     */
    public int append(ChangeType changeType, Row row, ByteBuf out) {
        buffer.reset();
        buffer.writeInt(0);
        buffer.writeByte(changeType.toByteValue());
        rowWriter.writeRow(row, buffer);
        int size = buffer.position();
        buffer.putInt(0, size - 4);
        out.writeBytes(buffer.array(), 0, size);
        return size;
    }

    /**
     * Appends every record of a batch to a batch body.
     *
     * @param batch the records
     * @param out the body being built
     * @return the number of bytes appended
     * @throws IllegalArgumentException if a row does not match the row type; the records before it
     *     have been appended
     */
    public int append(RowLogBatch batch, ByteBuf out) {
        int size = 0;
        for (int i = 0; i < batch.size(); i++) {
            size += append(batch.changeTypes().get(i), batch.rows().get(i), out);
        }
        return size;
    }
}
