package io.flussreactive.write;

import io.flussreactive.row.Row;
import reactor.core.publisher.Mono;

/**
 * Upserts and deletes rows of a primary-key table. See {@link FlussWriter} for how writing and
 * backpressure work; {@link WriteRecord#delete(Row, Object)} makes a delete in a {@link #write} stream.
 *
 * <pre>{@code
 * UpsertWriter writer = table.upsertWriter();
 * writer.write(changes.map(c -> c.deleted()
 *         ? WriteRecord.delete(GenericRow.of(c.id(), null, null), c)
 *         : WriteRecord.of(GenericRow.of(c.id(), c.name(), c.amount()), c)))
 *       .subscribe(...);
 * }</pre>
 *
 * <p>A partial-update writer ({@link io.flussreactive.table.FlussTable#partialUpdateWriter}) writes
 * only the primary key and its columns: the other columns keep their stored values, whatever the rows
 * hold there. Obtain writers from {@link io.flussreactive.table.FlussTable#upsertWriter()}.
 */
public non-sealed interface UpsertWriter extends FlussWriter {

    /**
     * Inserts or replaces the row with {@code row}'s primary key, and completes with the result once
     * the server acknowledged it. For many rows prefer {@link #write}: this waits for the batch linger.
     *
     * @param row the row
     * @return the result; a failed write is a failed result, not an error signal
     */
    Mono<WriteResult<Row>> upsert(Row row);

    /**
     * Deletes the row with {@code key}'s primary key (nothing happens if there is none), and completes
     * with the result once the server acknowledged it.
     *
     * @param key a row of the table whose primary-key columns are set; the other columns are ignored
     * @return the result
     */
    Mono<WriteResult<Row>> delete(Row key);
}
