package io.flussreactive.benchmarks;

/**
 * One client's way of running the workloads. Tables are created beforehand; each method runs one
 * workload to completion and returns what it did. Setup that both clients need (opening a table,
 * creating a writer) happens before a method starts its clock.
 */
public interface ClientDriver extends AutoCloseable {

    /**
     * Appends rows {@code 0..rows-1} to a log table and flushes.
     *
     * @param table {@code database.table}
     * @param rows how many rows
     * @return the time taken and the rows written
     * @throws Exception if the workload fails
     */
    Outcome append(String table, int rows) throws Exception;

    /**
     * Scans a log table from earliest until {@code rows} rows are read.
     *
     * @param table {@code database.table}
     * @param rows how many rows the table holds
     * @param projectedId true to fetch only the {@code id} column, false for every column
     * @return the time taken, the rows read and their checksum
     * @throws Exception if the workload fails
     */
    Outcome scan(String table, int rows, boolean projectedId) throws Exception;

    /**
     * Upserts rows {@code 0..rows-1} into a primary-key table and flushes.
     *
     * @param table {@code database.table}
     * @param rows how many rows
     * @return the time taken and the rows written
     * @throws Exception if the workload fails
     */
    Outcome upsert(String table, int rows) throws Exception;

    /**
     * Looks up keys one after another, each issued when the previous one completed.
     *
     * @param table {@code database.table}
     * @param keys the ids to look up (all present)
     * @return the time taken, the latencies, and how many keys were found
     * @throws Exception if the workload fails
     */
    Outcome lookupSequential(String table, int[] keys) throws Exception;

    /**
     * Looks up keys with up to {@code inFlight} outstanding at once.
     *
     * @param table {@code database.table}
     * @param keys the ids to look up (all present)
     * @param inFlight the most lookups outstanding at once
     * @return the time taken, the latencies, and how many keys were found
     * @throws Exception if the workload fails
     */
    Outcome lookupPipelined(String table, int[] keys, int inFlight) throws Exception;

    /**
     * What a workload did.
     *
     * @param nanos wall time of the measured part
     * @param count rows or lookups completed successfully
     * @param checksum a checksum of what was read (0 where nothing is read)
     * @param latencyNanos per-operation latencies for lookups, or null
     */
    record Outcome(long nanos, long count, long checksum, long[] latencyNanos) {
    }
}
