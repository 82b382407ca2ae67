package io.flussreactive.internal.record;

import io.flussreactive.error.CorruptRecordException;
import io.netty.buffer.ByteBuf;

/**
 * The header of one log record batch, read from its bytes. Every field is little-endian.
 *
 * <p>Magic 0 (48 bytes) is what every 0.9 component writes and what {@link #writeV0} produces;
 * magic 1 (52 bytes, with a leader epoch) is read as 0.9 defines it. A batch spans {@link
 * #batchSize()} bytes, header included.
 *
 * @param baseOffset the log offset of the first record (0 until the server assigns it)
 * @param length the batch size minus the 12 bytes of base offset and length
 * @param magic the format version
 * @param commitTimestamp the append time the server set, in epoch milliseconds (0 when written)
 * @param leaderEpoch the leader epoch of magic 1, or {@link #NO_LEADER_EPOCH}
 * @param crc the stored CRC-32C, unsigned
 * @param schemaId the schema id of the rows
 * @param attributes the attribute bits; bit 0 marks an append-only batch
 * @param lastOffsetDelta the offset of the last record relative to the base offset (0 when empty)
 * @param writerId the idempotent writer id, or {@link #NO_WRITER_ID}
 * @param batchSequence the writer's batch sequence, or {@link #NO_BATCH_SEQUENCE}
 * @param recordCount the number of records
 */
public record LogBatchHeader(
        long baseOffset,
        int length,
        byte magic,
        long commitTimestamp,
        int leaderEpoch,
        long crc,
        short schemaId,
        byte attributes,
        int lastOffsetDelta,
        long writerId,
        int batchSequence,
        int recordCount) {

    /** Magic 0, the format this client writes. */
    public static final byte MAGIC_V0 = 0;

    /** Magic 1 in its 0.9 layout. */
    public static final byte MAGIC_V1 = 1;

    /** The size of a magic 0 header. */
    public static final int V0_HEADER_SIZE = 48;

    /** The size of a magic 1 header. */
    public static final int V1_HEADER_SIZE = 52;

    /** The bytes before the part that {@link #length()} counts. */
    public static final int LOG_OVERHEAD = LogBatchLayout.LOG_OVERHEAD;

    /** The attribute bit of a batch whose records are all appends, without change-type vector. */
    public static final byte APPEND_ONLY_FLAG = 0x01;

    /** The writer id of a batch written without idempotence. */
    public static final long NO_WRITER_ID = -1L;

    /** The batch sequence of a batch written without idempotence. */
    public static final int NO_BATCH_SEQUENCE = -1;

    /** The leader epoch of a magic 0 batch, and of a magic 1 batch that has none. */
    public static final int NO_LEADER_EPOCH = -1;

    /**
     * Reads the header of the batch that starts at {@code index}. Only the header must be in the
     * buffer, not the whole batch.
     *
     * @param buffer the bytes; its writer index bounds what can be read
     * @param index where the batch starts
     * @return the header
     * @throws CorruptRecordException when the header is cut short, has an unknown magic, or a
     *     length smaller than the header
     */
    public static LogBatchHeader read(ByteBuf buffer, int index) {
        int available = buffer.writerIndex() - index;
        if (available < LogBatchLayout.MAGIC_OFFSET + 1) {
            throw new CorruptRecordException("Log batch header cut short: " + available + " bytes");
        }
        byte magic = buffer.getByte(index + LogBatchLayout.MAGIC_OFFSET);
        LogBatchLayout layout = layoutOf(magic);
        if (available < layout.headerSize) {
            throw new CorruptRecordException("Log batch header of magic " + magic + " cut short: " + available
                    + " of " + layout.headerSize + " bytes");
        }
        int length = buffer.getIntLE(index + LogBatchLayout.LENGTH_OFFSET);
        if (length < layout.headerSize - LOG_OVERHEAD) {
            throw new CorruptRecordException("Log batch length " + length + " is smaller than its header");
        }
        return new LogBatchHeader(
                buffer.getLongLE(index + LogBatchLayout.BASE_OFFSET_OFFSET),
                length,
                magic,
                buffer.getLongLE(index + LogBatchLayout.COMMIT_TIMESTAMP_OFFSET),
                layout.leaderEpochOffset < 0 ? NO_LEADER_EPOCH : buffer.getIntLE(index + layout.leaderEpochOffset),
                buffer.getUnsignedIntLE(index + layout.crcOffset),
                buffer.getShortLE(index + layout.schemaIdOffset),
                buffer.getByte(index + layout.attributesOffset),
                buffer.getIntLE(index + layout.lastOffsetDeltaOffset),
                buffer.getLongLE(index + layout.writerIdOffset),
                buffer.getIntLE(index + layout.batchSequenceOffset),
                buffer.getIntLE(index + layout.recordCountOffset));
    }

    /**
     * Writes a magic 0 header at {@code index} as a client does: base offset, commit timestamp and
     * CRC 0 (fill the CRC with {@link LogBatchChecksum#refresh} once the body is written).
     *
     * @param buffer the bytes, with room for the header at {@code index}
     * @param index where the batch starts
     * @param batchSize the whole batch size, header included
     * @param schemaId the schema id of the rows, 0 to 32767
     * @param appendOnly whether the batch has no change-type vector (every record an append)
     * @param recordCount the number of records
     * @param writerId the writer id, or {@link #NO_WRITER_ID}
     * @param batchSequence the batch sequence, or {@link #NO_BATCH_SEQUENCE}
     * @throws IllegalArgumentException when the schema id does not fit 16 bits or the size is too small
     */
    public static void writeV0(ByteBuf buffer, int index, int batchSize, int schemaId, boolean appendOnly,
            int recordCount, long writerId, int batchSequence) {
        if (schemaId < 0 || schemaId > Short.MAX_VALUE) {
            throw new IllegalArgumentException("Schema id " + schemaId + " does not fit a log batch header");
        }
        if (batchSize < V0_HEADER_SIZE || recordCount < 0) {
            throw new IllegalArgumentException("Invalid batch size " + batchSize + " or record count " + recordCount);
        }
        LogBatchLayout layout = LogBatchLayout.V0;
        buffer.setLongLE(index + LogBatchLayout.BASE_OFFSET_OFFSET, 0L);
        buffer.setIntLE(index + LogBatchLayout.LENGTH_OFFSET, batchSize - LOG_OVERHEAD);
        buffer.setByte(index + LogBatchLayout.MAGIC_OFFSET, MAGIC_V0);
        buffer.setLongLE(index + LogBatchLayout.COMMIT_TIMESTAMP_OFFSET, 0L);
        buffer.setIntLE(index + layout.crcOffset, 0);
        buffer.setShortLE(index + layout.schemaIdOffset, schemaId);
        buffer.setByte(index + layout.attributesOffset, appendOnly ? APPEND_ONLY_FLAG : 0);
        // An empty batch still takes one offset, so its last offset delta is 0 rather than -1.
        buffer.setIntLE(index + layout.lastOffsetDeltaOffset, recordCount == 0 ? 0 : recordCount - 1);
        buffer.setLongLE(index + layout.writerIdOffset, writerId);
        buffer.setIntLE(index + layout.batchSequenceOffset, batchSequence);
        buffer.setIntLE(index + layout.recordCountOffset, recordCount);
    }

    /**
     * Replaces the writer id and batch sequence of a complete batch and updates its CRC, for a
     * batch sent again under a new writer id or sequence.
     *
     * @param batch the bytes
     * @param index where the batch starts; the whole batch must follow
     * @param writerId the new writer id
     * @param batchSequence the new batch sequence
     * @throws CorruptRecordException when the header cannot be read or the batch is cut short
     */
    public static void rewriteWriterState(ByteBuf batch, int index, long writerId, int batchSequence) {
        LogBatchHeader header = read(batch, index);
        if (batch.writerIndex() - index < header.batchSize()) {
            throw new CorruptRecordException("Log batch cut short: " + (batch.writerIndex() - index) + " of "
                    + header.batchSize() + " bytes");
        }
        LogBatchLayout layout = layoutOf(header.magic());
        batch.setLongLE(index + layout.writerIdOffset, writerId);
        batch.setIntLE(index + layout.batchSequenceOffset, batchSequence);
        LogBatchChecksum.refresh(batch, index);
    }

    static LogBatchLayout layoutOf(byte magic) {
        LogBatchLayout layout = LogBatchLayout.of(magic);
        if (layout == null) {
            throw new CorruptRecordException("Unsupported log batch magic " + magic);
        }
        return layout;
    }

    /**
     * The size of this header.
     *
     * @return 48 for magic 0, 52 for magic 1
     */
    public int headerSize() {
        return layoutOf(magic).headerSize;
    }

    /**
     * The size of the whole batch, header included.
     *
     * @return {@code 12 + length}
     */
    public int batchSize() {
        return LOG_OVERHEAD + length;
    }

    /**
     * Whether every record is an append and the batch has no change-type vector.
     *
     * @return the append-only attribute bit
     */
    public boolean appendOnly() {
        return (attributes & APPEND_ONLY_FLAG) != 0;
    }

    /**
     * The offset of the last record; for an empty batch, the one offset it takes.
     *
     * @return {@code baseOffset + lastOffsetDelta}
     */
    public long lastOffset() {
        return baseOffset + lastOffsetDelta;
    }

    /**
     * The offset of the batch that follows.
     *
     * @return {@code lastOffset() + 1}
     */
    public long nextOffset() {
        return lastOffset() + 1;
    }
}
