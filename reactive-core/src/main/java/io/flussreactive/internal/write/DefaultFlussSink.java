package io.flussreactive.internal.write;

import io.flussreactive.row.Row;
import io.flussreactive.write.FlussSink;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;

/** A {@link FlussSink}: each row emitted is written, and its result carries the row. */
public final class DefaultFlussSink extends AbstractSink<Row, Row> implements FlussSink {

    /**
     * A sink feeding a writer engine; writing starts at once.
     *
     * @param writer the engine
     * @param maxPendingResults results buffered for each slow subscriber of {@link #results()}
     */
    public DefaultFlussSink(RecordWriter writer, int maxPendingResults) {
        super(writer, maxPendingResults);
    }

    @Override
    WriteRecord<Row> recordOf(Row row) {
        return WriteRecord.of(row, row);
    }

    @Override
    WriteResult<Row> resultOf(WriteResult<Row> result) {
        return result;
    }
}
