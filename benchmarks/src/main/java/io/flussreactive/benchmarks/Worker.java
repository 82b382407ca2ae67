package io.flussreactive.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flussreactive.benchmarks.ClientDriver.Outcome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The client JVM of the benchmark: one per client, so each client's CPU and memory are its own. It
 * reads one command per line on stdin (a JSON object naming a workload), runs it, and answers with one
 * line on stdout: {@value #RESULT_PREFIX} followed by a JSON object. Anything else goes to stderr.
 */
public final class Worker {

    /** The prefix of the line that carries a command's result. */
    public static final String RESULT_PREFIX = "RESULT ";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Worker() {
    }

    /**
     * Runs a worker.
     *
     * @param args {@code ours|official bootstrap-servers}
     * @throws Exception if the worker cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("Usage: Worker ours|official host:port");
            System.exit(2);
        }
        // Results go to the real stdout; everything the clients print goes to stderr.
        PrintStream results = System.out;
        System.setOut(System.err);
        try (ClientDriver driver = args[0].equals("ours") ? new OursDriver(args[1]) : new OfficialDriver(args[1])) {
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            results.println(RESULT_PREFIX + "{\"ready\":true}");
            results.flush();
            String line;
            while ((line = commands.readLine()) != null && !line.isBlank()) {
                results.println(RESULT_PREFIX + JSON.writeValueAsString(run(driver, JSON.readTree(line))));
                results.flush();
            }
        }
        System.exit(0);
    }

    private static ObjectNode run(ClientDriver driver, JsonNode command) {
        ObjectNode result = JSON.createObjectNode();
        try {
            Workload workload = Workload.ofKey(command.get("workload").asText());
            String table = command.get("table").asText();
            int rows = command.path("rows").asInt();
            int[] keys = keys(command.path("lookups").asInt(), rows, command.path("seed").asLong());
            System.gc();
            Outcome outcome;
            try (ResourceSampler sampler = ResourceSampler.start()) {
                outcome = switch (workload) {
                    case APPEND -> driver.append(table, rows);
                    case UPSERT -> driver.upsert(table, rows);
                    case SCAN -> driver.scan(table, rows, false);
                    case SCAN_PROJECTED -> driver.scan(table, rows, true);
                    case LOOKUP_SEQUENTIAL -> driver.lookupSequential(table, keys);
                    case LOOKUP_PIPELINED -> driver.lookupPipelined(table, keys, command.path("inFlight").asInt());
                    case WRITE_SEQUENTIAL -> driver.writeSequential(table, rows);
                    case WRITE_CONCURRENT -> driver.writeConcurrent(table, rows, command.path("writers").asInt());
                    case APPEND_MANY_BUCKETS -> driver.appendPartitioned(table, rows,
                            command.path("partitions").asInt());
                    case SCAN_MANY_BUCKETS -> driver.scan(table, rows, false);
                    case TAIL_LATENCY -> driver.tail(table, rows, command.path("rowsPerSecond").asInt(),
                            new ClientDriver.FetchSettings(command.path("fetchMaxWaitMs").asInt(-1),
                                    command.path("fetchMinBytes").asInt(-1)));
                };
                result.put("cpu_s", sampler.cpuSeconds());
                sampler.close();
                result.put("peak_heap_bytes", sampler.peakHeapBytes());
                result.put("peak_native_bytes", sampler.peakNativeBytes());
            }
            result.put("nanos", outcome.nanos());
            result.put("count", outcome.count());
            result.put("checksum", outcome.checksum());
            if (outcome.latencyNanos() != null) {
                long[] sorted = outcome.latencyNanos().clone();
                Arrays.sort(sorted);
                result.put("p50_ms", percentile(sorted, 0.50) / 1e6);
                result.put("p99_ms", percentile(sorted, 0.99) / 1e6);
                // Little's law: the time-average of operations outstanding during the measured part,
                // which with a fixed concurrency shows how much of it the driver actually kept up.
                result.put("mean_in_flight", (double) Arrays.stream(sorted).sum() / outcome.nanos());
            }
            if (outcome.completedAtNanos() != null) {
                // The rate between the tenth and the ninetieth percentile of completions: the steady
                // state, without the ramp-up and without the last keys, which a client with a batch
                // timer holds until the timer fires. (Too few operations: the whole run's rate.)
                long[] completed = outcome.completedAtNanos().clone();
                Arrays.sort(completed);
                int first = completed.length / 10;
                int last = completed.length * 9 / 10;
                result.put("steady_per_s", last > first && completed[last] > completed[first]
                        ? (last - first) * 1e9 / (completed[last] - completed[first])
                        : completed.length * 1e9 / outcome.nanos());
            }
            if (outcome.ackLatencyNanos() != null) {
                long[] sorted = outcome.ackLatencyNanos().clone();
                Arrays.sort(sorted);
                result.put("ack_p50_ms", percentile(sorted, 0.50) / 1e6);
                result.put("ack_p99_ms", percentile(sorted, 0.99) / 1e6);
            }
            if (outcome.fetchRequests() >= 0) {
                result.put("fetch_requests", outcome.fetchRequests());
            }
            if (outcome.emptyFetchRequests() >= 0) {
                result.put("empty_fetch_requests", outcome.emptyFetchRequests());
            }
        } catch (Throwable e) {
            e.printStackTrace();
            result.put("error", e.toString());
        }
        return result;
    }

    /** Keys drawn uniformly from the table's ids, the same sequence for both clients. */
    private static int[] keys(int count, int tableRows, long seed) {
        if (count <= 0) {
            return new int[0];
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] keys = new int[count];
        for (int i = 0; i < count; i++) {
            keys[i] = random.nextInt(tableRows);
        }
        return keys;
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
