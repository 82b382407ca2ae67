package io.flussreactive.benchmarks.jmh;

import io.flussreactive.admin.ArrowCompression;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.benchmarks.Rows;
import io.flussreactive.row.Row;
import io.flussreactive.table.TablePath;

/**
 * The tables and rows the codec benchmarks share: the schema {@code id INT, name STRING, score DOUBLE,
 * ts BIGINT}, with rows whose name is {@code "name-<id>"}.
 */
final class CodecFixtures {

    /** Rows in a small batch. */
    static final int SMALL_BATCH = 1024;

    /** Rows in a large batch. */
    static final int LARGE_BATCH = 16384;

    /** The ZSTD level tables get by default. */
    static final int ZSTD_LEVEL = 3;

    /** Buckets of the benchmark tables; any count works for hashing. */
    static final int BUCKETS = 16;

    private CodecFixtures() {
    }

    /** A log table (no primary key) whose ARROW batches use this codec. */
    static TableInfo logTable(ArrowCompression compression) {
        TableDescriptor.Builder descriptor = TableDescriptor.builder()
                .schema(Rows.schema(null))
                .distributedBy(BUCKETS);
        if (compression == ArrowCompression.ZSTD) {
            descriptor.logCompression(compression, ZSTD_LEVEL);
        } else {
            descriptor.logCompression(compression);
        }
        return table("log_table", descriptor.build());
    }

    /** A primary-key table of the same columns, keyed (and bucketed) by one column. */
    static TableInfo primaryKeyTable(String keyColumn) {
        TableDescriptor descriptor = TableDescriptor.builder()
                .schema(Rows.schema(keyColumn))
                .distributedBy(BUCKETS)
                .build();
        return table("pk_table_" + keyColumn, descriptor);
    }

    /** {@code count} rows with ids 0, 1, 2, ... */
    static Row[] rows(int count) {
        Row[] rows = new Row[count];
        for (int id = 0; id < count; id++) {
            rows[id] = Rows.row(id);
        }
        return rows;
    }

    private static TableInfo table(String name, TableDescriptor descriptor) {
        return TableInfo.of(TablePath.of("benchmarks", name), 1L, 1, descriptor, 0L, 0L);
    }
}
