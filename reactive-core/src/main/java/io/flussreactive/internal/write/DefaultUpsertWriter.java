package io.flussreactive.internal.write;

import io.flussreactive.row.Row;
import io.flussreactive.write.UpsertWriter;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import io.flussreactive.write.WriterOptions;
import reactor.core.publisher.Mono;

/** An {@link UpsertWriter} over a writer engine. */
public final class DefaultUpsertWriter extends AbstractFlussWriter implements UpsertWriter {

    /**
     * @param writer the engine
     * @param options the settings it runs with
     */
    public DefaultUpsertWriter(RecordWriter writer, WriterOptions options) {
        super(writer, options);
    }

    @Override
    public Mono<WriteResult<Row>> upsert(Row row) {
        return writeOne(WriteRecord.of(row, row));
    }

    @Override
    public Mono<WriteResult<Row>> delete(Row key) {
        return writeOne(WriteRecord.delete(key, key));
    }
}
