package io.flussreactive.internal.record;

import io.flussreactive.admin.KvFormat;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.type.RowType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Decodes the values a primary-key table stores and returns from Lookup, PrefixLookup and LimitScan:
 * {@code [i16 LE schema id][row in the table's kv format]}. A value is decoded with the schema its id
 * names, which may be older than the table's current schema.
 *
 * <p>LimitScan returns its values in a value batch: {@code [i32 LE length of the rest][i8 magic
 * 0][i32 LE record count]} followed by records {@code [i32 LE length of the rest][i16 LE schema
 * id][row]}.
 *
 * <p>Thread-safe.
 */
public final class ValueDecoder {

    /** The size of the schema id in front of every value. */
    public static final int SCHEMA_ID_SIZE = 2;

    private static final int BATCH_HEADER_SIZE = 9;
    private static final byte VALUE_BATCH_MAGIC = 0;

    private final KvFormat kvFormat;
    private final IntFunction<RowType> rowTypeOfSchema;
    private final Map<Integer, BinaryRowReader> readers = new ConcurrentHashMap<>();

    /**
     * A decoded value.
     *
     * @param schemaId the id of the schema the row was written with
     * @param row the row, with one value per column of that schema
     */
    public record Value(int schemaId, Row row) {}

    /**
     * Creates a decoder for one table.
     *
     * @param kvFormat the table's kv format
     * @param rowTypeOfSchema the row type of each schema id; it is asked once per id, and must know every
     *     id the values name (see {@link #schemaIdOf(byte[])} and {@link #schemaIdsOfBatch(ByteBuf)})
     */
    public ValueDecoder(KvFormat kvFormat, IntFunction<RowType> rowTypeOfSchema) {
        this.kvFormat = kvFormat;
        this.rowTypeOfSchema = rowTypeOfSchema;
    }

    /**
     * A decoded row as a row of a later schema, which may have more columns (columns are only ever
     * added at the end): the columns added since the row was written are null.
     *
     * @param row a decoded row
     * @param width the number of columns of the later schema
     * @return the row itself when it is that wide already, else a wider copy
     */
    public static Row padded(Row row, int width) {
        if (row.fieldCount() >= width) {
            return row;
        }
        GenericRow wider = GenericRow.ofSize(width);
        for (int i = 0; i < row.fieldCount(); i++) {
            wider.set(i, row.get(i));
        }
        return wider;
    }

    /**
     * Returns the schema id of a value.
     *
     * @param value a stored value
     * @return its schema id
     * @throws io.flussreactive.error.CorruptRecordException if the value is shorter than a schema id
     */
    public static int schemaIdOf(byte[] value) {
        if (value.length < SCHEMA_ID_SIZE) {
            throw BinaryFieldErrors.corrupt("A value of " + value.length + " bytes has no schema id");
        }
        return (short) ((value[0] & 0xFF) | (value[1] & 0xFF) << 8);
    }

    /**
     * Returns the schema ids the values of a value batch name, so that their schemas can be fetched
     * before decoding.
     *
     * @param batch a value batch in the buffer's readable bytes; the indexes are not changed
     * @return the distinct schema ids, in order of first use
     * @throws io.flussreactive.error.CorruptRecordException if the bytes are not a value batch
     */
    public static Set<Integer> schemaIdsOfBatch(ByteBuf batch) {
        Set<Integer> ids = new LinkedHashSet<>();
        forEachRecord(batch, (buf, schemaId, offset, length) -> ids.add(schemaId));
        return ids;
    }

    /**
     * Decodes a value.
     *
     * @param value a stored value
     * @return the schema id and the row
     * @throws io.flussreactive.error.CorruptRecordException if the bytes are not a value of that schema
     * @throws IllegalStateException if the schema id is unknown
     */
    public Value decode(byte[] value) {
        return decode(Unpooled.wrappedBuffer(value), 0, value.length);
    }

    /**
     * Decodes a value held by {@code length} bytes at absolute index {@code offset} of a buffer; the
     * buffer's indexes are not changed.
     *
     * @param buf the buffer
     * @param offset where the value starts
     * @param length the value's length
     * @return the schema id and the row
     * @throws io.flussreactive.error.CorruptRecordException if the bytes are not a value of that schema
     * @throws IllegalStateException if the schema id is unknown
     */
    public Value decode(ByteBuf buf, int offset, int length) {
        if (length < SCHEMA_ID_SIZE) {
            throw BinaryFieldErrors.corrupt("A value of " + length + " bytes has no schema id");
        }
        int schemaId = buf.getShortLE(offset);
        return new Value(schemaId, reader(schemaId).read(buf, offset + SCHEMA_ID_SIZE, length - SCHEMA_ID_SIZE));
    }

    /**
     * Decodes the values of a LimitScan value batch.
     *
     * @param batch the batch in the buffer's readable bytes (none for no values); the indexes are not
     *     changed
     * @return the values in batch order
     * @throws io.flussreactive.error.CorruptRecordException if the bytes are not a value batch
     * @throws IllegalStateException if a schema id is unknown
     */
    public List<Value> decodeBatch(ByteBuf batch) {
        List<Value> values = new ArrayList<>();
        forEachRecord(batch, (buf, schemaId, offset, length) ->
                values.add(new Value(schemaId, reader(schemaId).read(buf, offset, length))));
        return values;
    }

    private BinaryRowReader reader(int schemaId) {
        return readers.computeIfAbsent(schemaId, id -> {
            RowType rowType = rowTypeOfSchema.apply(id);
            if (rowType == null) {
                throw new IllegalStateException("No row type is known for schema id " + id);
            }
            return BinaryRowFormat.of(kvFormat).readerFor(rowType);
        });
    }

    /** Receives the row of each record of a value batch. */
    @FunctionalInterface
    private interface RecordVisitor {
        void visit(ByteBuf buf, int schemaId, int rowOffset, int rowLength);
    }

    private static void forEachRecord(ByteBuf batch, RecordVisitor visitor) {
        int start = batch.readerIndex();
        int end = batch.writerIndex();
        if (start == end) {
            return;
        }
        BinaryFieldErrors.checkWithin(start, BATCH_HEADER_SIZE, start, end, "The header of a value batch");
        int batchEnd = start + 4 + batch.getIntLE(start);
        BinaryFieldErrors.checkWithin(start, batchEnd - start, start, end, "A value batch");
        if (batch.getByte(start + 4) != VALUE_BATCH_MAGIC) {
            throw BinaryFieldErrors.corrupt("A value batch has the unknown magic " + batch.getByte(start + 4));
        }
        int recordCount = batch.getIntLE(start + 5);
        int position = start + BATCH_HEADER_SIZE;
        for (int i = 0; i < recordCount; i++) {
            BinaryFieldErrors.checkWithin(position, 4 + SCHEMA_ID_SIZE, position, batchEnd, "The header of value " + i);
            int length = batch.getIntLE(position);
            BinaryFieldErrors.checkWithin(position + 4, length, position, batchEnd, "Value " + i);
            if (length < SCHEMA_ID_SIZE) {
                throw BinaryFieldErrors.corrupt("Value " + i + " of a value batch has the length " + length);
            }
            visitor.visit(batch, batch.getShortLE(position + 4), position + 4 + SCHEMA_ID_SIZE, length - SCHEMA_ID_SIZE);
            position += 4 + length;
        }
        if (position != batchEnd) {
            throw BinaryFieldErrors.corrupt("A value batch has " + (batchEnd - position)
                    + " bytes after its " + recordCount + " values");
        }
    }
}
