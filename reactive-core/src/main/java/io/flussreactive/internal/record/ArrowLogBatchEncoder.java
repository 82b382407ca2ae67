package io.flussreactive.internal.record;

import io.flussreactive.admin.ArrowCompression;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.scan.ChangeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;

/**
 * Encodes a filled {@link VectorSchemaRoot} as one complete ARROW log batch (magic 0), the bytes a
 * produce request carries. Thread-safe.
 *
 * <p>The batch is the 48-byte header, then one change-type byte per row unless the batch is
 * append-only, then a single Arrow IPC record batch message (continuation marker, metadata, body
 * with 8-byte aligned buffers). There is no schema message and no end-of-stream marker, and the
 * header-only form is used for a root without rows. Buffers are compressed with the table's codec,
 * which must be used because the server takes the codec of projected batches from the table.
 *
 * <p>Wait for {@link ArrowCodecs#zstdLoaded()} before encoding ZSTD batches on a non-blocking thread.
 */
public final class ArrowLogBatchEncoder {

    /** Room for the IPC prefix and the flatbuffer fields that do not grow with the columns. */
    private static final int METADATA_BASE_ESTIMATE = 256;

    /** A field node or a buffer entry in the flatbuffer metadata. */
    private static final int METADATA_ENTRY_SIZE = 16;

    private final CompressionCodec codec;

    /**
     * An encoder with a codec.
     *
     * @param compression the table's codec
     * @param zstdLevel the ZSTD level, used only for {@link ArrowCompression#ZSTD}
     */
    public ArrowLogBatchEncoder(ArrowCompression compression, int zstdLevel) {
        this.codec = ArrowCodecs.forWriting(compression, zstdLevel);
    }

    /**
     * An encoder with the codec a table is configured with.
     *
     * @param table the table
     * @return the encoder
     */
    public static ArrowLogBatchEncoder forTable(TableInfo table) {
        return new ArrowLogBatchEncoder(table.arrowCompression(), table.arrowCompressionLevel());
    }

    /**
     * Encodes an append-only batch (the attribute bit set, no change-type vector), as log tables
     * are written.
     *
     * @param allocator where the bytes go
     * @param root the rows; its row count must be set
     * @param schemaId the schema id of the rows, 0 to 32767
     * @param writerId the writer id, or {@link LogBatchHeader#NO_WRITER_ID}
     * @param batchSequence the batch sequence, or {@link LogBatchHeader#NO_BATCH_SEQUENCE}
     * @return the complete batch, owned by the caller
     */
    public ByteBuf encodeAppendOnly(ByteBufAllocator allocator, VectorSchemaRoot root, int schemaId, long writerId,
            int batchSequence) {
        return encode(allocator, root, null, schemaId, writerId, batchSequence);
    }

    /**
     * Encodes a batch with a change type per row (the change-type vector follows the header).
     *
     * @param allocator where the bytes go
     * @param root the rows; its row count must be set
     * @param changeTypes the change type of each row; at least as many as rows
     * @param schemaId the schema id of the rows, 0 to 32767
     * @param writerId the writer id, or {@link LogBatchHeader#NO_WRITER_ID}
     * @param batchSequence the batch sequence, or {@link LogBatchHeader#NO_BATCH_SEQUENCE}
     * @return the complete batch, owned by the caller
     */
    public ByteBuf encodeWithChangeTypes(ByteBufAllocator allocator, VectorSchemaRoot root, ChangeType[] changeTypes,
            int schemaId, long writerId, int batchSequence) {
        Objects.requireNonNull(changeTypes, "changeTypes");
        return encode(allocator, root, changeTypes, schemaId, writerId, batchSequence);
    }

    private ByteBuf encode(ByteBufAllocator allocator, VectorSchemaRoot root, ChangeType[] changeTypes, int schemaId,
            long writerId, int batchSequence) {
        if (schemaId < 0 || schemaId > Short.MAX_VALUE) {
            throw new IllegalArgumentException("Schema id " + schemaId + " does not fit a log batch header");
        }
        int rows = root.getRowCount();
        if (changeTypes != null) {
            if (changeTypes.length < rows) {
                throw new IllegalArgumentException(rows + " rows but only " + changeTypes.length + " change types");
            }
            for (int i = 0; i < rows; i++) {
                Objects.requireNonNull(changeTypes[i], "change type of row " + i);
            }
        }
        if (rows == 0) {
            ByteBuf out = allocator.buffer(LogBatchHeader.V0_HEADER_SIZE);
            out.writeZero(LogBatchHeader.V0_HEADER_SIZE);
            finishHeader(out, changeTypes == null, rows, schemaId, writerId, batchSequence);
            return out;
        }
        try (ArrowRecordBatch recordBatch = unload(root)) {
            long estimate = LogBatchHeader.V0_HEADER_SIZE + (changeTypes == null ? 0 : rows) + METADATA_BASE_ESTIMATE
                    + (long) METADATA_ENTRY_SIZE * (recordBatch.getNodes().size() + recordBatch.getBuffers().size())
                    + recordBatch.computeBodyLength();
            if (estimate > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("A batch of " + estimate + " bytes is too large");
            }
            ByteBuf out = allocator.buffer((int) estimate);
            try {
                out.writeZero(LogBatchHeader.V0_HEADER_SIZE);
                if (changeTypes != null) {
                    for (int i = 0; i < rows; i++) {
                        out.writeByte(changeTypes[i].toByteValue());
                    }
                }
                // Alignment inside the message counts from its first byte, as the server's projection expects.
                MessageSerializer.serialize(new WriteChannel(new ByteBufWritableChannel(out)), recordBatch);
                finishHeader(out, changeTypes == null, rows, schemaId, writerId, batchSequence);
                return out;
            } catch (IOException e) {
                out.release();
                throw new UncheckedIOException("Cannot write an Arrow record batch to memory", e);
            } catch (RuntimeException | Error e) {
                out.release();
                throw e;
            }
        }
    }

    /**
     * The buffers of the root, compressed, as a record batch that holds its own references. Like
     * Arrow's {@code VectorUnloader} with null counts and aligned buffers, but a failure (for
     * example the allocator's limit while compressing) releases everything taken so far.
     */
    private ArrowRecordBatch unload(VectorSchemaRoot root) {
        List<ArrowFieldNode> nodes = new ArrayList<>();
        List<ArrowBuf> buffers = new ArrayList<>();
        try {
            for (FieldVector vector : root.getFieldVectors()) {
                unload(vector, nodes, buffers);
            }
        } catch (RuntimeException | Error e) {
            buffers.forEach(ArrowBuf::close);
            throw e;
        }
        return new ArrowRecordBatch(root.getRowCount(), nodes, buffers, CompressionUtil.createBodyCompression(codec),
                new ArrayList<>(), true, false);
    }

    private void unload(FieldVector vector, List<ArrowFieldNode> nodes, List<ArrowBuf> buffers) {
        nodes.add(new ArrowFieldNode(vector.getValueCount(), vector.getNullCount()));
        for (ArrowBuf buffer : vector.getFieldBuffers()) {
            // The batch keeps a reference of its own; a compressing codec releases the one it is given.
            buffer.getReferenceManager().retain();
            ArrowBuf stored;
            try {
                stored = codec.compress(vector.getAllocator(), buffer);
            } catch (RuntimeException | Error e) {
                buffer.getReferenceManager().release();
                throw e;
            }
            buffers.add(stored);
        }
        for (FieldVector child : vector.getChildrenFromFields()) {
            unload(child, nodes, buffers);
        }
    }

    private static void finishHeader(ByteBuf out, boolean appendOnly, int rows, int schemaId, long writerId,
            int batchSequence) {
        int start = out.readerIndex();
        LogBatchHeader.writeV0(out, start, out.writerIndex() - start, schemaId, appendOnly, rows, writerId,
                batchSequence);
        LogBatchChecksum.refresh(out, start);
    }
}
