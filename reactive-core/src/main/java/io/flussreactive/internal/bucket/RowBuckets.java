package io.flussreactive.internal.bucket;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.record.KeyEncoder;
import io.flussreactive.internal.record.KeyEncoders;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import java.util.List;

/**
 * The bucket of a row or of a primary key of one table, as writers and lookups compute it, for
 * applications that want to know it without writing ({@link io.flussreactive.table.FlussTable#bucketOf}).
 */
public final class RowBuckets {

    private final TableInfo table;
    private final KeyEncoder bucketKey;
    private final int[] primaryKeyPositions;

    /**
     * @param table a table with a bucket key (every primary-key table has one)
     * @throws UnsupportedOperationException when the table has none, so that writers choose buckets
     */
    public RowBuckets(TableInfo table) {
        if (table.bucketKeys().isEmpty()) {
            throw new UnsupportedOperationException("Table " + table.tablePath() + " has no bucket key: its writers "
                    + "choose the bucket of each row (sticky or round robin), so a row has no bucket of its own");
        }
        this.table = table;
        this.bucketKey = KeyEncoders.bucketKey(table);
        List<String> names = table.rowType().fieldNames();
        this.primaryKeyPositions = table.primaryKey().stream().mapToInt(names::indexOf).toArray();
    }

    /**
     * The bucket of a row of the table, or of a primary key (its values in primary-key order, as a
     * lookup takes it).
     *
     * @throws IllegalArgumentException when the values are neither a row nor a primary key of the table,
     *     or a bucket-key value is missing
     */
    public int bucketOf(Row rowOrKey) {
        Row row = rowOrKey;
        int width = table.rowType().fieldCount();
        if (rowOrKey.fieldCount() != width) {
            if (primaryKeyPositions.length == 0 || rowOrKey.fieldCount() != primaryKeyPositions.length) {
                throw new IllegalArgumentException("Table " + table.tablePath() + " has the columns "
                        + table.rowType().fieldNames() + (primaryKeyPositions.length == 0 ? ""
                                : " and the primary key " + table.primaryKey())
                        + "; got " + rowOrKey.fieldCount() + " values");
            }
            GenericRow spread = GenericRow.ofSize(width);
            for (int i = 0; i < primaryKeyPositions.length; i++) {
                spread.set(primaryKeyPositions[i], rowOrKey.get(i));
            }
            row = spread;
        }
        return FlussBucketing.bucket(bucketKey.encode(row), table.numBuckets());
    }
}
