package io.flussreactive.benchmarks;

/** The workloads of the side-by-side benchmark, each run by both clients in every round. */
public enum Workload {
    /** Appends rows to a fresh log table, including the final flush. */
    APPEND("append", "rows/s"),
    /** Scans a log table from earliest, reading every column of every row. */
    SCAN("scan", "rows/s"),
    /** Scans the same log table with one column projected. */
    SCAN_PROJECTED("scan_projected", "rows/s"),
    /** Upserts rows into a fresh primary-key table, including the final flush. */
    UPSERT("upsert", "rows/s"),
    /** Single lookups, one after another. */
    LOOKUP_SEQUENTIAL("lookup_sequential", "lookups/s"),
    /** Lookups with a fixed number in flight. */
    LOOKUP_PIPELINED("lookup_pipelined", "lookups/s");

    private final String key;
    private final String unit;

    Workload(String key, String unit) {
        this.key = key;
        this.unit = unit;
    }

    /**
     * Returns the name of the workload in commands and results.
     *
     * @return a lower-case name such as {@code scan_projected}
     */
    public String key() {
        return key;
    }

    /**
     * Returns the unit of the workload's throughput.
     *
     * @return for example {@code rows/s}
     */
    public String unit() {
        return unit;
    }

    /**
     * Finds a workload by its key.
     *
     * @param key a key as returned by {@link #key()}
     * @return the workload
     * @throws IllegalArgumentException if no workload has that key
     */
    public static Workload ofKey(String key) {
        for (Workload workload : values()) {
            if (workload.key.equals(key)) {
                return workload;
            }
        }
        throw new IllegalArgumentException("Unknown workload: " + key);
    }
}
