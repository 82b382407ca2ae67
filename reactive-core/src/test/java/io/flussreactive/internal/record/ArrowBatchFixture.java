package io.flussreactive.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.admin.ArrowCompression;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.ChangeType;
import io.flussreactive.type.RowType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Encodes rows into ARROW batches and decodes them back with our codec, on an allocator that must
 * be empty again when the test ends.
 */
public final class ArrowBatchFixture implements AutoCloseable {

    /** The schema id the batches name. */
    public static final int SCHEMA_ID = 5;
    static final long WRITER_ID = 77L;
    static final int BATCH_SEQUENCE = 3;

    private final BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE);

    BufferAllocator allocator() {
        return allocator;
    }

    /** An append-only batch of the rows, in a buffer the caller releases. */
    ByteBuf encode(RowType rowType, List<? extends Row> rows, ArrowCompression compression) {
        return encode(rowType, rows, compression, null);
    }

    /** A batch of the rows, with change types unless they are null. */
    ByteBuf encode(RowType rowType, List<? extends Row> rows, ArrowCompression compression, ChangeType[] changeTypes) {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrowSchema(rowType), allocator)) {
            ArrowRowWriter writer = new ArrowRowWriter(rowType, root);
            rows.forEach(writer::append);
            writer.finish();
            ArrowLogBatchEncoder encoder = new ArrowLogBatchEncoder(compression, 3);
            return changeTypes == null
                    ? encoder.encodeAppendOnly(ByteBufAllocator.DEFAULT, root, SCHEMA_ID, WRITER_ID, BATCH_SEQUENCE)
                    : encoder.encodeWithChangeTypes(ByteBufAllocator.DEFAULT, root, changeTypes, SCHEMA_ID, WRITER_ID,
                            BATCH_SEQUENCE);
        }
    }

    /** The bytes of an append-only batch of the rows. */
    public byte[] encodeToBytes(RowType rowType, List<? extends Row> rows, ArrowCompression compression) {
        ByteBuf batch = encode(rowType, rows, compression);
        try {
            return ByteBufUtil.getBytes(batch);
        } finally {
            batch.release();
        }
    }

    /** The rows of a batch with all columns, copied out of Arrow memory. */
    List<Row> decode(RowType rowType, ByteBuf batch) {
        return decode(ArrowLogBatchDecoder.forAllColumns(rowType), batch);
    }

    /** The rows of a batch, copied out of Arrow memory. */
    List<Row> decode(ArrowLogBatchDecoder decoder, ByteBuf batch) {
        try (DecodedArrowBatch decoded = decoder.decode(batch, allocator)) {
            return rows(decoded);
        }
    }

    /** Copies of the rows of a decoded batch. */
    static List<Row> rows(DecodedArrowBatch decoded) {
        ArrowRowReader reader = new ArrowRowReader(decoded.rowType(), decoded.root());
        List<Row> rows = new ArrayList<>(reader.rowCount());
        for (int i = 0; i < reader.rowCount(); i++) {
            rows.add(GenericRow.copyOf(reader.row(i)));
        }
        return rows;
    }

    /** Fails when any Arrow memory is still allocated, then releases the allocator. */
    @Override
    public void close() {
        assertThat(allocator.getAllocatedMemory()).as("Arrow memory still allocated").isZero();
        allocator.close();
    }
}
