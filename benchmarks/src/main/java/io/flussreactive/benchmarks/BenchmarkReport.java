package io.flussreactive.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The measured rounds of both clients, and what they add up to: per-metric values per round, the
 * median of the per-round ratios (oriented so that above 1 means ours did better), resource use, and
 * whether each performance target holds. Printed as a table and written as JSON.
 */
final class BenchmarkReport {

    private static final double MIB = 1024.0 * 1024.0;

    /** A client's measurement of one workload in one round, plus the cluster's CPU meanwhile. */
    record Measurement(JsonNode worker, double serverCpuSeconds) {
    }

    /** A reported number: how to get it from a measurement, and whether smaller is better. */
    private record Metric(String key, Workload workload, String unit, ToDoubleFunction<Measurement> value,
            boolean lowerIsBetter) {
    }

    private static final List<Metric> METRICS = List.of(
            throughput(Workload.APPEND),
            throughput(Workload.SCAN),
            throughput(Workload.SCAN_PROJECTED),
            throughput(Workload.UPSERT),
            new Metric("lookup_sequential_p50_ms", Workload.LOOKUP_SEQUENTIAL, "ms",
                    m -> m.worker().get("p50_ms").asDouble(), true),
            new Metric("lookup_sequential_p99_ms", Workload.LOOKUP_SEQUENTIAL, "ms",
                    m -> m.worker().get("p99_ms").asDouble(), true),
            throughput(Workload.LOOKUP_PIPELINED),
            new Metric("lookup_pipelined_p99_ms", Workload.LOOKUP_PIPELINED, "ms",
                    m -> m.worker().get("p99_ms").asDouble(), true),
            // Not a target: the rate over the middle 80 % of the lookups, without the ramp-up and the
            // last keys, which the official client holds for its batch timer (100 ms).
            new Metric("lookup_pipelined_steady", Workload.LOOKUP_PIPELINED, "lookups/s",
                    m -> m.worker().get("steady_per_s").asDouble(), false),
            // Not a target: how many of the 256 lookups each driver kept in flight on average. A client
            // that keeps fewer in flight waits behind fewer, so its latencies are the lower for it.
            new Metric("lookup_pipelined_mean_in_flight", Workload.LOOKUP_PIPELINED, "lookups",
                    m -> m.worker().get("mean_in_flight").asDouble(), false),
            latency("write_sequential_p50_ms", Workload.WRITE_SEQUENTIAL, "p50_ms"),
            latency("write_sequential_p99_ms", Workload.WRITE_SEQUENTIAL, "p99_ms"),
            throughput(Workload.WRITE_CONCURRENT),
            latency("write_concurrent_p99_ms", Workload.WRITE_CONCURRENT, "p99_ms"),
            throughput(Workload.APPEND_MANY_BUCKETS),
            throughput(Workload.SCAN_MANY_BUCKETS),
            latency("tail_latency_p50_ms", Workload.TAIL_LATENCY, "p50_ms"),
            latency("tail_latency_p99_ms", Workload.TAIL_LATENCY, "p99_ms"),
            // How much of the tail latency is the write's own: from the write call to its acknowledgement.
            latency("tail_latency_ack_p50_ms", Workload.TAIL_LATENCY, "ack_p50_ms"),
            new Metric("tail_latency_fetches_per_s", Workload.TAIL_LATENCY, "fetches/s",
                    m -> m.worker().get("fetch_requests").asDouble() * 1e9 / m.worker().get("nanos").asDouble(),
                    true));

    private final int rounds;
    private final ObjectNode setup;
    private final Map<Workload, Map<String, List<Measurement>>> measurements = new EnumMap<>(Workload.class);
    private final long oursDirectBudgetBytes;

    /**
     * @param rounds the number of measured rounds
     * @param setup how the run was set up (sizes, cluster, JVM options), copied into the JSON
     * @param oursDirectBudgetBytes our write budget plus prefetch budget plus 32 MiB: the ceiling of our
     *     direct memory
     */
    BenchmarkReport(int rounds, ObjectNode setup, long oursDirectBudgetBytes) {
        this.rounds = rounds;
        this.setup = setup;
        this.oursDirectBudgetBytes = oursDirectBudgetBytes;
    }

    private static Metric latency(String key, Workload workload, String field) {
        return new Metric(key, workload, "ms", m -> m.worker().get(field).asDouble(), true);
    }

    private static Metric throughput(Workload workload) {
        return new Metric(workload.key(), workload, workload.unit(),
                m -> m.worker().get("count").asDouble() * 1e9 / m.worker().get("nanos").asDouble(), false);
    }

    /**
     * Records one measured run.
     *
     * @param workload the workload
     * @param client {@code ours} or {@code official}
     * @param measurement what the worker reported
     */
    void add(Workload workload, String client, Measurement measurement) {
        measurements.computeIfAbsent(workload, w -> new LinkedHashMap<>())
                .computeIfAbsent(client, c -> new ArrayList<>())
                .add(measurement);
    }

    /**
     * Builds the JSON document of the run.
     *
     * @return {@code {"rounds", "setup", "workloads", "client", "targets"}}
     */
    ObjectNode toJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("rounds", rounds);
        root.set("setup", setup);
        ObjectNode workloads = root.putObject("workloads");
        // A workload's resource figures go with its first metric.
        Set<Workload> withResources = EnumSet.noneOf(Workload.class);
        for (Metric metric : METRICS) {
            Map<String, List<Measurement>> byClient = measurements.get(metric.workload());
            if (byClient == null) {
                continue;
            }
            double[] ours = values(byClient.get("ours"), metric.value());
            double[] official = values(byClient.get("official"), metric.value());
            ObjectNode entry = workloads.putObject(metric.key());
            entry.put("unit", metric.unit());
            array(entry.putArray("ours"), ours);
            array(entry.putArray("official"), official);
            entry.put("ratio_median", round(medianRatio(ours, official, metric.lowerIsBetter())));
            if (withResources.add(metric.workload())) {
                resources(entry, byClient);
            }
        }
        ObjectNode client = root.putObject("client");
        for (String who : List.of("ours", "official")) {
            client.withObjectProperty("cpu_s").put(who, round(sumOfMedians(who, m -> m.worker().get("cpu_s").asDouble())));
            client.withObjectProperty("peak_heap_mib").put(who, round(max(who, m -> m.worker().get("peak_heap_bytes").asDouble()) / MIB));
            client.withObjectProperty("peak_direct_mib").put(who,
                    round(max(who, m -> m.worker().get("peak_native_bytes").asDouble()) / MIB));
        }
        root.set("targets", targets(workloads, client));
        return root;
    }

    private void resources(ObjectNode entry, Map<String, List<Measurement>> byClient) {
        for (String who : List.of("ours", "official")) {
            List<Measurement> runs = byClient.get(who);
            array(entry.withObjectProperty("cpu_s").putArray(who), values(runs, m -> m.worker().get("cpu_s").asDouble()));
            array(entry.withObjectProperty("server_cpu_s").putArray(who), values(runs, Measurement::serverCpuSeconds));
            array(entry.withObjectProperty("peak_heap_mib").putArray(who),
                    values(runs, m -> m.worker().get("peak_heap_bytes").asDouble() / MIB));
            array(entry.withObjectProperty("peak_direct_mib").putArray(who),
                    values(runs, m -> m.worker().get("peak_native_bytes").asDouble() / MIB));
        }
    }

    private ObjectNode targets(ObjectNode workloads, ObjectNode client) {
        ObjectNode targets = new ObjectMapper().createObjectNode();
        target(targets, workloads, "append", 2.0);
        target(targets, workloads, "scan", 2.0);
        target(targets, workloads, "upsert", 1.2);
        target(targets, workloads, "lookup_sequential_p50_ms", 20.0);
        target(targets, workloads, "lookup_pipelined", 1.2);
        // Ours at most the official client's p99 in the median round, as for concurrent writes below.
        target(targets, workloads, "lookup_pipelined_p99_ms", 1.0);
        oursAtMost(targets, workloads, "lookup_sequential_p50_ms", 2.0);
        target(targets, workloads, "write_sequential_p50_ms", 20.0);
        oursAtMost(targets, workloads, "write_sequential_p50_ms", 2.0);
        target(targets, workloads, "write_concurrent", 1.5);
        // Ours at most the official client's p99 in the median round: a ratio (official / ours) of at least 1.
        target(targets, workloads, "write_concurrent_p99_ms", 1.0);
        for (String key : List.of("append_many_buckets", "scan_many_buckets")) {
            target(targets, workloads, key, 2.0);
            JsonNode entry = workloads.get(key);
            if (entry != null) {
                double peak = 0;
                for (JsonNode value : entry.get("peak_direct_mib").get("ours")) {
                    peak = Math.max(peak, value.asDouble());
                }
                directWithinBudget(targets, key + "_ours_peak_direct_mib_within_budget", peak);
            }
        }
        oursAtMost(targets, workloads, "tail_latency_p50_ms", 50.0);
        oursEmptyFetchesPerServerAtMost(targets, 20.0);
        double direct = client.get("peak_direct_mib").get("ours").asDouble();
        directWithinBudget(targets, "ours_peak_direct_mib_within_budget", direct);
        return targets;
    }

    /**
     * The tail target's bound on our tailing scan's empty fetches: the median over rounds of the fetch
     * requests a second answered without records, divided by the tablet servers (the tail table's three
     * buckets are led by all of them). The official client does not count its empty fetches.
     */
    private void oursEmptyFetchesPerServerAtMost(ObjectNode targets, double limit) {
        List<Measurement> runs = measurements.getOrDefault(Workload.TAIL_LATENCY, Map.of()).get("ours");
        if (runs == null || runs.isEmpty() || !runs.get(0).worker().has("empty_fetch_requests")) {
            return;
        }
        int servers = Math.max(1, setup.path("tablet_servers").asInt(1));
        double median = median(values(runs, m -> m.worker().get("empty_fetch_requests").asDouble() * 1e9
                / m.worker().get("nanos").asDouble() / servers));
        targets.putObject("tail_latency_ours_empty_fetches_per_s_per_server_at_most_" + (long) limit)
                .put("value", round(median))
                .put("met", median <= limit);
    }

    private void directWithinBudget(ObjectNode targets, String key, double peakMib) {
        targets.putObject(key)
                .put("value", round(peakMib))
                .put("limit", round(oursDirectBudgetBytes / MIB))
                .put("met", peakMib <= oursDirectBudgetBytes / MIB);
    }

    /** A target on our median of a metric measured in ms: {@code <key>_at_most_<limit>}. */
    private static void oursAtMost(ObjectNode targets, ObjectNode workloads, String key, double limit) {
        JsonNode entry = workloads.get(key);
        if (entry != null) {
            double median = median(values(entry.get("ours")));
            targets.putObject(key + "_at_most_" + (long) limit).put("value", round(median)).put("met", median <= limit);
        }
    }

    private static void target(ObjectNode targets, ObjectNode workloads, String key, double atLeast) {
        JsonNode entry = workloads.get(key);
        if (entry != null) {
            double ratio = entry.get("ratio_median").asDouble();
            targets.putObject(key + "_ratio").put("value", ratio).put("at_least", atLeast).put("met", ratio >= atLeast);
        }
    }

    /**
     * Prints the results as a table.
     *
     * @param json the document from {@link #toJson()}
     * @param out where to print
     */
    static void print(JsonNode json, PrintStream out) {
        out.println();
        out.printf("%-26s %-10s %-34s %-34s %7s%n", "workload", "unit", "ours (per round)", "official (per round)",
                "ratio");
        json.get("workloads").fields().forEachRemaining(e -> out.printf("%-26s %-10s %-34s %-34s %7.2f%n",
                e.getKey(), e.getValue().get("unit").asText(), compact(e.getValue().get("ours")),
                compact(e.getValue().get("official")), e.getValue().get("ratio_median").asDouble()));
        out.println("(ratio: median of the per-round ratios; above 1 means ours did better)");
        JsonNode client = json.get("client");
        out.printf("%nClient JVM: CPU s (sum of per-workload medians) ours %s, official %s; "
                        + "peak heap MiB ours %s, official %s; peak direct MiB ours %s, official %s%n",
                client.get("cpu_s").get("ours"), client.get("cpu_s").get("official"),
                client.get("peak_heap_mib").get("ours"), client.get("peak_heap_mib").get("official"),
                client.get("peak_direct_mib").get("ours"), client.get("peak_direct_mib").get("official"));
        out.println();
        json.get("targets").fields().forEachRemaining(e -> out.printf("target %-42s %-8s %s%n", e.getKey(),
                e.getValue().get("met").asBoolean() ? "met" : "NOT MET", e.getValue()));
    }

    /**
     * Writes the JSON document.
     *
     * @param json the document
     * @param file where to write it
     * @throws IOException if it cannot be written
     */
    static void write(JsonNode json, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }

    private static String compact(JsonNode values) {
        List<String> parts = new ArrayList<>();
        values.forEach(v -> parts.add(human(v.asDouble())));
        return String.join(" ", parts);
    }

    private static String human(double value) {
        if (value >= 1_000_000) {
            return String.format("%.2fM", value / 1e6);
        }
        if (value >= 10_000) {
            return String.format("%.0fk", value / 1e3);
        }
        return String.format("%.2f", value);
    }

    private double sumOfMedians(String client, ToDoubleFunction<Measurement> value) {
        double sum = 0;
        for (Map<String, List<Measurement>> byClient : measurements.values()) {
            sum += median(values(byClient.get(client), value));
        }
        return sum;
    }

    private double max(String client, ToDoubleFunction<Measurement> value) {
        double max = 0;
        for (Map<String, List<Measurement>> byClient : measurements.values()) {
            for (double v : values(byClient.get(client), value)) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    private static double[] values(List<Measurement> runs, ToDoubleFunction<Measurement> value) {
        return runs == null ? new double[0] : runs.stream().mapToDouble(value).toArray();
    }

    private static double[] values(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    /** The median over rounds of ours vs official in that round; rounds are paired by index. */
    static double medianRatio(double[] ours, double[] official, boolean lowerIsBetter) {
        int n = Math.min(ours.length, official.length);
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) {
            ratios[i] = lowerIsBetter ? official[i] / ours[i] : ours[i] / official[i];
        }
        return median(ratios);
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static void array(ArrayNode array, double[] values) {
        for (double value : values) {
            array.add(round(value));
        }
    }

    private static double round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double scale = Math.abs(value) >= 10_000 ? 1 : 1000;
        return Math.round(value * scale) / scale;
    }
}
