package io.flussreactive.internal.lookup;

import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.record.KeyEncoder;
import io.flussreactive.internal.record.KeyEncoders;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import java.util.List;

/**
 * How the keys of one primary-key table are encoded for lookups: a key's values are spread into a row
 * of the table's width, from which come the primary-key bytes the server looks up and the bucket-key
 * bytes that choose the bucket.
 */
final class LookupKeys {

    private final TableInfo table;
    private final KeyEncoder primaryKey;
    /** Null when the bucket key is the primary key: its bytes are then the primary key's. */
    private final KeyEncoder bucketKey;
    private final int[] keyPositions;

    /**
     * @param table a primary-key table
     */
    LookupKeys(TableInfo table) {
        this.table = table;
        this.primaryKey = KeyEncoders.primaryKey(table);
        this.bucketKey = KeyEncoders.isDefaultBucketKey(table) ? null : KeyEncoders.bucketKey(table);
        this.keyPositions = positionsOf(table.primaryKey());
    }

    /**
     * A row of the table's width with the key's values at the primary-key positions.
     *
     * @param key the primary-key values, in primary-key order
     * @throws IllegalArgumentException when the key does not have one value per primary-key column
     */
    Row fullRow(Row key) {
        return fullRow(key, keyPositions, table.primaryKey(), "key");
    }

    /**
     * A row of the table's width with the values of a prefix at their columns' positions.
     *
     * @param prefix the lookup columns
     * @param values their values, in order
     * @throws IllegalArgumentException when there is not one value per lookup column
     */
    Row fullRow(PrefixKey prefix, Row values) {
        return fullRow(values, prefix.positions(), prefix.columns(), "prefix");
    }

    /** The primary-key bytes of a row of the table's width. */
    byte[] primaryKey(Row row) {
        return primaryKey.encode(row);
    }

    /**
     * The bucket-key bytes of a row of the table's width.
     *
     * @param primaryKeyBytes the row's primary-key bytes, which are its bucket-key bytes too when the
     *     bucket key is the primary key
     */
    byte[] bucketKey(Row row, byte[] primaryKeyBytes) {
        return bucketKey == null ? primaryKeyBytes : bucketKey.encode(row);
    }

    /**
     * The key of prefix lookups by these columns.
     *
     * @param columns the partition keys and then the bucket keys of the table, in order
     * @throws IllegalArgumentException when the table or the columns do not allow prefix lookups, saying why
     */
    PrefixKey prefixKey(List<String> columns) {
        KeyEncoder encoder = KeyEncoders.prefixLookupKey(table, columns);
        return new PrefixKey(List.copyOf(columns), encoder, positionsOf(columns));
    }

    private int[] positionsOf(List<String> columns) {
        List<String> names = table.rowType().fieldNames();
        return columns.stream().mapToInt(names::indexOf).toArray();
    }

    private Row fullRow(Row values, int[] positions, List<String> columns, String what) {
        if (values.fieldCount() != positions.length) {
            throw new IllegalArgumentException("A " + what + " of " + table.tablePath() + " has the " + positions.length
                    + " columns " + columns + ", in that order; got " + values.fieldCount() + " values");
        }
        GenericRow row = GenericRow.ofSize(table.rowType().fieldCount());
        for (int i = 0; i < positions.length; i++) {
            row.set(positions[i], values.get(i));
        }
        return row;
    }
}
