package io.flussreactive.internal.record;

/**
 * Where the fields of a log batch header sit, per magic value. The first 13 bytes (base offset,
 * length, magic) are the same for every magic; the rest moves because magic 1 adds a leader epoch
 * after the commit timestamp.
 */
enum LogBatchLayout {

    /** Magic 0, written by every 0.9 component. */
    V0((byte) 0, -1, 21, 25, 27, 28, 32, 40, 44, 48),

    /** Magic 1 as 0.9 reads it: a leader epoch at 21 shifts the rest by four bytes. */
    V1((byte) 1, 21, 25, 29, 31, 32, 36, 44, 48, 52);

    static final int BASE_OFFSET_OFFSET = 0;
    static final int LENGTH_OFFSET = 8;
    static final int MAGIC_OFFSET = 12;
    static final int COMMIT_TIMESTAMP_OFFSET = 13;

    /** The bytes before the part the length counts: base offset and length. */
    static final int LOG_OVERHEAD = 12;

    final byte magic;
    final int leaderEpochOffset;
    final int crcOffset;
    final int schemaIdOffset;
    final int attributesOffset;
    final int lastOffsetDeltaOffset;
    final int writerIdOffset;
    final int batchSequenceOffset;
    final int recordCountOffset;
    final int headerSize;

    LogBatchLayout(byte magic, int leaderEpochOffset, int crcOffset, int schemaIdOffset, int attributesOffset,
            int lastOffsetDeltaOffset, int writerIdOffset, int batchSequenceOffset, int recordCountOffset,
            int headerSize) {
        this.magic = magic;
        this.leaderEpochOffset = leaderEpochOffset;
        this.crcOffset = crcOffset;
        this.schemaIdOffset = schemaIdOffset;
        this.attributesOffset = attributesOffset;
        this.lastOffsetDeltaOffset = lastOffsetDeltaOffset;
        this.writerIdOffset = writerIdOffset;
        this.batchSequenceOffset = batchSequenceOffset;
        this.recordCountOffset = recordCountOffset;
        this.headerSize = headerSize;
    }

    /**
     * The layout of a magic value.
     *
     * @param magic the magic byte
     * @return the layout, or null for a magic this client does not know
     */
    static LogBatchLayout of(byte magic) {
        return switch (magic) {
            case 0 -> V0;
            case 1 -> V1;
            default -> null;
        };
    }
}
