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
    LOOKUP_PIPELINED("lookup_pipelined", "lookups/s"),
    /** Writes to a fresh log table one row at a time, each waiting for its acknowledgement. */
    WRITE_SEQUENTIAL("write_sequential", "rows/s"),
    /**
     * Writes to a fresh log table from many writers at once, each waiting for its row's acknowledgement
     * before it writes the next (a web service under load).
     */
    WRITE_CONCURRENT("write_concurrent", "rows/s"),
    /** Appends rows spread over the partitions of a fresh table with many buckets, including the final flush. */
    APPEND_MANY_BUCKETS("append_many_buckets", "rows/s"),
    /** Scans every partition and bucket of such a table from earliest, reading every column of every row. */
    SCAN_MANY_BUCKETS("scan_many_buckets", "rows/s"),
    /**
     * A scan tails a fresh log table from latest while one writer writes at a fixed pace: how long a
     * row takes from being written to being delivered.
     */
    TAIL_LATENCY("tail_latency", "rows/s");

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
