package io.flussreactive.internal.record;

import io.flussreactive.admin.DataLakeFormat;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.type.DataField;
import io.flussreactive.type.RowType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which columns of a table make up its primary key, its bucket key and its prefix-lookup key, and how
 * each is encoded; the encoded bucket key is the input of the bucketing function.
 *
 * <ul>
 *   <li>Primary key: the physical primary key (the primary key without partition columns). With
 *       {@code table.kv.format-version} 1 it uses the lakehouse format's key encoding; with version 2 it
 *       does too when the bucket key is the default one, and otherwise always the compacted encoding.
 *   <li>Bucket key: when it is the default (the physical primary key) its bytes are the primary-key
 *       bytes; otherwise the bucket-key columns in the lakehouse format's key encoding. Its bytes go to
 *       {@link io.flussreactive.internal.bucket.FlussBucketing}.
 *   <li>Prefix-lookup key: the bucket key, a proper prefix of the physical primary key, encoded by the
 *       primary-key rules, from rows of the lookup columns (the partition keys and the bucket keys).
 *   <li>The lakehouse format's key encoding is the compacted one of {@link KeyEncoder} without a format
 *       and for {@code lance}. The {@code paimon} and {@code iceberg} encodings are not supported: asking
 *       for a key that needs them fails with an {@link UnsupportedOperationException}.
 * </ul>
 */
public final class KeyEncoders {

    private static final int KV_FORMAT_VERSION_1 = 1;
    private static final int KV_FORMAT_VERSION_2 = 2;

    private KeyEncoders() {
    }

    /**
     * Returns the encoder of a primary-key table's record keys and lookup keys.
     *
     * @param table the table
     * @return an encoder of the physical primary key over rows of the table's row type
     * @throws IllegalArgumentException if the table has no primary key
     * @throws UnsupportedOperationException if the key needs the paimon or iceberg encoding, or the
     *     table's kv format version is unknown
     */
    public static KeyEncoder primaryKey(TableInfo table) {
        if (!table.hasPrimaryKey()) {
            throw new IllegalArgumentException("Table " + table.tablePath() + " has no primary key");
        }
        return primaryKeyEncoder(table, table.rowType(), table.physicalPrimaryKey());
    }

    /**
     * Tells whether a table's bucket key is the default one, so that its bucket-key bytes are its
     * primary-key bytes and need no second encoding.
     *
     * @param table the table
     * @return for a primary-key table whether the bucket key is the physical primary key; for a log
     *     table whether it has no bucket key
     */
    public static boolean isDefaultBucketKey(TableInfo table) {
        return table.hasPrimaryKey()
                ? table.bucketKeys().equals(table.physicalPrimaryKey())
                : table.bucketKeys().isEmpty();
    }

    /**
     * Returns the encoder of a table's bucket key, whose bytes choose a record's bucket.
     *
     * @param table a primary-key table, or a log table with a bucket key
     * @return an encoder over rows of the table's row type; for a default bucket key the same
     *     encoding as {@link #primaryKey(TableInfo)}
     * @throws IllegalArgumentException if the table has no bucket key
     * @throws UnsupportedOperationException if the key needs the paimon or iceberg encoding
     */
    public static KeyEncoder bucketKey(TableInfo table) {
        if (table.bucketKeys().isEmpty()) {
            throw new IllegalArgumentException("Table " + table.tablePath() + " has no bucket key");
        }
        if (table.hasPrimaryKey() && isDefaultBucketKey(table)) {
            return primaryKey(table);
        }
        return lakeKeyEncoder(table, table.rowType(), table.bucketKeys());
    }

    /**
     * Returns the encoder of prefix-lookup keys: rows of the lookup columns (the partition keys and the
     * bucket keys), encoded over the bucket keys. The same bytes choose the bucket.
     *
     * @param table a primary-key table whose bucket key is a proper prefix of its physical primary key
     * @param lookupColumns the columns of the lookup rows: every partition key plus the bucket keys in
     *     order
     * @return an encoder over rows of the lookup columns
     * @throws IllegalArgumentException if the table or the columns do not allow a prefix lookup, saying why
     * @throws UnsupportedOperationException if the key needs the paimon or iceberg encoding
     */
    public static KeyEncoder prefixLookupKey(TableInfo table, List<String> lookupColumns) {
        checkPrefixLookup(table, lookupColumns);
        // The bucket of a prefix lookup comes from the lakehouse encoding of the bucket key; refuse
        // the formats whose encoding differs from the prefix key's.
        lakeFormatSupported(table);
        return primaryKeyEncoder(table, project(table.rowType(), lookupColumns), table.bucketKeys());
    }

    private static KeyEncoder primaryKeyEncoder(TableInfo table, RowType rowType, List<String> keyColumns) {
        int version = table.kvFormatVersion();
        if (version == KV_FORMAT_VERSION_1 || version == KV_FORMAT_VERSION_2 && isDefaultBucketKey(table)) {
            return lakeKeyEncoder(table, rowType, keyColumns);
        }
        if (version == KV_FORMAT_VERSION_2) {
            // Version 2 keeps the compacted encoding so that an encoded bucket key is a byte prefix
            // of the encoded primary key, which prefix lookups rely on.
            return new KeyEncoder(rowType, keyColumns);
        }
        throw new UnsupportedOperationException(
                "Table " + table.tablePath() + " has the unknown kv format version " + version);
    }

    private static KeyEncoder lakeKeyEncoder(TableInfo table, RowType rowType, List<String> keyColumns) {
        lakeFormatSupported(table);
        return new KeyEncoder(rowType, keyColumns);
    }

    private static void lakeFormatSupported(TableInfo table) {
        Optional<DataLakeFormat> format = table.datalakeFormat();
        if (format.isPresent() && format.get() != DataLakeFormat.LANCE) {
            String name = format.get().name().toLowerCase(Locale.ROOT);
            throw new UnsupportedOperationException("Table " + table.tablePath() + " has the datalake format '"
                    + name + "', whose key encoding and bucketing are not supported yet");
        }
    }

    private static void checkPrefixLookup(TableInfo table, List<String> lookupColumns) {
        if (!table.hasPrimaryKey()) {
            throw new IllegalArgumentException(
                    "Table " + table.tablePath() + " has no primary key, so it has no prefix lookup");
        }
        List<String> physicalPrimaryKey = table.physicalPrimaryKey();
        List<String> bucketKeys = table.bucketKeys();
        if (bucketKeys.size() > physicalPrimaryKey.size()
                || !physicalPrimaryKey.subList(0, bucketKeys.size()).equals(bucketKeys)) {
            throw new IllegalArgumentException("Table " + table.tablePath() + " has no prefix lookup: its bucket key "
                    + bucketKeys + " is not a prefix of its physical primary key " + physicalPrimaryKey);
        }
        if (bucketKeys.equals(physicalPrimaryKey)) {
            throw new IllegalArgumentException("Table " + table.tablePath() + " has no prefix lookup: its bucket key "
                    + "is its whole physical primary key " + physicalPrimaryKey + "; look up by primary key instead");
        }
        if (!new HashSet<>(lookupColumns).containsAll(table.partitionKeys())) {
            throw new IllegalArgumentException("The lookup columns " + lookupColumns + " of table "
                    + table.tablePath() + " must include every partition key " + table.partitionKeys());
        }
        List<String> withoutPartitionKeys = new ArrayList<>(lookupColumns);
        withoutPartitionKeys.removeAll(table.partitionKeys());
        if (!withoutPartitionKeys.equals(bucketKeys)) {
            throw new IllegalArgumentException("The lookup columns " + lookupColumns + " of table "
                    + table.tablePath() + " must be the partition keys and the bucket keys " + bucketKeys + " in order");
        }
    }

    private static RowType project(RowType rowType, List<String> columns) {
        List<DataField> fields = new ArrayList<>(columns.size());
        for (String column : columns) {
            int index = rowType.fieldIndex(column);
            if (index < 0) {
                throw new IllegalArgumentException("Column '" + column + "' is not a field of " + rowType.summary());
            }
            fields.add(rowType.fields().get(index));
        }
        return new RowType(rowType.nullable(), fields);
    }
}
