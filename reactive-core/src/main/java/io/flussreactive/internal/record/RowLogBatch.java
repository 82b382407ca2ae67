package io.flussreactive.internal.record;

import io.flussreactive.row.Row;
import io.flussreactive.scan.ChangeType;
import java.util.List;

/**
 * The records of an INDEXED or COMPACTED log batch: record {@code i} is {@code rows().get(i)} with
 * {@code changeTypes().get(i)}, at offset {@code baseOffset + i}.
 *
 * @param changeTypes the change type of each record
 * @param rows the row of each record
 */
public record RowLogBatch(List<ChangeType> changeTypes, List<Row> rows) {

    /** Copies the lists and checks that they are as long as each other. */
    public RowLogBatch {
        changeTypes = List.copyOf(changeTypes);
        rows = List.copyOf(rows);
        if (changeTypes.size() != rows.size()) {
            throw new IllegalArgumentException(
                    changeTypes.size() + " change types do not match " + rows.size() + " rows");
        }
    }

    /**
     * Returns the number of records.
     *
     * @return the record count
     */
    public int size() {
        return rows.size();
    }
}
