package io.flussreactive.write;

import io.flussreactive.row.Row;
import org.apache.arrow.vector.VectorSchemaRoot;
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
public non-sealed interface AppendWriter extends FlussWriter {

    /**
     * Appends one row and completes with its result once the server acknowledged it (or it failed).
     * For many rows prefer {@link #write}: this waits for the batch linger.
     *
     * @param row the row
     * @return the result; a failed write is a failed result, not an error signal
     */
    Mono<WriteResult<Row>> append(Row row);

    /**
     * Writes the rows of an Arrow batch built by a columnar producer. The rows are copied out at once,
     * so the caller may reuse or close {@code root} as soon as this method returns. The root's columns
     * must have the table's Arrow types in the table's column order (names do not matter).
     *
     * @param root the rows
     * @return one result per row; each result's correlation metadata is the row's index in {@code root}
     * @throws IllegalArgumentException when the root's columns do not match the table's
     */
    Flux<WriteResult<Integer>> writeArrow(VectorSchemaRoot root);
}
