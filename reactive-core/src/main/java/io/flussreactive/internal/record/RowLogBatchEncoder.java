package io.flussreactive.internal.record;

import io.flussreactive.admin.LogFormat;
import io.flussreactive.row.Row;
import io.flussreactive.scan.ChangeType;
import io.flussreactive.type.RowType;
import io.netty.buffer.ByteBuf;

/**
 * Encodes INDEXED and COMPACTED log batches: the records of the body, in the layout read by {@link
 * RowLogBatchDecoder}, and the magic 0 header that completes a batch of them.
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
        int size = encodeIntoBuffer(changeType, row);
        out.writeBytes(buffer.array(), 0, size);
        return size;
    }

    /**
     * Encodes one record into an array of exactly its size, to be appended to a batch body later.
     *
     * @param changeType the record's change type
     * @param row the row
     * @return the record: its length, change type and row
     * @throws IllegalArgumentException if the row does not match the row type, naming the field
     */
    public byte[] encode(ChangeType changeType, Row row) {
        encodeIntoBuffer(changeType, row);
        return buffer.copyFrom(0);
    }

    /** Writes a record into the reused buffer and returns its size. */
    private int encodeIntoBuffer(ChangeType changeType, Row row) {
        buffer.reset();
        buffer.writeInt(0);
        buffer.writeByte(changeType.toByteValue());
        rowWriter.writeRow(row, buffer);
        int size = buffer.position();
        buffer.putInt(0, size - 4);
        return size;
    }

    /**
     * Completes an append-only batch, as log tables are written: writes the magic 0 header in the
     * {@link LogBatchHeader#V0_HEADER_SIZE} bytes reserved at {@code start}, with the records that follow
     * it up to the buffer's writer index, and then its CRC. The append-only bit tells readers that every
     * record is an append, but each record still carries its change type byte.
     *
     * @param batch the buffer: the reserved header, then the records
     * @param start where the batch starts
     * @param schemaId the schema id of the rows, 0 to 32767
     * @param recordCount the number of records after the header
     * @param writerId the writer id, or {@link LogBatchHeader#NO_WRITER_ID}
     * @param batchSequence the batch sequence, or {@link LogBatchHeader#NO_BATCH_SEQUENCE}
     * @throws IllegalArgumentException when the schema id does not fit the header or the header was not reserved
     */
    public static void completeAppendOnly(ByteBuf batch, int start, int schemaId, int recordCount, long writerId,
            int batchSequence) {
        LogBatchHeader.writeV0(batch, start, batch.writerIndex() - start, schemaId, true, recordCount, writerId,
                batchSequence);
        LogBatchChecksum.refresh(batch, start);
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
