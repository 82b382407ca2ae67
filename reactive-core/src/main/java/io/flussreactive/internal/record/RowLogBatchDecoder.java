package io.flussreactive.internal.record;

import io.flussreactive.admin.LogFormat;
import io.flussreactive.row.Row;
import io.flussreactive.scan.ChangeType;
import io.flussreactive.type.RowType;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the body of an INDEXED or COMPACTED log batch, the bytes after the batch header. The body is
 * a sequence of records:
 *
 * <pre>
 * [i32 LE length of what follows][change type byte][row in the table's log row format]
 * </pre>
 *
 * <p>Every record carries its change type, whether or not the batch is append-only. The rows it
 * returns own their values and do not refer to the buffer.
 *
 * <p>Thread-safe.
 */
public final class RowLogBatchDecoder {

    private static final int LENGTH_SIZE = 4;

    private final LogFormat format;
    private final BinaryRowReader rowReader;

    /**
     * Creates a decoder of the bodies of batches of one row format and one schema.
     *
     * @param format {@link LogFormat#INDEXED} or {@link LogFormat#COMPACTED}
     * @param rowType the row type of the batch's schema
     * @throws IllegalArgumentException for {@link LogFormat#ARROW}
     */
    public RowLogBatchDecoder(LogFormat format, RowType rowType) {
        this.format = format;
        this.rowReader = BinaryRowFormat.of(format).readerFor(rowType);
    }

    /**
     * Decodes the records of a batch body: the readable bytes of the buffer, whose indexes are left
     * unchanged.
     *
     * @param body the bytes after the batch header
     * @param recordCount the record count from the batch header
     * @return the records
     * @throws io.flussreactive.error.CorruptRecordException if the body does not hold exactly that many
     *     records of the row type
     */
    public RowLogBatch decode(ByteBuf body, int recordCount) {
        if (recordCount < 0) {
            throw BinaryFieldErrors.corrupt("A log batch has a negative record count " + recordCount);
        }
        List<ChangeType> changeTypes = new ArrayList<>(recordCount);
        List<Row> rows = new ArrayList<>(recordCount);
        int position = body.readerIndex();
        int end = body.writerIndex();
        for (int i = 0; i < recordCount; i++) {
            BinaryFieldErrors.checkWithin(position, LENGTH_SIZE, position, end, "The length of record " + i);
            int length = body.getIntLE(position);
            if (length < 1) {
                throw BinaryFieldErrors.corrupt("Record " + i + " of a " + format + " log batch has the length " + length);
            }
            BinaryFieldErrors.checkWithin(position + LENGTH_SIZE, length, position, end, "Record " + i);
            changeTypes.add(changeType(body.getByte(position + LENGTH_SIZE), i));
            rows.add(rowReader.read(body, position + LENGTH_SIZE + 1, length - 1));
            position += LENGTH_SIZE + length;
        }
        if (position != end) {
            throw BinaryFieldErrors.corrupt("A " + format + " log batch body has " + (end - position)
                    + " bytes after its " + recordCount + " records");
        }
        return new RowLogBatch(changeTypes, rows);
    }

    private ChangeType changeType(byte value, int record) {
        try {
            return ChangeType.fromByteValue(value);
        } catch (IllegalArgumentException e) {
            throw BinaryFieldErrors.corrupt("Record " + record + " of a " + format
                    + " log batch has the unknown change type " + value);
        }
    }
}
