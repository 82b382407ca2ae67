package io.flussreactive.internal.write;

import io.flussreactive.row.Row;
import io.flussreactive.write.FlussRecordSink;
import io.flussreactive.write.FlussSink;
import io.flussreactive.write.WriteRecord;
import io.flussreactive.write.WriteResult;
import io.flussreactive.write.WriterOptions;
import java.util.Objects;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the append and upsert writers share: each turns streams of records into a {@link WriteOperator}
 * over its {@link RecordWriter} engine.
 */
abstract class AbstractFlussWriter {

    private final RecordWriter writer;
    private final WriterOptions options;

    AbstractFlussWriter(RecordWriter writer, WriterOptions options) {
        this.writer = writer;
        this.options = options;
    }

    /** See {@link io.flussreactive.write.FlussWriter#write}. */
    public <T> Flux<WriteResult<T>> write(Publisher<? extends WriteRecord<T>> records) {
        return writer.telemetry().observeWrite(unobserved(records));
    }

    private <T> Flux<WriteResult<T>> unobserved(Publisher<? extends WriteRecord<T>> records) {
        Objects.requireNonNull(records, "records");
        return new WriteOperator<>(records, writer, options.maxPendingResults());
    }

    /** See {@link io.flussreactive.write.FlussWriter#writeRows}. */
    public Flux<WriteResult<Row>> writeRows(Publisher<? extends Row> rows) {
        return write(Flux.from(rows).map(row -> WriteRecord.<Row>of(row, row)));
    }

    /** See {@link io.flussreactive.write.FlussWriter#sink}. */
    public FlussSink sink() {
        return new DefaultFlussSink(writer, options.maxPendingResults());
    }

    /** See {@link io.flussreactive.write.FlussWriter#recordSink}. */
    public <T> FlussRecordSink<T> recordSink() {
        return new DefaultRecordSink<>(writer, options.maxPendingResults());
    }

    /** See {@link io.flussreactive.write.FlussWriter#flush}. */
    public Mono<Void> flush() {
        return writer.flush();
    }

    /** See {@link io.flussreactive.write.FlussWriter#close}. */
    public Mono<Void> close() {
        return writer.close();
    }

    /** Writes one record and completes with its result once it is acknowledged (or failed). */
    <T> Mono<WriteResult<T>> writeOne(WriteRecord<T> record) {
        // Observed after next(): next() cancels the write once it has its result, which is no cancellation.
        return writer.telemetry().observeWrite(unobserved(Mono.just(record)).next());
    }
}
