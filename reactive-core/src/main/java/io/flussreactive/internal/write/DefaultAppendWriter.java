package io.flussreactive.internal.write;

import io.flussreactive.internal.record.ArrowRowReader;
import io.flussreactive.internal.record.ArrowSchemas;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.type.RowType;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import io.flussreactive.write.WriterOptions;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** An {@link AppendWriter} over a writer engine. */
public final class DefaultAppendWriter extends AbstractFlussWriter implements AppendWriter {

    private final RowType rowType;

    /**
     * @param writer the engine
     * @param options the settings it runs with
     * @param rowType the table's columns
     */
    public DefaultAppendWriter(RecordWriter writer, WriterOptions options, RowType rowType) {
        super(writer, options);
        this.rowType = rowType;
    }

    @Override
    public Mono<WriteResult<Row>> append(Row row) {
        return writeOne(WriteRecord.of(row, row));
    }

    @Override
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
