package io.flussreactive.write;

import io.flussreactive.row.Row;
import java.util.Objects;

/**
 * A row to write, with caller metadata that comes back in its {@link WriteResult}, so a result can
 * be matched to what produced it (an id, a message to acknowledge upstream, a timer).
 *
 * @param row the row, values in column order (see {@link Row} for the Java value of each type)
 * @param correlation anything the caller wants back in the result; may be null
 * @param <T> the type of the correlation metadata
 */
public record WriteRecord<T>(Row row, T correlation) {

    /** Checks that there is a row. */
    public WriteRecord {
        Objects.requireNonNull(row, "row");
    }

    /**
     * A record without correlation metadata.
     *
     * @param row the row
     * @return the record
     */
    public static WriteRecord<Void> of(Row row) {
        return new WriteRecord<>(row, null);
    }

    /**
     * A record with correlation metadata.
     *
     * @param row the row
     * @param correlation returned in the record's result
     * @param <T> the type of the correlation metadata
     * @return the record
     */
    public static <T> WriteRecord<T> of(Row row, T correlation) {
        return new WriteRecord<>(row, correlation);
    }
}
