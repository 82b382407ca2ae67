package io.flussreactive.internal.record;

import io.flussreactive.row.Row;

/** Appends rows of one row type, in one binary row format, to a {@link BinaryOutput}. */
interface BinaryRowWriter {

    /**
     * Appends the row at the output's position.
     *
     * @throws IllegalArgumentException if the row does not match the row type
     */
    void writeRow(Row row, BinaryOutput out);
}
