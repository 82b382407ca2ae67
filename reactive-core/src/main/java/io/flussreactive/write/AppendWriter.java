package io.flussreactive.write;

import io.flussreactive.internal.record.ArrowRowReader;
import io.flussreactive.internal.record.ArrowSchemas;
import io.flussreactive.internal.write.RecordWriter;
import io.flussreactive.internal.write.WriteOperator;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.type.RowType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Appends rows to a log table.
 *
 * <p>Rows are collected into one batch per bucket and sent when a batch is full
 * ({@link WriterOptions#batchSizeBytes()}) or has waited {@link WriterOptions#batchLinger()}. The rows
 * waiting to be acknowledged occupy the client's write buffer; when it is full the writer simply asks
 * its producers for nothing more until acknowledgements free space: no thread waits.
 *
 * <pre>{@code
 * AppendWriter writer = table.appendWriter();
 * writer.write(events.map(e -> WriteRecord.of(GenericRow.of(e.id(), e.name()), e)))
 *       .filter(result -> !result.isSuccess())
 *       .subscribe(result -> log.warn("not written: {}", result.correlation(), result.error()));
 * }</pre>
 *
 * <p>Thread-safe: any number of {@link #write} streams and sinks may feed one writer at once. Obtain
 * writers from {@link io.flussreactive.table.FlussTable#appendWriter()}; {@link #close()} them when done.
 */
public final class AppendWriter {

    private final RecordWriter writer;
    private final WriterOptions options;
    private final RowType rowType;

    /**
     * Wraps a writer engine; applications get writers from {@link io.flussreactive.table.FlussTable}.
     *
     * @param writer the engine
     * @param options the settings it runs with
     * @param rowType the table's columns
     */
    public AppendWriter(RecordWriter writer, WriterOptions options, RowType rowType) {
        this.writer = writer;
        this.options = options;
        this.rowType = rowType;
    }

    /**
     * Writes a stream of records and returns each record's result, in acknowledgement order.
     *
     * <p>Upstream is asked for records only while the write buffer has room and while the records
     * taken but not yet reported stay within downstream's demand for results plus
     * {@link WriterOptions#maxPendingResults()}: reading results slowly slows the producer. A record that
     * fails yields a failed {@link WriteResult}; the stream goes on. When upstream completes, the last
     * batches are sent at once and the results complete after the last one. Cancelling stops taking
     * records; records already taken are still written.
     *
     * @param records the records; each is written once
     * @param <T> the correlation metadata type
     * @return one result per record
     */
    public <T> Flux<WriteResult<T>> write(Publisher<? extends WriteRecord<T>> records) {
        Objects.requireNonNull(records, "records");
        return new WriteOperator<>(records, writer, options.maxPendingResults());
    }

    /**
     * Writes a stream of rows; each result carries its row as correlation metadata.
     *
     * @param rows the rows
     * @return one result per row
     */
    public Flux<WriteResult<Row>> writeRows(Publisher<? extends Row> rows) {
        return write(Flux.from(rows).map(row -> WriteRecord.<Row>of(row, row)));
    }

    /**
     * Appends one row and completes with its result once the server acknowledged it (or it failed).
     * For many rows prefer {@link #write}: this waits for the batch linger.
     *
     * @param row the row
     * @return the result; a failed write is a failed result, not an error signal
     */
    public Mono<WriteResult<Row>> append(Row row) {
        return writeRows(Mono.just(row)).next();
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

    /**
     * A sink to push rows into from imperative code, with Reactor's {@code Sinks.Many} contract:
     * {@code tryEmitNext} answers {@code FAIL_OVERFLOW} while the write buffer is full. Writing starts
     * at once; results can be followed with {@link FlussSink#results()}.
     *
     * @return a new sink feeding this writer
     */
    public FlussSink sink() {
        return new FlussSink(this, writer, options.maxPendingResults());
    }

    /**
     * Sends everything written so far and completes when all of it is acknowledged.
     *
     * @return completes when every record taken before this call is stored; fails with
     *     {@link WriteFailedException} if any record taken since the previous flush failed (each
     *     failure is also in that record's result)
     */
    public Mono<Void> flush() {
        return writer.flush();
    }

    /**
     * Stops taking records, sends and waits for what was taken, and releases the writer's memory.
     * Safe to call more than once.
     *
     * @return completes when done; fails like {@link #flush()} when records failed
     */
    public Mono<Void> close() {
        return writer.close();
    }
}
