package io.flussreactive.internal.write;

import io.flussreactive.write.FlussRecordSink;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;

/**
 * A {@link FlussRecordSink}: each record emitted is written, and its result carries the record's own
 * correlation metadata.
 *
 * @param <T> the correlation metadata type
 */
public final class DefaultRecordSink<T> extends AbstractSink<WriteRecord<T>, T> implements FlussRecordSink<T> {

    /**
     * A sink feeding a writer engine; writing starts at once.
     *
     * @param writer the engine
     * @param maxPendingResults results buffered for each slow subscriber of {@link #results()}
     */
    public DefaultRecordSink(RecordWriter writer, int maxPendingResults) {
        super(writer, maxPendingResults);
    }

    @Override
    WriteRecord<WriteRecord<T>> recordOf(WriteRecord<T> record) {
        // The record itself is the correlation, so that asFlux() can hand back the records stored.
        return new WriteRecord<>(record.row(), record, record.delete());
    }

    @Override
    WriteResult<T> resultOf(WriteResult<WriteRecord<T>> result) {
        return new WriteResult<>(result.correlation().correlation(), result.bucket(), result.partitionName(),
                result.offset(), result.error());
    }
}
