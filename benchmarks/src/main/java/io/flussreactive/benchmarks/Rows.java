package io.flussreactive.benchmarks;

import io.flussreactive.admin.Schema;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.type.DataTypes;

/**
 * The values of the benchmark's rows ({@code id INT, name STRING, score DOUBLE, ts BIGINT}), the same
 * for both clients, and the checksum both compute over what they read.
 */
public final class Rows {

    /** Column names, in table order. */
    public static final String[] COLUMNS = {"id", "name", "score", "ts"};

    /** The partition key of the partitioned tables, after the other columns. */
    public static final String PARTITION_COLUMN = "part";

    private static final long BASE_TIMESTAMP = 1_700_000_000_000L;

    private Rows() {
    }

    /**
     * Returns the schema of the benchmark's tables.
     *
     * @param primaryKey the primary-key column, or null for a log table
     * @return {@code id INT, name STRING, score DOUBLE, ts BIGINT}
     */
    public static Schema schema(String primaryKey) {
        Schema.Builder schema = Schema.newBuilder()
                .column("id", DataTypes.INT())
                .column("name", DataTypes.STRING())
                .column("score", DataTypes.DOUBLE())
                .column("ts", DataTypes.BIGINT());
        return primaryKey == null ? schema.build() : schema.primaryKey(primaryKey).build();
    }

    /**
     * Returns the schema of the benchmark's partitioned log tables: the columns of {@link #schema} and
     * then the partition key {@link #PARTITION_COLUMN}.
     *
     * @return {@code id INT, name STRING, score DOUBLE, ts BIGINT, part STRING}
     */
    public static Schema partitionedSchema() {
        return Schema.newBuilder()
                .column("id", DataTypes.INT())
                .column("name", DataTypes.STRING())
                .column("score", DataTypes.DOUBLE())
                .column("ts", DataTypes.BIGINT())
                .column(PARTITION_COLUMN, DataTypes.STRING())
                .build();
    }

    /**
     * Returns the partition of row {@code id}: consecutive rows go to different partitions, so every
     * partition's batches fill at once.
     *
     * @param id the row's id
     * @param partitions how many partitions there are
     * @return {@code p<id % partitions>}
     */
    public static String partition(int id, int partitions) {
        return "p" + (id % partitions);
    }

    /**
     * Returns row {@code id} of a partitioned table as this client's row.
     *
     * @param id the row's id
     * @param partitions how many partitions there are
     * @return the row, its partition key last
     */
    public static Row partitionedRow(int id, int partitions) {
        return GenericRow.of(id, name(id), score(id), ts(id), partition(id, partitions));
    }

    /**
     * Returns row {@code id} as this client's row.
     *
     * @param id the row's id
     * @return the row
     */
    public static Row row(int id) {
        return GenericRow.of(id, name(id), score(id), ts(id));
    }

    /**
     * Returns the name of row {@code id}.
     *
     * @param id the row's id
     * @return {@code name-<id>}
     */
    public static String name(int id) {
        return "name-" + id;
    }

    /**
     * Returns the score of row {@code id}.
     *
     * @param id the row's id
     * @return a double derived from the id
     */
    public static double score(int id) {
        return id * 0.5;
    }

    /**
     * Returns the timestamp of row {@code id}.
     *
     * @param id the row's id
     * @return epoch milliseconds derived from the id
     */
    public static long ts(int id) {
        return BASE_TIMESTAMP + id;
    }

    /**
     * Folds one read row into a checksum, so reading every field is not optimised away and both
     * clients can be checked to have read the same data.
     *
     * @param checksum the checksum so far
     * @param id the id read
     * @param nameBytes the length in bytes of the name read
     * @param score the score read
     * @param ts the timestamp read
     * @return the new checksum
     */
    public static long fold(long checksum, int id, int nameBytes, double score, long ts) {
        return checksum + id + nameBytes + (long) score + (ts - BASE_TIMESTAMP);
    }
}
