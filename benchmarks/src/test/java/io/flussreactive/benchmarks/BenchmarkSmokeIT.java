package io.flussreactive.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole side-by-side benchmark at tiny sizes (a cluster JVM, one worker JVM per client), so
 * the benchmark cannot rot: every workload must complete for both clients with the data checked, and
 * the JSON must have the documented shape. No performance is asserted.
 */
class BenchmarkSmokeIT {

    @Test
    void everyWorkloadRunsForBothClientsAndTheResultsHaveTheirShape(@TempDir Path out) throws Exception {
        Path file = out.resolve("results.json");

        JsonNode results = BenchmarkMain.execute("--smoke", "--results", file.toString(),
                "--server-property", "log.replica.fetch.wait-max-time=200ms");

        assertThat(Files.exists(file)).isTrue();
        assertThat(results.get("rounds").asInt()).isEqualTo(1);
        // Fluss's default of request threads comes first, then what the command line set.
        assertThat(results.get("setup").get("server_properties")).extracting(JsonNode::asText)
                .containsExactly("netty.server.num-worker-threads=8", "log.replica.fetch.wait-max-time=200ms");
        // Both clients' heaps are of a fixed size, so that none is shrunk between workloads.
        assertThat(results.get("setup").get("ours_jvm").asText()).startsWith("-Xms256m -Xmx256m ");
        assertThat(results.get("setup").get("official_jvm").asText()).startsWith("-Xms1g -Xmx1g ");
        JsonNode workloads = results.get("workloads");
        assertThat(workloads.fieldNames()).toIterable().contains("append", "scan", "scan_projected", "upsert",
                "lookup_sequential_p50_ms", "lookup_pipelined", "lookup_pipelined_steady",
                "lookup_pipelined_mean_in_flight", "write_sequential_p50_ms", "write_sequential_p99_ms",
                "write_concurrent", "write_concurrent_p99_ms", "append_many_buckets", "scan_many_buckets",
                "tail_latency_p50_ms", "tail_latency_p99_ms", "tail_latency_fetches_per_s");
        workloads.fields().forEachRemaining(entry -> {
            assertThat(entry.getValue().get("ours")).as(entry.getKey()).hasSize(1);
            assertThat(entry.getValue().get("official")).as(entry.getKey()).hasSize(1);
            assertThat(entry.getValue().get("ours").get(0).asDouble()).as(entry.getKey()).isPositive();
            assertThat(entry.getValue().get("official").get(0).asDouble()).as(entry.getKey()).isPositive();
            assertThat(entry.getValue().get("ratio_median").asDouble()).as(entry.getKey()).isPositive();
        });
        assertThat(results.get("targets").fieldNames()).toIterable().contains("write_sequential_p50_ms_ratio",
                "write_sequential_p50_ms_at_most_2", "write_concurrent_ratio", "write_concurrent_p99_ms_ratio",
                "lookup_pipelined_ratio", "lookup_pipelined_p99_ms_ratio",
                "append_many_buckets_ratio", "append_many_buckets_ours_peak_direct_mib_within_budget",
                "scan_many_buckets_ratio", "scan_many_buckets_ours_peak_direct_mib_within_budget",
                "tail_latency_p50_ms_at_most_50", "tail_latency_ours_empty_fetches_per_s_per_server_at_most_20");
        assertThat(results.get("targets").get("tail_latency_ours_empty_fetches_per_s_per_server_at_most_20")
                .get("value").asDouble()).isNotNegative();
        JsonNode client = results.get("client");
        for (String metric : new String[] {"cpu_s", "peak_heap_mib", "peak_direct_mib"}) {
            assertThat(client.get(metric).get("ours").asDouble()).as(metric).isPositive();
            assertThat(client.get(metric).get("official").asDouble()).as(metric).isPositive();
        }
    }
}
