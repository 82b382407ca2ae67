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
     * Looks up keys with {@code inFlight} outstanding at once: each completion issues the next key on
     * the thread that completed it, so both clients hold the same number in flight whatever their
     * callers' threads do (a driver that issued from one thread of its own kept about a quarter fewer
     * in flight, which lowers latencies by Little's law).
     *
     * @param table {@code database.table}
     * @param keys the ids to look up (all present)
     * @param inFlight the most lookups outstanding at once
     * @return the time taken, the latencies, and how many keys were found
     * @throws Exception if the workload fails
     */
    Outcome lookupPipelined(String table, int[] keys, int inFlight) throws Exception;

    /**
     * Writes rows {@code 0..rows-1} to a log table one at a time: each row is written once the previous
     * one is acknowledged.
     *
     * @param table {@code database.table}
     * @param rows how many rows
     * @return the time taken, each row's latency from write to acknowledgement, and the rows written
     * @throws Exception if the workload fails
     */
    Outcome writeSequential(String table, int rows) throws Exception;

    /**
     * Writes rows {@code 0..rows-1} to a log table from {@code writers} writers at once, each writing
     * its next row once its previous one is acknowledged, without a thread per writer.
     *
     * @param table {@code database.table}
     * @param rows how many rows in total
     * @param writers how many writers
     * @return the time taken, each row's latency from write to acknowledgement, and the rows written
     * @throws Exception if the workload fails
     */
    Outcome writeConcurrent(String table, int rows, int writers) throws Exception;

    /**
     * Appends rows {@code 0..rows-1} to a partitioned log table ({@link Rows#partitionedSchema()}), row
     * {@code id} to partition {@link Rows#partition(int, int)}, and flushes.
     *
     * @param table {@code database.table}
     * @param rows how many rows
     * @param partitions how many partitions the rows are spread over (all exist)
     * @return the time taken and the rows written
     * @throws Exception if the workload fails
     */
    Outcome appendPartitioned(String table, int rows, int partitions) throws Exception;

    /**
     * Tails a log table from its latest offsets while writing rows {@code 0..rows-1} to it at a fixed
     * pace, each row carrying the {@link System#nanoTime()} of its write call in {@code ts}; ends when
     * the scan has delivered every row.
     *
     * @param table {@code database.table}, empty
     * @param rows how many rows
     * @param rowsPerSecond the pace of the writer
     * @param fetch fetch settings of the scan
     * @return the time taken, each row's latency from its write call to its delivery by the scan and to
     *     its acknowledgement, the rows delivered, and the fetch requests the scan made while the writer ran
     * @throws Exception if the workload fails
     */
    Outcome tail(String table, int rows, int rowsPerSecond, FetchSettings fetch) throws Exception;

    /**
     * Fetch settings of a tailing scan; a negative value leaves the client's default.
     *
     * @param maxWaitMs how long the server may hold a fetch while it has less than {@code minBytes}
     * @param minBytes how many bytes the server waits for before it answers a fetch
     */
    record FetchSettings(int maxWaitMs, int minBytes) {

        /** The clients' defaults. */
        static final FetchSettings DEFAULTS = new FetchSettings(-1, -1);
    }

    /**
     * What a workload did.
     *
     * @param nanos wall time of the measured part
     * @param count rows or lookups completed successfully
     * @param checksum a checksum of what was read (0 where nothing is read)
     * @param latencyNanos per-operation latencies (lookups, acknowledged writes, tailed rows), or null
     * @param fetchRequests fetch requests a tailing scan made while measured, or -1 where not counted
     * @param emptyFetchRequests those of them answered without records, or -1 where not counted (the
     *     official client does not count them)
     * @param ackLatencyNanos where a workload measures more than one latency (a tailing scan), each
     *     row's latency from write to acknowledgement, or null
     * @param completedAtNanos when each operation completed ({@code System.nanoTime()}), where the rate
     *     in the middle of the run is wanted, or null
     */
    record Outcome(long nanos, long count, long checksum, long[] latencyNanos, long fetchRequests,
            long emptyFetchRequests, long[] ackLatencyNanos, long[] completedAtNanos) {

        /**
         * An outcome with the completion time of each operation, and without fetch counts.
         *
         * @param nanos wall time of the measured part
         * @param count operations completed successfully
         * @param latencyNanos per-operation latencies
         * @param completedAtNanos when each operation completed
         */
        Outcome(long nanos, long count, long[] latencyNanos, long[] completedAtNanos) {
            this(nanos, count, 0, latencyNanos, -1, -1, null, completedAtNanos);
        }

        /**
         * An outcome without a count of fetch requests.
         *
         * @param nanos wall time of the measured part
         * @param count rows or lookups completed successfully
         * @param checksum a checksum of what was read (0 where nothing is read)
         * @param latencyNanos per-operation latencies, or null
         */
        Outcome(long nanos, long count, long checksum, long[] latencyNanos) {
            this(nanos, count, checksum, latencyNanos, -1, -1, null, null);
        }
    }
}
