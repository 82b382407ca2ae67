package io.flussreactive.benchmarks;

/** Table names of the benchmark, written {@code database.table} in commands. */
public final class Tables {

    /** The database holding every benchmark table. */
    public static final String DATABASE = "bench";

    private Tables() {
    }

    /**
     * Returns the full name of a benchmark table.
     *
     * @param table a table name without database
     * @return {@code bench.<table>}
     */
    public static String qualified(String table) {
        return DATABASE + "." + table;
    }

    /**
     * Returns the database part of a full name.
     *
     * @param qualified {@code database.table}
     * @return the database
     */
    public static String database(String qualified) {
        return qualified.substring(0, dot(qualified));
    }

    /**
     * Returns the table part of a full name.
     *
     * @param qualified {@code database.table}
     * @return the table
     */
    public static String table(String qualified) {
        return qualified.substring(dot(qualified) + 1);
    }

    private static int dot(String qualified) {
        int dot = qualified.indexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1) {
            throw new IllegalArgumentException("Not database.table: " + qualified);
        }
        return dot;
    }
}
