package io.flussreactive.internal.record;

import io.flussreactive.error.CorruptRecordException;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The CRC-32C of a log batch. It covers the bytes from the schema id to the end of the batch, so
 * the fields the server rewrites (base offset, length, commit timestamp, leader epoch) are outside
 * it. It is stored unsigned and little-endian.
 *
 * <p>The server rewrites the length and body of batches it projects without updating the CRC, so
 * projected batches cannot be verified.
 */
public final class LogBatchChecksum {

    private LogBatchChecksum() {}

    /**
     * Computes the CRC of the complete batch that starts at {@code index}.
     *
     * @param batch the bytes
     * @param index where the batch starts
     * @return the CRC, unsigned
     * @throws CorruptRecordException when the header cannot be read or the batch is cut short
     */
    public static long compute(ByteBuf batch, int index) {
        LogBatchHeader header = LogBatchHeader.read(batch, index);
        int end = index + header.batchSize();
        if (end > batch.writerIndex()) {
            throw new CorruptRecordException("Log batch cut short: "
                    + (batch.writerIndex() - index) + " of " + header.batchSize() + " bytes");
        }
        int from = index + LogBatchHeader.layoutOf(header.magic()).schemaIdOffset;
        return crc32c(batch, from, end - from);
    }

    /**
     * Whether the stored CRC of the batch at {@code index} matches its bytes.
     *
     * @param batch the bytes
     * @param index where the batch starts
     * @return true when the CRC matches
     * @throws CorruptRecordException when the header cannot be read or the batch is cut short
     */
    public static boolean isValid(ByteBuf batch, int index) {
        return LogBatchHeader.read(batch, index).crc() == compute(batch, index);
    }

    /**
     * Computes the CRC of the batch at {@code index} and stores it in its header.
     *
     * @param batch the bytes
     * @param index where the batch starts
     * @throws CorruptRecordException when the header cannot be read or the batch is cut short
     */
    public static void refresh(ByteBuf batch, int index) {
        long crc = compute(batch, index);
        byte magic = batch.getByte(index + LogBatchLayout.MAGIC_OFFSET);
        batch.setIntLE(index + LogBatchHeader.layoutOf(magic).crcOffset, (int) crc);
    }

    /**
     * The CRC-32C of a range of bytes, read in place.
     *
     * @param bytes the buffer
     * @param from the first byte
     * @param length the number of bytes
     * @return the CRC, unsigned
     */
    static long crc32c(ByteBuf bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        if (bytes.hasArray()) {
            crc.update(bytes.array(), bytes.arrayOffset() + from, length);
        } else {
            for (ByteBuffer part : bytes.nioBuffers(from, length)) {
                crc.update(part);
            }
        }
        return crc.getValue();
    }
}
