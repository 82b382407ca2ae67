package io.flussreactive.internal.record;

import io.netty.buffer.ByteBuf;
import java.util.zip.CRC32C;

/**
 * Builds one KV record batch, the {@code records} of a PutKv request for one bucket, in a buffer.
 *
 * <pre>
 * header, 28 bytes, little-endian:
 *   [i32 length of the rest][i8 magic 0][u32 CRC-32C of bytes 9 to the end][i16 schema id][i8 attributes 0]
 *   [i64 writer id][i32 batch sequence][i32 record count]
 * each record:
 *   [i32 length of the rest][varint key length][key][value row, or nothing for a delete]
 * </pre>
 *
 * <p>The key is the encoded primary key ({@link KeyEncoders#primaryKey}); the value is the row in the
 * table's kv format ({@link CompactedRowWriter} or {@link IndexedRowWriter}) with every column of the
 * schema, without a schema id: the schema id is in the header.
 *
 * <p>Records are appended as they come; {@link #complete(long, int)} then writes the header, and may
 * be called again, for example to retry with another batch sequence. Not thread-safe.
 */
public final class KvBatchEncoder {

    /** The size of the batch header. */
    public static final int HEADER_SIZE = 28;

    /** The writer id of a batch that is not written idempotently. */
    public static final long NO_WRITER_ID = -1L;

    /** The batch sequence of a batch that is not written idempotently. */
    public static final int NO_BATCH_SEQUENCE = -1;

    private static final byte MAGIC = 0;
    private static final int CRC_OFFSET = 5;
    private static final int SCHEMA_ID_OFFSET = 9;
    private static final int LENGTH_SIZE = 4;

    private final ByteBuf out;
    private final int start;
    private final short schemaId;
    private int recordCount;

    /**
     * Starts a batch at the buffer's writer index, reserving its header.
     *
     * @param out the buffer the batch is written into; the batch ends at its writer index
     * @param schemaId the id of the schema of the value rows, 0 to 32767
     * @throws IllegalArgumentException if the schema id does not fit the header
     */
    public KvBatchEncoder(ByteBuf out, int schemaId) {
        if (schemaId < 0 || schemaId > Short.MAX_VALUE) {
            throw new IllegalArgumentException("Schema id " + schemaId + " does not fit into a KV batch header");
        }
        this.out = out;
        this.start = out.writerIndex();
        this.schemaId = (short) schemaId;
        out.writeZero(HEADER_SIZE);
    }

    /**
     * Returns the size of one record.
     *
     * @param keyLength the length of the encoded key
     * @param valueLength the length of the value row, 0 for a delete
     * @return the bytes the record takes in a batch
     */
    public static int recordSize(int keyLength, int valueLength) {
        return LENGTH_SIZE + varIntSize(keyLength) + keyLength + valueLength;
    }

    /**
     * Appends a record that writes a row under a key.
     *
     * @param key the encoded primary key
     * @param value the encoded row
     * @throws IllegalArgumentException if the key or the value is empty
     */
    public void appendUpsert(byte[] key, byte[] value) {
        appendUpsert(key, value, 0, value.length);
    }

    /**
     * Appends a record that writes a row under a key.
     *
     * @param key the encoded primary key
     * @param value an array holding the encoded row
     * @param offset where the row starts in the array
     * @param length the length of the row
     * @throws IllegalArgumentException if the key or the value is empty
     */
    public void appendUpsert(byte[] key, byte[] value, int offset, int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("An upserted value cannot be empty: an empty value means a delete");
        }
        appendRecord(key, length);
        out.writeBytes(value, offset, length);
    }

    /**
     * Appends a record that deletes a key.
     *
     * @param key the encoded primary key
     * @throws IllegalArgumentException if the key is empty
     */
    public void appendDelete(byte[] key) {
        appendRecord(key, 0);
    }

    /**
     * Returns the number of records appended.
     *
     * @return the record count
     */
    public int recordCount() {
        return recordCount;
    }

    /**
     * Returns the size of the batch so far, header included.
     *
     * @return the bytes from the batch's start to the buffer's writer index
     */
    public int sizeInBytes() {
        return out.writerIndex() - start;
    }

    /**
     * Writes the header of the batch as it is now, checksum included.
     *
     * @param writerId the idempotent writer's id, or {@link #NO_WRITER_ID}
     * @param batchSequence the batch's sequence number for that writer, or {@link #NO_BATCH_SEQUENCE}
     */
    public void complete(long writerId, int batchSequence) {
        int end = out.writerIndex();
        out.setIntLE(start, end - start - LENGTH_SIZE);
        out.setByte(start + 4, MAGIC);
        out.setShortLE(start + SCHEMA_ID_OFFSET, schemaId);
        out.setByte(start + 11, 0);
        out.setIntLE(start + 24, recordCount);
        rewriteWriterState(out, start, writerId, batchSequence);
    }

    /**
     * Writes another writer id and batch sequence into a completed batch and refreshes its checksum
     * (a batch sent again after its writer's numbering changed).
     *
     * @param batch the buffer holding the batch
     * @param start where the batch starts in it
     * @param writerId the writer id
     * @param batchSequence the batch sequence
     */
    public static void rewriteWriterState(ByteBuf batch, int start, long writerId, int batchSequence) {
        int size = batch.getIntLE(start) + LENGTH_SIZE;
        batch.setLongLE(start + 12, writerId);
        batch.setIntLE(start + 20, batchSequence);
        CRC32C crc = new CRC32C();
        crc.update(batch.nioBuffer(start + SCHEMA_ID_OFFSET, size - SCHEMA_ID_OFFSET));
        batch.setIntLE(start + CRC_OFFSET, (int) crc.getValue());
    }

    private void appendRecord(byte[] key, int valueLength) {
        if (key.length == 0) {
            throw new IllegalArgumentException("A KV record key cannot be empty");
        }
        out.writeIntLE(recordSize(key.length, valueLength) - LENGTH_SIZE);
        writeVarInt(key.length);
        out.writeBytes(key);
        recordCount++;
    }

    private void writeVarInt(int value) {
        while ((value & ~0x7F) != 0) {
            out.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    private static int varIntSize(int value) {
        int size = 1;
        while ((value & ~0x7F) != 0) {
            size++;
            value >>>= 7;
        }
        return size;
    }
}
