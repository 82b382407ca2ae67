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
 */
public record BenchmarkSizes(int appendRows, int upsertRows, int sequentialLookups, int warmUpSequentialLookups,
        int pipelinedLookups, int lookupsInFlight) {

    /**
     * Returns the sizes of the real benchmark.
     *
     * @return 2,000,000 appended rows, 1,000,000 upserted, 2,000 sequential and 100,000 pipelined lookups
     */
    public static BenchmarkSizes full() {
        return new BenchmarkSizes(2_000_000, 1_000_000, 2_000, 200, 100_000, 256);
    }

    /**
     * Returns tiny sizes that prove the benchmark still runs, in seconds.
     *
     * @return sizes for a smoke run
     */
    public static BenchmarkSizes smoke() {
        return new BenchmarkSizes(20_000, 10_000, 20, 5, 2_000, 64);
    }
}
