package io.flussreactive.lookup;

import io.flussreactive.row.Row;
import java.util.Optional;

/**
 * The outcome of one lookup of a stream.
 *
 * @param key the key looked up
 * @param row the row found, or null when there is none
 */
public record LookupResult(Row key, Row row) {

    /** Whether a row was found. */
    public boolean found() {
        return row != null;
    }

    /** The row, if one was found. */
    public Optional<Row> value() {
        return Optional.ofNullable(row);
    }
}
