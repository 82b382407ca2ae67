package io.flussreactive.interop;

import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.table.TablePath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.fluss.client.lookup.LookupResult;
import org.apache.fluss.client.lookup.Lookuper;
import org.apache.fluss.client.table.Table;
import org.apache.fluss.client.table.writer.UpsertWriter;
import org.apache.fluss.metadata.TableBucket;
import org.apache.fluss.row.InternalRow;
import org.apache.fluss.types.RowType;

/**
 * Upserts, partial updates, deletes, lookups and prefix lookups of a primary-key table with the
 * official client, taking and returning our values (converted by {@link OfficialValues}).
 */
public final class OfficialPrimaryKeyClient {

    private static final long TIMEOUT_SECONDS = 60;

    private final OfficialClient official;

    /** Uses this connection. */
    public OfficialPrimaryKeyClient(OfficialClient official) {
        this.official = official;
    }

    /**
     * Upserts whole rows and waits until each is acknowledged.
     *
     * @return the bucket each row went to, in the order of the rows
     */
    public List<TableBucket> upsert(TablePath path, List<? extends Row> rows) throws Exception {
        return write(path, null, rows, false);
    }

    /**
     * Updates only the primary key and {@code columns} (which must include the primary key) of each
     * row, and waits until each is acknowledged.
     *
     * @return the bucket each row went to, in the order of the rows
     */
    public List<TableBucket> partialUpdate(TablePath path, List<String> columns, List<? extends Row> rows)
            throws Exception {
        return write(path, columns, rows, false);
    }

    /**
     * Deletes the key of each row (rows of the table's width; only the primary key matters) and waits
     * until each is acknowledged.
     *
     * @return the bucket each delete went to, in the order of the rows
     */
    public List<TableBucket> delete(TablePath path, List<? extends Row> rows) throws Exception {
        return write(path, null, rows, true);
    }

    /**
     * Looks up each key (the primary-key columns, in primary-key order).
     *
     * @return the row of each key in the order of the keys, null where there is none
     */
    public List<GenericRow> lookup(TablePath path, List<? extends Row> keys) throws Exception {
        return lookup(path, keys, false);
    }

    /**
     * Looks up each key, inserting a row of the key (other columns null) where there is none.
     *
     * @return the row found or inserted for each key, in the order of the keys
     */
    public List<GenericRow> lookupOrInsert(TablePath path, List<? extends Row> keys) throws Exception {
        return lookup(path, keys, true);
    }

    /**
     * Looks up every row whose {@code columns} (the partition keys, then the bucket keys) hold the values
     * of a prefix.
     *
     * @return the rows of each prefix, in the order of the prefixes
     */
    public List<List<GenericRow>> prefixLookup(TablePath path, List<String> columns, List<? extends Row> prefixes)
            throws Exception {
        try (Table table = official.table(path)) {
            RowType rowType = table.getTableInfo().getRowType();
            Lookuper lookuper = table.newLookup().lookupBy(columns).createLookuper();
            return lookupAll(lookuper, rowType.project(columns), prefixes, result -> result.getRowList().stream()
                    .map(row -> OfficialValues.fromOfficialRow(row, rowType))
                    .toList());
        }
    }

    private List<GenericRow> lookup(TablePath path, List<? extends Row> keys, boolean insertIfNotExists)
            throws Exception {
        try (Table table = official.table(path)) {
            RowType rowType = table.getTableInfo().getRowType();
            RowType keyType = rowType.project(table.getTableInfo().getPrimaryKeys());
            Lookuper lookuper = insertIfNotExists
                    ? table.newLookup().enableInsertIfNotExists().createLookuper()
                    : table.newLookup().createLookuper();
            return lookupAll(lookuper, keyType, keys, result -> {
                InternalRow row = result.getSingletonRow();
                return row == null ? null : OfficialValues.fromOfficialRow(row, rowType);
            });
        }
    }

    /** Sends every lookup before waiting for any, so that the client can batch them. */
    private static <T> List<T> lookupAll(Lookuper lookuper, RowType keyType, List<? extends Row> keys,
            Function<LookupResult, T> convert) throws Exception {
        List<CompletableFuture<LookupResult>> pending = new ArrayList<>(keys.size());
        for (Row key : keys) {
            pending.add(lookuper.lookup(OfficialValues.toOfficialRow(key, keyType)));
        }
        List<T> results = new ArrayList<>(keys.size());
        for (CompletableFuture<LookupResult> result : pending) {
            results.add(convert.apply(result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)));
        }
        return results;
    }

    private List<TableBucket> write(TablePath path, List<String> columns, List<? extends Row> rows, boolean delete)
            throws Exception {
        try (Table table = official.table(path)) {
            RowType rowType = table.getTableInfo().getRowType();
            UpsertWriter writer = columns == null
                    ? table.newUpsert().createWriter()
                    : table.newUpsert().partialUpdate(columns.toArray(String[]::new)).createWriter();
            List<CompletableFuture<TableBucket>> acks = new ArrayList<>(rows.size());
            for (Row row : rows) {
                InternalRow official = OfficialValues.toOfficialRow(row, rowType);
                acks.add(delete
                        ? writer.delete(official).thenApply(r -> r.getBucket())
                        : writer.upsert(official).thenApply(r -> r.getBucket()));
            }
            // No flush(): it waits without a deadline, and a write the server keeps refusing would hang the test.
            List<TableBucket> buckets = new ArrayList<>(rows.size());
            for (CompletableFuture<TableBucket> ack : acks) {
                buckets.add(ack.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            return buckets;
        }
    }
}
