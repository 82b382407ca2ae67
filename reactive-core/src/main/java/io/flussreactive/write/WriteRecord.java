package io.flussreactive.write;

import io.flussreactive.row.Row;
import java.util.Objects;

/**
 * A row to write (or, for a primary-key table, a key to delete), with caller metadata that comes back
 * in its {@link WriteResult}, so a result can be matched to what produced it (an id, a message to
 * acknowledge upstream, a timer).
 *
 * <p>A writer reads the row when it takes the record, which may be a little after the call that
 * handed the record over: do not change the row afterwards.
 *
 * @param row the row, values in column order (see {@link Row} for the Java value of each type); for a
 *     delete, only its primary-key columns are read
 * @param correlation anything the caller wants back in the result; may be null
 * @param delete whether the record deletes the row with {@code row}'s primary key (primary-key tables only)
 * @param <T> the type of the correlation metadata
 */
public record WriteRecord<T>(Row row, T correlation, boolean delete) {

    /** Checks that there is a row. */
    public WriteRecord {
        Objects.requireNonNull(row, "row");
    }

    /**
     * A row to append (log table) or upsert (primary-key table), without correlation metadata.
     *
     * @param row the row
     * @return the record
     */
    public static WriteRecord<Void> of(Row row) {
        return new WriteRecord<>(row, null, false);
    }

    /**
     * A row to append (log table) or upsert (primary-key table), with correlation metadata.
     *
     * @param row the row
     * @param correlation returned in the record's result
     * @param <T> the type of the correlation metadata
     * @return the record
     */
    public static <T> WriteRecord<T> of(Row row, T correlation) {
        return new WriteRecord<>(row, correlation, false);
    }

    /**
     * A delete of the row with {@code key}'s primary key (primary-key tables only).
     *
     * @param key a row of the table whose primary-key columns are set; the other columns are ignored
     * @param correlation returned in the record's result
     * @param <T> the type of the correlation metadata
     * @return the record
     */
    public static <T> WriteRecord<T> delete(Row key, T correlation) {
        return new WriteRecord<>(key, correlation, true);
    }
}
