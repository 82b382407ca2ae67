package io.flussreactive.write;

import io.flussreactive.internal.record.ArrowRowReader;
import io.flussreactive.internal.record.ArrowSchemas;
import io.flussreactive.internal.write.RecordWriter;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.type.RowType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Appends rows to a log table. See {@link FlussWriter} for how writing and backpressure work.
 *
 * <pre>{@code
 * AppendWriter writer = table.appendWriter();
 * writer.write(events.map(e -> WriteRecord.of(GenericRow.of(e.id(), e.name()), e)))
 *       .filter(result -> !result.isSuccess())
 *       .subscribe(result -> log.warn("not written: {}", result.correlation(), result.error()));
 * }</pre>
 *
 * <p>Obtain writers from {@link io.flussreactive.table.FlussTable#appendWriter()}.
 */
public final class AppendWriter extends FlussWriter {

    private final RowType rowType;

    /**
     * Wraps a writer engine; applications get writers from {@link io.flussreactive.table.FlussTable}.
     *
     * @param writer the engine
     * @param options the settings it runs with
     * @param rowType the table's columns
     */
    public AppendWriter(RecordWriter writer, WriterOptions options, RowType rowType) {
        super(writer, options);
        this.rowType = rowType;
    }

    /**
     * Appends one row and completes with its result once the server acknowledged it (or it failed).
     * For many rows prefer {@link #write}: this waits for the batch linger.
     *
     * @param row the row
     * @return the result; a failed write is a failed result, not an error signal
     */
    public Mono<WriteResult<Row>> append(Row row) {
        return writeOne(WriteRecord.of(row, row));
    }

    /**
     * Writes the rows of an Arrow batch built by a columnar producer. The rows are copied out at once,
     * so the caller may reuse or close {@code root} as soon as this method returns. The root's columns
     * must have the table's Arrow types in the table's column order (names do not matter).
     *
     * @param root the rows
     * @return one result per row; each result's correlation metadata is the row's index in {@code root}
     * @throws IllegalArgumentException when the root's columns do not match the table's
     */
    public Flux<WriteResult<Integer>> writeArrow(VectorSchemaRoot root) {
        List<Field> expected = ArrowSchemas.toArrowSchema(rowType).getFields();
        List<Field> actual = root.getSchema().getFields();
        if (expected.size() != actual.size()) {
            throw new IllegalArgumentException("The Arrow batch has " + actual.size() + " columns, the table has "
                    + expected.size() + ": " + rowType.fieldNames());
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).getType().equals(actual.get(i).getType())) {
                throw new IllegalArgumentException("Column " + i + " ('" + rowType.fieldNames().get(i) + "') should be "
                        + expected.get(i).getType() + " in Arrow, but the batch has " + actual.get(i).getType());
            }
        }
        ArrowRowReader reader = new ArrowRowReader(rowType, root);
        List<WriteRecord<Integer>> records = new ArrayList<>(root.getRowCount());
        for (int i = 0; i < root.getRowCount(); i++) {
            records.add(WriteRecord.of(GenericRow.copyOf(reader.row(i)), i));
        }
        return write(Flux.fromIterable(records));
    }
}
