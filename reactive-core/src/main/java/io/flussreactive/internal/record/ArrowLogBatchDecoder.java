package io.flussreactive.internal.record;

import io.flussreactive.error.CorruptRecordException;
import io.flussreactive.scan.ChangeType;
import io.flussreactive.type.RowType;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.BodyCompression;
import org.apache.arrow.flatbuf.BodyCompressionMethod;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.validate.ValidateVectorBufferVisitor;

/**
 * Decodes one ARROW log batch into a {@link VectorSchemaRoot}. Thread-safe.
 *
 * <p>The batch's bytes are copied into Arrow memory from the given allocator (decompressed when the
 * batch is compressed), so the source buffer can be released right after decoding. Every Arrow
 * buffer allocated is released when the returned batch is closed, and at once when decoding fails.
 *
 * <p>The decoder checks the CRC of batches with all columns; for projected fetches it cannot (the
 * server rewrites the body but not the CRC), and the root holds only the projected columns.
 * Metadata is checked against the batch bounds before anything is allocated.
 *
 * <p>Wait for {@link ArrowCodecs#zstdLoaded()} before decoding ZSTD batches on a non-blocking thread.
 */
public final class ArrowLogBatchDecoder {

    /** The IPC prefix of the continuation format: marker and metadata length. */
    private static final int CONTINUATION_PREFIX = 8;

    /** The IPC prefix of the legacy format: the metadata length alone. */
    private static final int LEGACY_PREFIX = 4;

    /** The uncompressed-length prefix of every compressed buffer. */
    private static final int UNCOMPRESSED_LENGTH_SIZE = 8;

    /** The highest ratio LZ4 can reach: a length byte covers at most 255 more bytes of a match. */
    private static final long LZ4_MAX_RATIO = 256;

    /** The highest ratio ZSTD can reach: an RLE block of 128 KiB takes four bytes. */
    private static final long ZSTD_MAX_RATIO = 32_768;

    private final RowType rowType;
    private final Schema arrowSchema;
    private final boolean verifyChecksum;

    /**
     * A decoder of batches whose Arrow columns are those of {@code rowType}.
     *
     * @param rowType the row type of the data in the batch (already projected for a projected fetch)
     * @param verifyChecksum whether to check the CRC; must be false for projected fetches
     */
    public ArrowLogBatchDecoder(RowType rowType, boolean verifyChecksum) {
        this.rowType = rowType;
        this.arrowSchema = ArrowSchemas.toArrowSchema(rowType);
        this.verifyChecksum = verifyChecksum;
    }

    /**
     * A decoder of batches fetched with all columns; the CRC is checked.
     *
     * @param rowType the row type of the batches' schema id
     * @return the decoder
     */
    public static ArrowLogBatchDecoder forAllColumns(RowType rowType) {
        return new ArrowLogBatchDecoder(rowType, true);
    }

    /**
     * A decoder of batches the server projected to some columns; the CRC cannot be checked.
     *
     * @param rowType the row type of the batches' schema id
     * @param positions the projected column positions, strictly increasing
     * @return the decoder
     * @throws IllegalArgumentException when the positions are not strictly increasing or out of range
     */
    public static ArrowLogBatchDecoder forProjection(RowType rowType, int[] positions) {
        return new ArrowLogBatchDecoder(ArrowSchemas.project(rowType, positions), false);
    }

    /**
     * The row type of the decoded roots.
     *
     * @return the row type
     */
    public RowType rowType() {
        return rowType;
    }

    /**
     * Decodes the batch that starts at the reader index of {@code batch}.
     *
     * @param batch the bytes; the whole batch must be readable; its indexes are not moved
     * @param allocator where the root's memory comes from
     * @return the decoded batch, to be closed by the caller
     * @throws CorruptRecordException when the batch is cut short, fails its CRC, or its Arrow data
     *     is invalid or does not match the row type
     * @throws OutOfMemoryException when the allocator cannot provide the memory
     */
    public DecodedArrowBatch decode(ByteBuf batch, BufferAllocator allocator) {
        int start = batch.readerIndex();
        LogBatchHeader header = LogBatchHeader.read(batch, start);
        int end = start + header.batchSize();
        if (end > batch.writerIndex()) {
            throw new CorruptRecordException("Log batch cut short: " + batch.readableBytes() + " of "
                    + header.batchSize() + " bytes");
        }
        if (verifyChecksum) {
            long computed = LogBatchChecksum.compute(batch, start);
            if (computed != header.crc()) {
                throw new CorruptRecordException("Log batch at offset " + header.baseOffset() + " is corrupt: stored CRC "
                        + header.crc() + ", computed " + computed);
            }
        }
        int rows = header.recordCount();
        if (rows < 0) {
            throw new CorruptRecordException("Log batch has a negative record count " + rows);
        }
        int position = start + header.headerSize();
        byte[] changeTypes = null;
        if (!header.appendOnly()) {
            changeTypes = readChangeTypes(batch, position, end, rows);
            position += rows;
        }
        VectorSchemaRoot root = VectorSchemaRoot.create(arrowSchema, allocator);
        try {
            if (rows > 0) {
                load(batch, position, end, rows, root, allocator);
            }
            return new DecodedArrowBatch(header, rowType, root, changeTypes);
        } catch (CorruptRecordException | OutOfMemoryException e) {
            root.close();
            throw e;
        } catch (RuntimeException | IOException e) {
            root.close();
            throw new CorruptRecordException("Invalid Arrow data in the log batch at offset " + header.baseOffset()
                    + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readChangeTypes(ByteBuf batch, int position, int end, int rows) {
        if (rows > end - position) {
            throw new CorruptRecordException("Log batch too short for the change types of " + rows + " rows");
        }
        byte[] changeTypes = new byte[rows];
        batch.getBytes(position, changeTypes);
        for (byte changeType : changeTypes) {
            if (changeType < 0 || changeType > ChangeType.DELETE.toByteValue()) {
                throw new CorruptRecordException("Unknown change type " + changeType + " in log batch");
            }
        }
        return changeTypes;
    }

    /** Reads the IPC record batch message in {@code [position, end)} into the root. */
    private static void load(ByteBuf batch, int position, int end, int rows, VectorSchemaRoot root,
            BufferAllocator allocator) throws IOException {
        int remaining = end - position;
        if (remaining < CONTINUATION_PREFIX) {
            throw new CorruptRecordException("Arrow message cut short: " + remaining + " bytes");
        }
        int prefix = CONTINUATION_PREFIX;
        int metadataLength = batch.getIntLE(position + 4);
        if (batch.getIntLE(position) != MessageSerializer.IPC_CONTINUATION_TOKEN) {
            prefix = LEGACY_PREFIX;
            metadataLength = batch.getIntLE(position);
        }
        if (metadataLength <= 0 || metadataLength > remaining - prefix) {
            throw new CorruptRecordException("Arrow metadata length " + metadataLength + " does not fit the "
                    + remaining + " bytes of the message");
        }
        ByteBuffer metadata = batch.nioBuffer(position + prefix, metadataLength).order(ByteOrder.LITTLE_ENDIAN);
        Message message = Message.getRootAsMessage(metadata);
        if (message.headerType() != MessageHeader.RecordBatch) {
            throw new CorruptRecordException("Expected an Arrow record batch message but got header type "
                    + message.headerType());
        }
        RecordBatch recordBatch = (RecordBatch) message.header(new RecordBatch());
        if (recordBatch == null || recordBatch.length() != rows) {
            throw new CorruptRecordException("The Arrow record batch does not hold the " + rows
                    + " rows of the log batch header");
        }
        int bodyStart = position + prefix + metadataLength;
        long bodyLength = message.bodyLength();
        if (bodyLength < 0 || bodyLength > end - bodyStart) {
            throw new CorruptRecordException("Arrow body of " + bodyLength + " bytes does not fit the "
                    + (end - bodyStart) + " bytes left in the log batch");
        }
        checkBufferBounds(recordBatch, bodyLength);
        CompressionCodec codec = codecOf(recordBatch.compression());

        ArrowBuf body = allocator.buffer(bodyLength);
        ArrowRecordBatch stored;
        try {
            body.setBytes(0, batch.nioBuffer(bodyStart, (int) bodyLength));
            // Takes over the body: its buffers are slices that keep it alive.
            stored = MessageSerializer.deserializeRecordBatch(recordBatch, body);
        } catch (IOException | RuntimeException e) {
            body.close();
            throw e;
        }
        try (stored) {
            if (codec == null) {
                new VectorLoader(root, NoCompressionCodec.Factory.INSTANCE).load(stored);
            } else {
                try (ArrowRecordBatch plain = decompress(stored, codec, allocator)) {
                    new VectorLoader(root, NoCompressionCodec.Factory.INSTANCE).load(plain);
                }
            }
        }
        // Buffers must be large enough for the value counts and last offsets the metadata claims;
        // a constant-time check per vector.
        ValidateVectorBufferVisitor bufferCheck = new ValidateVectorBufferVisitor();
        for (FieldVector vector : root.getFieldVectors()) {
            vector.accept(bufferCheck, null);
        }
    }

    private static void checkBufferBounds(RecordBatch recordBatch, long bodyLength) {
        Buffer buffer = new Buffer();
        for (int i = 0; i < recordBatch.buffersLength(); i++) {
            recordBatch.buffers(buffer, i);
            if (buffer.offset() < 0 || buffer.length() < 0 || buffer.offset() + buffer.length() > bodyLength) {
                throw new CorruptRecordException("Arrow buffer " + i + " at " + buffer.offset() + " of "
                        + buffer.length() + " bytes lies outside the body of " + bodyLength + " bytes");
            }
        }
    }

    private static CompressionCodec codecOf(BodyCompression compression) {
        if (compression == null) {
            return null;
        }
        if (compression.method() != BodyCompressionMethod.BUFFER) {
            throw new CorruptRecordException("Unsupported Arrow body compression method " + compression.method());
        }
        try {
            return ArrowCodecs.forReading(CompressionUtil.CodecType.fromCompressionType(compression.codec()));
        } catch (IllegalArgumentException e) {
            throw new CorruptRecordException("Unsupported Arrow compression codec " + compression.codec(), e);
        }
    }

    /**
     * Decompresses every buffer of a stored batch into new buffers. Done here rather than by the
     * {@link VectorLoader}, which loses buffers it already decompressed when a later one fails.
     */
    private static ArrowRecordBatch decompress(ArrowRecordBatch stored, CompressionCodec codec,
            BufferAllocator allocator) {
        List<ArrowBuf> plain = new ArrayList<>(stored.getBuffers().size());
        try {
            for (ArrowBuf compressed : stored.getBuffers()) {
                plain.add(decompress(compressed, codec, allocator));
            }
        } catch (RuntimeException e) {
            plain.forEach(ArrowBuf::close);
            throw e;
        }
        // The new batch takes over the references of the decompressed buffers.
        return new ArrowRecordBatch(stored.getLength(), stored.getNodes(), plain,
                NoCompressionCodec.DEFAULT_BODY_COMPRESSION, true, false);
    }

    private static ArrowBuf decompress(ArrowBuf compressed, CompressionCodec codec, BufferAllocator allocator) {
        long stored = compressed.writerIndex();
        if (stored == 0) {
            compressed.getReferenceManager().retain();
            return compressed;
        }
        if (stored < UNCOMPRESSED_LENGTH_SIZE) {
            throw new CorruptRecordException("Compressed Arrow buffer of " + stored + " bytes has no length prefix");
        }
        long declared = compressed.getLong(0);
        long maxRatio = codec.getCodecType() == CompressionUtil.CodecType.LZ4_FRAME ? LZ4_MAX_RATIO : ZSTD_MAX_RATIO;
        if (declared != CompressionUtil.NO_COMPRESSION_LENGTH
                && (declared < 0 || declared > (stored - UNCOMPRESSED_LENGTH_SIZE) * maxRatio + 1024)) {
            throw new CorruptRecordException("Compressed Arrow buffer of " + stored
                    + " bytes cannot hold the declared " + declared + " bytes");
        }
        // The codec releases the buffer it is given; the stored batch keeps its own reference.
        compressed.getReferenceManager().retain();
        try {
            return codec.decompress(allocator, compressed);
        } catch (RuntimeException e) {
            compressed.getReferenceManager().release();
            throw e;
        }
    }
}
