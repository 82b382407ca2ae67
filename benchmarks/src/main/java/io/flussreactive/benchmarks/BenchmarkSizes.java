package io.flussreactive.benchmarks;

/**
 * How much work each workload does.
 *
 * @param appendRows rows appended (and scanned back)
 * @param upsertRows rows upserted; also the size of the table looked up
 * @param sequentialLookups lookups one after another in a measured round
 * @param warmUpSequentialLookups lookups one after another in the warm-up round (the official client
 *     takes its 100 ms batch timeout per lookup at its defaults, so the warm-up does fewer)
 * @param pipelinedLookups lookups with {@code lookupsInFlight} in flight
 * @param lookupsInFlight how many pipelined lookups are outstanding at once
 * @param sequentialWrites rows written one after another, each waiting for its acknowledgement
 * @param warmUpSequentialWrites the same in the warm-up round (the official client waits its 100 ms
 *     batch timeout per row at its defaults)
 * @param concurrentWrites rows written by {@code concurrentWriters} writers together
 * @param concurrentWriters writers, each writing its next row once the previous one is acknowledged
 * @param manyBucketsRows rows appended to (and scanned back from) the table of many partitions
 * @param partitions partitions of that table
 * @param bucketsPerPartition buckets of each of its partitions
 * @param tailRows rows written while a scan tails the log
 * @param tailRowsPerSecond the pace of that writer
 */
public record BenchmarkSizes(int appendRows, int upsertRows, int sequentialLookups, int warmUpSequentialLookups,
        int pipelinedLookups, int lookupsInFlight, int sequentialWrites, int warmUpSequentialWrites,
        int concurrentWrites, int concurrentWriters, int manyBucketsRows, int partitions, int bucketsPerPartition,
        int tailRows, int tailRowsPerSecond) {

    /**
     * Returns the sizes of the real benchmark.
     *
     * @return 2,000,000 appended rows, 1,000,000 upserted, 2,000 sequential and 100,000 pipelined lookups,
     *     2,000 sequential and 200,000 concurrent writes by 256 writers, 2,000,000 rows over 16 partitions of
     *     32 buckets, 10,000 rows tailed at 1,000 rows/s
     */
    public static BenchmarkSizes full() {
        return new BenchmarkSizes(2_000_000, 1_000_000, 2_000, 200, 100_000, 256, 2_000, 200, 200_000, 256,
                2_000_000, 16, 32, 10_000, 1_000);
    }

    /**
     * Returns tiny sizes that prove the benchmark still runs, in seconds.
     *
     * @return sizes for a smoke run
     */
    public static BenchmarkSizes smoke() {
        return new BenchmarkSizes(20_000, 10_000, 20, 5, 2_000, 64, 20, 5, 2_000, 64, 20_000, 4, 8, 500, 1_000);
    }

    /**
     * Returns these sizes with every count of rows, lookups and writes scaled, and the shapes (writers,
     * lookups in flight, partitions, buckets, pace) kept, so that a shorter run measures the same thing.
     *
     * @param factor the scale, above 0 (0.1: a tenth of the rows)
     * @return the scaled sizes; each count at least 1, and at least one row per concurrent writer
     * @throws IllegalArgumentException if the factor is not positive
     */
    public BenchmarkSizes scaled(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("The scale must be above 0: " + factor);
        }
        return new BenchmarkSizes(scale(appendRows, factor), scale(upsertRows, factor),
                scale(sequentialLookups, factor), scale(warmUpSequentialLookups, factor),
                scale(pipelinedLookups, factor), lookupsInFlight, scale(sequentialWrites, factor),
                scale(warmUpSequentialWrites, factor),
                Math.max(concurrentWriters, scale(concurrentWrites, factor)), concurrentWriters,
                scale(manyBucketsRows, factor), partitions, bucketsPerPartition, scale(tailRows, factor),
                tailRowsPerSecond);
    }

    private static int scale(int count, double factor) {
        return (int) Math.max(1, Math.round(count * factor));
    }
}
