package io.flussreactive.internal.fetch;

import io.flussreactive.admin.LogFormat;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.meta.PhysicalBucket;
import io.flussreactive.internal.record.ArrowLogBatchDecoder;
import io.flussreactive.internal.record.ArrowRowReader;
import io.flussreactive.internal.record.ArrowRowValidator;
import io.flussreactive.internal.record.ArrowRowWriter;
import io.flussreactive.internal.record.ArrowSchemas;
import io.flussreactive.internal.record.DecodedArrowBatch;
import io.flussreactive.internal.record.LogBatchHeader;
import io.flussreactive.internal.record.LogBatchIterator;
import io.flussreactive.internal.record.LogBatchSlice;
import io.flussreactive.internal.record.RowLogBatch;
import io.flussreactive.internal.record.RowLogBatchDecoder;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.type.DataField;
import io.flussreactive.type.RowType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Decodes the log batches of a fetch answer into the scan's record batches: ARROW batches as they
 * are (projected by the server, or here when they come whole from tiered segments), INDEXED and
 * COMPACTED batches row by row into Arrow columns (the server cannot project those formats, so the
 * scan's columns are picked here).
 *
 * <p>Each batch is decoded with the schema it names; the scan's columns come out in the order the
 * scan asked for them. Rows before the fetch offset (the server returns whole batches) are cut off.
 */
final class LogBatchesDecoder implements FetchedBatchDecoder {

    private final TableInfo table;
    private final int[] sortedProjection;
    private final int[] requestedProjection;
    private final IntFunction<RowType> schemaRowType;
    private final ScanMemory memory;
    private final RowType outputType;
    private final Map<Integer, ArrowLogBatchDecoder> arrowDecoders = new ConcurrentHashMap<>();

    /**
     * @param table the table read
     * @param sortedProjection the projected positions in ascending order as the server sent them, or null
     *     when the batches come with all columns (no projection, or read from tiered segments)
     * @param requestedProjection the projected positions in the order asked for, or null for all
     * @param schemaRowType the row type of a schema id (already fetched: see {@link #schemaIds})
     * @param memory where the batches' memory comes from
     */
    LogBatchesDecoder(TableInfo table, int[] sortedProjection, int[] requestedProjection,
            IntFunction<RowType> schemaRowType, ScanMemory memory) {
        this.table = table;
        this.sortedProjection = sortedProjection;
        this.requestedProjection = requestedProjection;
        this.schemaRowType = schemaRowType;
        this.memory = memory;
        this.outputType = outputType(table, requestedProjection);
    }

    @Override
    public Set<Integer> schemaIds(ByteBuffer records) {
        Set<Integer> ids = new LinkedHashSet<>();
        LogBatchIterator batches = new LogBatchIterator(Unpooled.wrappedBuffer(records));
        while (batches.hasNext()) {
            ids.add((int) batches.next().header().schemaId());
        }
        return ids;
    }

    @Override
    public long nextOffset(ByteBuffer records, long fetchOffset) {
        long nextOffset = fetchOffset;
        LogBatchIterator batches = new LogBatchIterator(Unpooled.wrappedBuffer(records));
        while (batches.hasNext()) {
            nextOffset = Math.max(nextOffset, batches.next().header().nextOffset());
        }
        return nextOffset;
    }

    @Override
    public List<RecordBatch> decode(ByteBuffer records, long fetchOffset, PhysicalBucket bucket) {
        List<RecordBatch> batches = new ArrayList<>();
        try {
            LogBatchIterator it = new LogBatchIterator(Unpooled.wrappedBuffer(records));
            while (it.hasNext()) {
                LogBatchSlice slice = it.next();
                LogBatchHeader header = slice.header();
                if (header.recordCount() == 0 || header.nextOffset() <= fetchOffset) {
                    continue;
                }
                RecordBatch batch = table.logFormat() == LogFormat.ARROW
                        ? decodeArrow(slice, bucket)
                        : decodeRows(slice, bucket);
                batches.add(batch.baseOffset() < fetchOffset
                        ? RecordBatches.tail(batch, bucket, (int) (fetchOffset - batch.baseOffset()), memory)
                        : batch);
            }
        } catch (RuntimeException e) {
            batches.forEach(RecordBatch::close);
            throw e;
        }
        return batches;
    }

    private RecordBatch decodeArrow(LogBatchSlice slice, PhysicalBucket bucket) {
        int schemaId = slice.header().schemaId();
        ArrowLogBatchDecoder decoder = arrowDecoders.computeIfAbsent(schemaId, id -> sortedProjection == null
                ? ArrowLogBatchDecoder.forAllColumns(schemaRowType.apply(id))
                : ArrowLogBatchDecoder.forProjection(schemaRowType.apply(id), sortedProjection));
        DecodedArrowBatch decoded = decoder.decode(slice.bytes(), memory.allocator());
        VectorSchemaRoot root;
        try {
            root = withAddedColumns(inRequestedOrder(decoded.root()));
        } catch (RuntimeException e) {
            decoded.close();
            throw e;
        }
        byte[] changeTypes = null;
        if (!decoded.header().appendOnly()) {
            changeTypes = new byte[decoded.rowCount()];
            for (int i = 0; i < changeTypes.length; i++) {
                changeTypes[i] = decoded.changeType(i).toByteValue();
            }
        }
        return RecordBatches.of(root, outputType, changeTypes, bucket, decoded.header(), memory);
    }

    /**
     * The root's columns in the order the scan asked for: the server sends projected columns in table
     * order; batches that were not projected on the server (read from tiered segments) come with every
     * column of their schema, and those the scan did not ask for are freed here.
     */
    private VectorSchemaRoot inRequestedOrder(VectorSchemaRoot root) {
        if (requestedProjection == null || Arrays.equals(requestedProjection, sortedProjection)) {
            return root;
        }
        List<FieldVector> present = root.getFieldVectors();
        List<FieldVector> vectors = new ArrayList<>(requestedProjection.length);
        List<FieldVector> added = new ArrayList<>();
        try {
            for (int i = 0; i < requestedProjection.length; i++) {
                int position = requestedProjection[i];
                int index = sortedProjection == null ? position : Arrays.binarySearch(sortedProjection, position);
                if (index < present.size()) {
                    vectors.add(present.get(index));
                } else {
                    // A column added to the table after the batch was written.
                    added.add(nullColumn(ArrowSchemas.toArrowSchema(outputType).getFields().get(i), root.getRowCount()));
                    vectors.add(added.get(added.size() - 1));
                }
            }
        } catch (RuntimeException e) {
            added.forEach(FieldVector::close);
            throw e;
        }
        Set<FieldVector> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(vectors);
        for (FieldVector vector : present) {
            if (!kept.contains(vector)) {
                vector.close();
            }
        }
        VectorSchemaRoot reordered = new VectorSchemaRoot(vectors);
        reordered.setRowCount(root.getRowCount());
        return reordered;
    }

    /** A column of {@code rows} nulls (a freshly allocated validity buffer is all zeros). */
    private FieldVector nullColumn(Field field, int rows) {
        FieldVector nulls = field.createVector(memory.allocator());
        try {
            nulls.allocateNew();
            nulls.setValueCount(rows);
        } catch (RuntimeException e) {
            nulls.close();
            throw e;
        }
        return nulls;
    }

    /**
     * A root of a batch written before columns were added to the table, widened with all-null
     * vectors for those columns (a projected fetch names only columns the batch's schema has, so only
     * unprojected scans need this).
     */
    private VectorSchemaRoot withAddedColumns(VectorSchemaRoot root) {
        int present = root.getFieldVectors().size();
        if (requestedProjection != null || present >= outputType.fieldCount()) {
            return root;
        }
        List<FieldVector> vectors = new ArrayList<>(root.getFieldVectors());
        List<Field> fields = ArrowSchemas.toArrowSchema(outputType).getFields();
        try {
            for (int i = present; i < fields.size(); i++) {
                vectors.add(nullColumn(fields.get(i), root.getRowCount()));
            }
        } catch (RuntimeException e) {
            vectors.subList(present, vectors.size()).forEach(FieldVector::close);
            throw e;
        }
        VectorSchemaRoot widened = new VectorSchemaRoot(vectors);
        widened.setRowCount(root.getRowCount());
        return widened;
    }

    private RecordBatch decodeRows(LogBatchSlice slice, PhysicalBucket bucket) {
        LogBatchHeader header = slice.header();
        RowType batchType = schemaRowType.apply(header.schemaId());
        ByteBuf body = slice.bytes().slice(slice.bytes().readerIndex() + header.headerSize(),
                header.batchSize() - header.headerSize());
        RowLogBatch rows = new RowLogBatchDecoder(table.logFormat(), batchType).decode(body, header.recordCount());
        VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrowSchema(outputType), memory.allocator());
        try {
            ArrowRowWriter writer = new ArrowRowWriter(ArrowRowValidator.forStoredRows(outputType), root);
            byte[] changeTypes = new byte[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                try {
                    writer.append(project(rows.rows().get(i)));
                } catch (IllegalArgumentException unrepresentable) {
                    // Row formats hold some values Arrow columns cannot (nanosecond timestamps outside
                    // 1677..2262): such a record cannot be delivered in a RecordBatch.
                    throw new UnsupportedOperationException("The record at offset " + (header.baseOffset() + i)
                            + " of " + bucket + " (a " + table.logFormat() + " log) holds a value the scan's Arrow "
                            + "columns cannot represent: " + unrepresentable.getMessage(), unrepresentable);
                }
                changeTypes[i] = rows.changeTypes().get(i).toByteValue();
            }
            writer.finish();
            return RecordBatches.of(root, outputType, header.appendOnly() ? null : changeTypes, bucket, header, memory);
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** The scan's columns of a row of the full table, padded with nulls for columns added later. */
    private Row project(Row row) {
        return project(row, table, requestedProjection);
    }

    /**
     * The scan's columns of a row of the table (of any of its schemas), padded with nulls for the
     * columns added after the row was written.
     *
     * @param row a row of the table
     * @param table the table
     * @param requestedProjection the projected positions in the order asked for, or null for all
     * @return the row as the scan delivers it
     */
    static Row project(Row row, TableInfo table, int[] requestedProjection) {
        int[] positions = requestedProjection;
        int width = positions == null ? table.rowType().fieldCount() : positions.length;
        GenericRow projected = GenericRow.ofSize(width);
        for (int i = 0; i < width; i++) {
            int source = positions == null ? i : positions[i];
            projected.set(i, source < row.fieldCount() ? row.get(source) : null);
        }
        return projected;
    }

    /** The type of the rows a scan delivers: the projected columns in the order asked for, or all. */
    static RowType outputType(TableInfo table, int[] requestedProjection) {
        return requestedProjection == null ? table.rowType() : columnsAt(table.rowType(), requestedProjection);
    }

    /** The columns at these positions, in this order (which may differ from the table's). */
    private static RowType columnsAt(RowType rowType, int[] positions) {
        List<DataField> fields = new ArrayList<>(positions.length);
        for (int position : positions) {
            fields.add(rowType.fields().get(position));
        }
        return new RowType(rowType.nullable(), fields);
    }

    /** A view of a row of a root, through one reader per batch. */
    static IntFunction<Row> rowViews(RowType type, VectorSchemaRoot root) {
        ArrowRowReader reader = new ArrowRowReader(type, root);
        return reader::row;
    }
}
