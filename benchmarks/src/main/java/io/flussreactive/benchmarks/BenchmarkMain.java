package io.flussreactive.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.admin.ArrowCompression;
import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.FlussAdmin;
import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.PartitionSpec;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.scan.ScanOptions;
import io.flussreactive.table.TablePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The side-by-side benchmark: fluss-reactive against the official Fluss Java client, on the same
 * cluster in the same run. Each client runs in a JVM of its own; the cluster runs in a third (unless
 * {@code --bootstrap} names one). After a warm-up round, every workload is run by both clients in each
 * measured round, alternating which goes first. Each run's table is created, and the run started, once
 * the cluster has gone quiet, so that no client pays for work the run before it left behind (a dropped
 * table's files, RocksDB flushes). Both client JVMs have heaps of a fixed size. Results are printed and
 * written as JSON.
 *
 * <pre>
 * --tablet-servers N   tablet servers of the started cluster (default 1; replication min(3, N))
 * --server-property K=V  a Fluss server option for every server of the started cluster (repeatable),
 *                      such as log.replica.fetch.wait-max-time=20ms. The started cluster serves requests
 *                      on Fluss's default of 8 threads per server (netty.server.num-worker-threads=8),
 *                      not the 3 of the test cluster, unless this sets that option
 * --bootstrap H:P      use a running cluster instead of starting one
 * --rounds N           measured rounds (default 3)
 * --smoke              tiny sizes, one round: proves the benchmark runs
 * --scale F           every count of rows, lookups and writes times F (0.1: a tenth), shapes kept
 * --workloads a,b      only these workloads (append, scan, scan_projected, upsert, lookup_sequential,
 *                      lookup_pipelined, write_sequential, write_concurrent, append_many_buckets,
 *                      scan_many_buckets, tail_latency)
 * --tail-fetch-max-wait-ms N  the tailing scans of tail_latency let the server hold a fetch at most N ms
 *                      (both clients; default: each client's default)
 * --tail-fetch-min-bytes N    the same, for the bytes the server waits for before it answers
 * --profile            record a JFR profile of each client JVM into the output folder
 * --profile-settings F the same, with the JFR settings file F (e.g. a faster sampling period)
 * --results FILE       where the JSON goes (default benchmarks/target/benchmark-results.json)
 * </pre>
 */
public final class BenchmarkMain {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final List<String> CLIENTS = List.of("ours", "official");
    /** The cluster counts as quiet once it used less than this share of one core over one window. */
    private static final double QUIET_CPU_SHARE = 0.15;
    private static final Duration QUIET_WINDOW = Duration.ofMillis(500);
    private static final Duration QUIET_WAIT_LIMIT = Duration.ofSeconds(30);
    /** How long a new partitioned table stands before its partitions are created. */
    private static final Duration PARTITIONS_AFTER = Duration.ofSeconds(1);
    /** How long the buckets of new partitions may take to get leaders. */
    private static final Duration LEADERS_WITHIN = Duration.ofSeconds(30);
    /** The heap of our client's JVM. */
    private static final String OURS_HEAP = "256m";
    /** The heap of the official client's JVM, as in its published baseline. */
    private static final String OFFICIAL_HEAP = "1g";
    /** The buckets of the log tables the write workloads create. */
    private static final int LOG_TABLE_BUCKETS = 3;

    private final Options options;
    private final FlussAdmin admin;
    /** The cluster started for the run, or null when {@code --bootstrap} names a running one. */
    private final ClusterProcess cluster;
    private final BenchmarkSizes sizes;

    private BenchmarkMain(Options options, FlussAdmin admin, ClusterProcess cluster) {
        this.options = options;
        this.admin = admin;
        this.cluster = cluster;
        BenchmarkSizes base = options.smoke ? BenchmarkSizes.smoke() : BenchmarkSizes.full();
        this.sizes = options.scale == 1.0 ? base : base.scaled(options.scale);
    }

    /**
     * Runs the benchmark.
     *
     * @param args see the class documentation
     * @throws Exception if the benchmark fails
     */
    public static void main(String[] args) throws Exception {
        execute(args);
        // The clients' and the cluster's JVMs are gone; nothing else needs to finish.
        System.exit(0);
    }

    /**
     * Runs the benchmark, prints its table and writes its JSON.
     *
     * @param args see the class documentation
     * @return the results, as written
     * @throws Exception if the benchmark fails
     */
    public static JsonNode execute(String... args) throws Exception {
        Options options = Options.parse(args);
        Path outputDir = options.results.toAbsolutePath().getParent();
        Files.createDirectories(outputDir);
        ClusterProcess cluster = null;
        try {
            String bootstrap = options.bootstrap;
            if (bootstrap == null) {
                System.out.printf("Starting a Fluss cluster (%d tablet server(s)) in its own JVM...%n",
                        options.tabletServers);
                cluster = ClusterProcess.start(options.tabletServers, options.serverProperties,
                        outputDir.resolve("benchmark-cluster.log"));
                bootstrap = cluster.bootstrapServers();
            }
            System.out.println("Cluster: " + bootstrap);
            FlussClient client = FlussClient.create(FlussClientOptions.builder().bootstrapServers(bootstrap).build());
            try {
                JsonNode results = new BenchmarkMain(options, client.admin(), cluster).run(bootstrap, outputDir);
                BenchmarkReport.print(results, System.out);
                BenchmarkReport.write(results, options.results);
                System.out.println("\nResults written to " + options.results);
                return results;
            } finally {
                client.close().block(TIMEOUT);
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    private JsonNode run(String bootstrap, Path outputDir) throws Exception {
        admin.createDatabase(Tables.DATABASE, DatabaseDescriptor.builder().build(), true).block(TIMEOUT);
        int rounds = options.smoke ? 1 : options.rounds;
        ObjectNode setup = new ObjectMapper().createObjectNode();
        setup.put("tablet_servers", cluster == null ? -1 : options.tabletServers);
        ArrayNode serverProperties = setup.putArray("server_properties");
        options.serverProperties.forEach(serverProperties::add);
        setup.put("cluster", cluster == null ? "external " + bootstrap : "separate JVM");
        setup.put("warm_up_rounds", options.smoke ? 0 : 1);
        setup.set("sizes", new ObjectMapper().valueToTree(sizes));
        setup.put("tail_fetch_max_wait_ms", options.tailFetch.maxWaitMs());
        setup.put("tail_fetch_min_bytes", options.tailFetch.minBytes());
        setup.put("ours_jvm", String.join(" ", jvmOptions("ours", outputDir)));
        setup.put("official_jvm", String.join(" ", jvmOptions("official", outputDir)));
        setup.put("cpus", Runtime.getRuntime().availableProcessors());
        setup.put("java", System.getProperty("java.version"));
        BenchmarkReport report = new BenchmarkReport(rounds, setup, FlussClientOptions.DEFAULT_WRITE_BUFFER_BYTES
                + ScanOptions.defaults().prefetchBytes() + (32L << 20));

        try (WorkerProcess ours = worker("ours", bootstrap, outputDir);
                WorkerProcess official = worker("official", bootstrap, outputDir)) {
            // Sources only for the workloads that read them: a run of some workloads then neither
            // waits for nor warms up code paths it does not measure.
            String scanSource = runsAny(Workload.SCAN, Workload.SCAN_PROJECTED) ? prepareScanSource(official) : null;
            String lookupSource = runsAny(Workload.LOOKUP_SEQUENTIAL, Workload.LOOKUP_PIPELINED)
                    ? prepareLookupSource(ours) : null;
            String manyBucketsSource = runsAny(Workload.SCAN_MANY_BUCKETS) ? prepareManyBucketsSource(official) : null;
            int firstRound = options.smoke ? 1 : 0;
            for (int round = firstRound; round <= rounds; round++) {
                boolean measured = round > 0;
                System.out.printf("%n%s%n", measured ? "Round " + round + " of " + rounds : "Warm-up round");
                List<String> order = round % 2 == 1 ? CLIENTS : List.of("official", "ours");
                for (Workload workload : options.workloads) {
                    for (String who : order) {
                        WorkerProcess worker = who.equals("ours") ? ours : official;
                        BenchmarkReport.Measurement m = runOnce(workload, who, worker, round,
                                new Sources(scanSource, lookupSource, manyBucketsSource));
                        if (measured) {
                            report.add(workload, who, m);
                        }
                    }
                }
            }
        }
        return report.toJson();
    }

    private boolean runsAny(Workload... workloads) {
        return Arrays.stream(workloads).anyMatch(options.workloads::contains);
    }

    private WorkerProcess worker(String client, String bootstrap, Path outputDir) throws IOException {
        return WorkerProcess.start(client, bootstrap, jvmOptions(client, outputDir),
                outputDir.resolve("benchmark-" + client + ".log"));
    }

    /**
     * Ours gets a small heap, the official client the heap of its published baseline; both of a fixed
     * size. A heap that may shrink is shrunk by G1 while a worker waits between workloads, and the next
     * burst of rows then pays for a young collection every few milliseconds until it has grown again
     * (measured: appends at half speed, with twice the CPU per row).
     */
    private List<String> jvmOptions(String client, Path outputDir) {
        List<String> jvm = new ArrayList<>();
        String heap = client.equals("ours") ? OURS_HEAP : OFFICIAL_HEAP;
        jvm.add("-Xms" + heap);
        jvm.add("-Xmx" + heap);
        jvm.add("-XX:NativeMemoryTracking=summary");
        if (options.profile) {
            // Without it, samples taken between safepoints are charged to the nearest frame the JIT
            // recorded, often a method inlined nearby rather than the one running.
            jvm.add("-XX:+UnlockDiagnosticVMOptions");
            jvm.add("-XX:+DebugNonSafepoints");
            jvm.add("-XX:StartFlightRecording=settings=" + options.profileSettings + ",filename="
                    + outputDir.resolve("benchmark-" + client + ".jfr"));
        }
        return jvm;
    }

    /** The log table both clients scan: written once, by the official client, so neither scans its own layout. */
    private String prepareScanSource(WorkerProcess official) throws Exception {
        String table = createLogTable("scan_source");
        System.out.printf("Preparing %s: %,d rows appended by the official client%n", table, sizes.appendRows());
        JsonNode result = official.run(command(Workload.APPEND, table, sizes.appendRows()));
        check(result.get("count").asLong() == sizes.appendRows(), "scan source rows: " + result);
        checkEndOffsets(table, sizes.appendRows());
        return table;
    }

    /** The partitioned log table both clients scan, written once by the official client. */
    private String prepareManyBucketsSource(WorkerProcess official) throws Exception {
        String table = createPartitionedLogTable("scan_many_buckets_source");
        System.out.printf("Preparing %s: %,d rows over %d partitions of %d buckets appended by the official client%n",
                table, sizes.manyBucketsRows(), sizes.partitions(), sizes.bucketsPerPartition());
        JsonNode result = official.run(command(Workload.APPEND_MANY_BUCKETS, table, sizes.manyBucketsRows())
                .put("partitions", sizes.partitions()));
        check(result.get("count").asLong() == sizes.manyBucketsRows(), "many-buckets source rows: " + result);
        checkPartitionedEndOffsets(table, sizes.manyBucketsRows());
        return table;
    }

    /** The primary-key table both clients look up. */
    private String prepareLookupSource(WorkerProcess ours) throws Exception {
        String table = createPrimaryKeyTable("lookup_source");
        System.out.printf("Preparing %s: %,d rows upserted%n", table, sizes.upsertRows());
        JsonNode result = ours.run(command(Workload.UPSERT, table, sizes.upsertRows()));
        check(result.get("count").asLong() == sizes.upsertRows(), "lookup source rows: " + result);
        return table;
    }

    /** The tables prepared once and read by every round, or null for those not prepared. */
    private record Sources(String scan, String lookup, String manyBuckets) {
    }

    private BenchmarkReport.Measurement runOnce(Workload workload, String who, WorkerProcess worker, int round,
            Sources sources) throws Exception {
        String fresh = (workload + "_" + who + "_" + round).toLowerCase();
        ObjectNode command = switch (workload) {
            case APPEND -> command(workload, createLogTable(fresh), sizes.appendRows());
            case UPSERT -> command(workload, createPrimaryKeyTable(fresh), sizes.upsertRows());
            case SCAN, SCAN_PROJECTED -> command(workload, sources.scan(), sizes.appendRows());
            case LOOKUP_SEQUENTIAL -> command(workload, sources.lookup(), sizes.upsertRows())
                    .put("lookups", round == 0 ? sizes.warmUpSequentialLookups() : sizes.sequentialLookups());
            case LOOKUP_PIPELINED -> command(workload, sources.lookup(), sizes.upsertRows())
                    .put("lookups", sizes.pipelinedLookups())
                    .put("inFlight", sizes.lookupsInFlight());
            case WRITE_SEQUENTIAL -> command(workload, createLogTable(fresh),
                    round == 0 ? sizes.warmUpSequentialWrites() : sizes.sequentialWrites());
            case WRITE_CONCURRENT -> command(workload, createLogTable(fresh), sizes.concurrentWrites())
                    .put("writers", sizes.concurrentWriters());
            case APPEND_MANY_BUCKETS -> command(workload, createPartitionedLogTable(fresh), sizes.manyBucketsRows())
                    .put("partitions", sizes.partitions());
            case SCAN_MANY_BUCKETS -> command(workload, sources.manyBuckets(), sizes.manyBucketsRows());
            case TAIL_LATENCY -> command(workload, withLeaders(createLogTable(fresh)), sizes.tailRows())
                    .put("rowsPerSecond", sizes.tailRowsPerSecond())
                    .put("fetchMaxWaitMs", options.tailFetch.maxWaitMs())
                    .put("fetchMinBytes", options.tailFetch.minBytes());
        };
        command.put("seed", round);
        double settleSeconds = awaitQuietCluster();
        double serverCpuBefore = cluster == null ? 0 : cluster.cpuSeconds();
        JsonNode result = worker.run(command);
        double serverCpu = cluster == null ? 0 : cluster.cpuSeconds() - serverCpuBefore;
        verify(workload, command, result);
        if (EnumSet.of(Workload.APPEND, Workload.UPSERT, Workload.WRITE_SEQUENTIAL, Workload.WRITE_CONCURRENT,
                Workload.APPEND_MANY_BUCKETS, Workload.TAIL_LATENCY).contains(workload)) {
            admin.dropTable(path(command.get("table").asText()), true).block(TIMEOUT);
        }
        System.out.printf("  %-18s %-9s %s%s%n", workload.key(), who, summary(workload, result),
                settleSeconds >= 1 ? String.format(" (cluster busy for %.1f s before)", settleSeconds) : "");
        return new BenchmarkReport.Measurement(result, serverCpu);
    }

    /**
     * Waits until the cluster's JVM has been nearly idle for a moment, so that no measurement pays for
     * work left by the one before (a dropped table's files, RocksDB flushes and compactions).
     *
     * @return seconds waited
     */
    private double awaitQuietCluster() throws InterruptedException {
        if (cluster == null) {
            return 0;
        }
        long start = System.nanoTime();
        long deadline = start + QUIET_WAIT_LIMIT.toNanos();
        double cpu = cluster.cpuSeconds();
        while (System.nanoTime() < deadline) {
            Thread.sleep(QUIET_WINDOW.toMillis());
            double now = cluster.cpuSeconds();
            if (now - cpu < QUIET_CPU_SHARE * QUIET_WINDOW.toMillis() / 1000.0) {
                break;
            }
            cpu = now;
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void verify(Workload workload, ObjectNode command, JsonNode result) {
        long count = result.get("count").asLong();
        switch (workload) {
            case APPEND -> {
                check(count == sizes.appendRows(), "append acknowledged " + count);
                checkEndOffsets(command.get("table").asText(), sizes.appendRows());
            }
            case UPSERT -> check(count == sizes.upsertRows(), "upsert acknowledged " + count);
            case SCAN -> {
                check(count == sizes.appendRows(), "scan read " + count);
                check(result.get("checksum").asLong() == expectedChecksum(sizes.appendRows(), false),
                        "scan checksum " + result);
            }
            case SCAN_PROJECTED -> {
                check(count == sizes.appendRows(), "projected scan read " + count);
                check(result.get("checksum").asLong() == expectedChecksum(sizes.appendRows(), true),
                        "projected checksum " + result);
            }
            case LOOKUP_SEQUENTIAL, LOOKUP_PIPELINED -> check(count == command.get("lookups").asLong(),
                    workload.key() + " found " + count + " of " + command.get("lookups"));
            case WRITE_SEQUENTIAL, WRITE_CONCURRENT -> {
                int rows = command.get("rows").asInt();
                check(count == rows, workload.key() + " acknowledged " + count + " of " + rows);
                checkEndOffsets(command.get("table").asText(), rows);
            }
            case APPEND_MANY_BUCKETS -> {
                check(count == sizes.manyBucketsRows(), "append_many_buckets acknowledged " + count);
                checkPartitionedEndOffsets(command.get("table").asText(), sizes.manyBucketsRows());
            }
            case SCAN_MANY_BUCKETS -> {
                check(count == sizes.manyBucketsRows(), "scan_many_buckets read " + count);
                check(result.get("checksum").asLong() == expectedChecksum(sizes.manyBucketsRows(), false),
                        "scan_many_buckets checksum " + result);
            }
            case TAIL_LATENCY -> check(count == sizes.tailRows(),
                    "tail_latency delivered " + count + " of " + sizes.tailRows());
        }
    }

    private static long expectedChecksum(int rows, boolean idsOnly) {
        long checksum = 0;
        for (int id = 0; id < rows; id++) {
            checksum = idsOnly ? checksum + id
                    : Rows.fold(checksum, id, Rows.name(id).length(), Rows.score(id), Rows.ts(id));
        }
        return checksum;
    }

    private static String summary(Workload workload, JsonNode result) {
        double seconds = result.get("nanos").asDouble() / 1e9;
        String line = String.format("%,12.0f %-9s (%.2f s, client CPU %.2f s)", result.get("count").asDouble() / seconds,
                workload.unit(), seconds, result.get("cpu_s").asDouble());
        if (result.has("p50_ms")) {
            line += String.format(" p50 %.2f ms p99 %.2f ms", result.get("p50_ms").asDouble(),
                    result.get("p99_ms").asDouble());
        }
        if (result.has("ack_p50_ms")) {
            line += String.format(" (acknowledged: p50 %.2f ms p99 %.2f ms)", result.get("ack_p50_ms").asDouble(),
                    result.get("ack_p99_ms").asDouble());
        }
        if (result.has("fetch_requests")) {
            line += String.format(" %.1f fetches/s", result.get("fetch_requests").asDouble() / seconds);
            if (result.has("empty_fetch_requests")) {
                line += String.format(" (%.1f empty)", result.get("empty_fetch_requests").asDouble() / seconds);
            }
        }
        return line;
    }

    private void checkEndOffsets(String table, long expectedRows) {
        long total = admin.listOffsets(path(table), IntStream.range(0, 3).boxed().toList(), OffsetSpec.latest())
                .block(TIMEOUT).values().stream().mapToLong(Long::longValue).sum();
        check(total == expectedRows, table + " holds " + total + " rows, expected " + expectedRows);
    }

    /** Sums the latest offsets of every bucket of every partition. */
    private void checkPartitionedEndOffsets(String table, long expectedRows) {
        List<Integer> buckets = IntStream.range(0, sizes.bucketsPerPartition()).boxed().toList();
        long total = 0;
        for (int p = 0; p < sizes.partitions(); p++) {
            total += admin.listOffsets(path(table), Rows.partition(p, sizes.partitions()), buckets, OffsetSpec.latest())
                    .block(TIMEOUT).values().stream().mapToLong(Long::longValue).sum();
        }
        check(total == expectedRows, table + " holds " + total + " rows, expected " + expectedRows);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("Benchmark check failed: " + message);
        }
    }

    private String createLogTable(String name) throws InterruptedException {
        return createTable(name, TableDescriptor.builder()
                .schema(Rows.schema(null))
                .distributedBy(LOG_TABLE_BUCKETS)
                .logCompression(ArrowCompression.ZSTD)
                .build());
    }

    /**
     * Waits until every bucket of a new log table has a leader. The official client's tailing scan
     * first lists the table's offsets, and gives up on a bucket whose leader its metadata does not show
     * after three tries ("Leader not found after retry 3 times"), which a table created a moment ago on
     * three servers can take longer than.
     */
    private String withLeaders(String table) throws InterruptedException {
        List<Integer> buckets = IntStream.range(0, LOG_TABLE_BUCKETS).boxed().toList();
        long deadline = System.nanoTime() + LEADERS_WITHIN.toNanos();
        check(listedBefore(deadline, () -> admin.listOffsets(path(table), buckets, OffsetSpec.latest())),
                table + ": some buckets got no leader within " + LEADERS_WITHIN);
        return table;
    }

    /**
     * A log table of {@code partitions} partitions, created here rather than by the writers, each of many
     * buckets. A partition created right after its table may never get leaders on a 0.9.1 cluster (the
     * coordinator fails to handle it while it does not know the new table yet, and says so in its log),
     * so the table waits a moment before its partitions are created, and is created again, at most
     * twice, when some bucket still has no leader.
     */
    private String createPartitionedLogTable(String name) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            String qualified = createTable(name, TableDescriptor.builder()
                    .schema(Rows.partitionedSchema())
                    .partitionedBy(Rows.PARTITION_COLUMN)
                    .distributedBy(sizes.bucketsPerPartition())
                    .logCompression(ArrowCompression.ZSTD)
                    .build());
            Thread.sleep(PARTITIONS_AFTER.toMillis());
            Flux.range(0, sizes.partitions())
                    .concatMap(p -> admin.createPartition(path(qualified),
                            PartitionSpec.of(Rows.PARTITION_COLUMN, Rows.partition(p, sizes.partitions())), false))
                    .then()
                    .block(TIMEOUT);
            if (everyBucketHasALeader(qualified)) {
                return qualified;
            }
            check(attempt < 3, qualified + ": some buckets got no leader, three times; the cluster's log says why "
                    + "(a coordinator that missed a new table fails every bucket change after it: run again)");
            System.out.printf("  %s: some buckets got no leader; creating the table again%n", qualified);
        }
    }

    /** Whether the latest offsets of every bucket of every partition can be listed within a while. */
    private boolean everyBucketHasALeader(String table) throws InterruptedException {
        List<Integer> buckets = IntStream.range(0, sizes.bucketsPerPartition()).boxed().toList();
        long deadline = System.nanoTime() + LEADERS_WITHIN.toNanos();
        for (int p = 0; p < sizes.partitions(); p++) {
            String partition = Rows.partition(p, sizes.partitions());
            if (!listedBefore(deadline, () -> admin.listOffsets(path(table), partition, buckets, OffsetSpec.latest()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Lists offsets again and again until it works (every bucket listed has a leader) or the deadline
     * ({@code System.nanoTime()}) passes.
     */
    private static boolean listedBefore(long deadline, Supplier<Mono<?>> listing) throws InterruptedException {
        while (true) {
            try {
                listing.get().block(Duration.ofSeconds(5));
                return true;
            } catch (RuntimeException notYet) {
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                Thread.sleep(200);
            }
        }
    }

    private String createPrimaryKeyTable(String name) throws InterruptedException {
        return createTable(name, TableDescriptor.builder().schema(Rows.schema("id")).distributedBy(3).build());
    }

    /**
     * Drops the table if it exists and creates it on a quiet cluster: a busy 0.9.1 coordinator can miss
     * a new table (it learns of one from a change of its ZooKeeper node, which a late look sees as
     * already filled), and then fails the table's partitions and, from then on, every bucket created or
     * dropped. The table dropped before is the previous run's, or this one's from an attempt that failed.
     */
    private String createTable(String name, TableDescriptor descriptor) throws InterruptedException {
        String qualified = Tables.qualified(name);
        admin.dropTable(path(qualified), true).block(TIMEOUT);
        awaitQuietCluster();
        admin.createTable(path(qualified), descriptor, false).block(TIMEOUT);
        return qualified;
    }

    private static TablePath path(String qualified) {
        return TablePath.of(Tables.database(qualified), Tables.table(qualified));
    }

    private static ObjectNode command(Workload workload, String table, int rows) {
        return new ObjectMapper().createObjectNode()
                .put("workload", workload.key())
                .put("table", table)
                .put("rows", rows);
    }

    /**
     * Fluss's own default for the request threads of a server. The embedded cluster lowers it for
     * tests; a benchmark runs the servers as deployed, where a client that spreads its requests over
     * several connections gets them served on several threads.
     */
    private static final String REQUEST_THREADS = "netty.server.num-worker-threads";
    private static final String FLUSS_DEFAULT_REQUEST_THREADS = REQUEST_THREADS + "=8";

    /** Command-line options. */
    private static final class Options {
        int tabletServers = 1;
        /** Server options of the started cluster, as {@code KEY=VALUE}. */
        List<String> serverProperties = new ArrayList<>();
        String bootstrap;
        int rounds = 3;
        double scale = 1.0;
        ClientDriver.FetchSettings tailFetch = ClientDriver.FetchSettings.DEFAULTS;
        boolean smoke;
        boolean profile;
        String profileSettings = "profile";
        Set<Workload> workloads = EnumSet.allOf(Workload.class);
        Path results = Path.of("benchmarks", "target", "benchmark-results.json");

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--tablet-servers" -> options.tabletServers = Integer.parseInt(value(args, ++i));
                    case "--server-property" -> options.serverProperties.add(value(args, ++i));
                    case "--bootstrap" -> options.bootstrap = value(args, ++i);
                    case "--rounds" -> options.rounds = Integer.parseInt(value(args, ++i));
                    case "--smoke" -> options.smoke = true;
                    case "--scale" -> options.scale = Double.parseDouble(value(args, ++i));
                    case "--tail-fetch-max-wait-ms" -> options.tailFetch = new ClientDriver.FetchSettings(
                            Integer.parseInt(value(args, ++i)), options.tailFetch.minBytes());
                    case "--tail-fetch-min-bytes" -> options.tailFetch = new ClientDriver.FetchSettings(
                            options.tailFetch.maxWaitMs(), Integer.parseInt(value(args, ++i)));
                    case "--profile" -> options.profile = true;
                    case "--profile-settings" -> {
                        options.profile = true;
                        options.profileSettings = value(args, ++i);
                    }
                    case "--results" -> options.results = Path.of(value(args, ++i));
                    case "--workloads" -> {
                        options.workloads = EnumSet.noneOf(Workload.class);
                        for (String key : value(args, ++i).split(",")) {
                            options.workloads.add(Workload.ofKey(key.trim()));
                        }
                    }
                    default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                            + "; see the Javadoc of " + BenchmarkMain.class.getName());
                }
            }
            if (options.rounds < 1 || options.tabletServers < 1) {
                throw new IllegalArgumentException("--rounds and --tablet-servers must be at least 1");
            }
            if (!(options.scale > 0)) {
                throw new IllegalArgumentException("--scale must be above 0");
            }
            if (options.serverProperties.stream().noneMatch(p -> p.startsWith(REQUEST_THREADS + "="))) {
                options.serverProperties.add(0, FLUSS_DEFAULT_REQUEST_THREADS);
            }
            return options;
        }

        private static String value(String[] args, int index) {
            if (index >= args.length) {
                throw new IllegalArgumentException(args[index - 1] + " needs a value");
            }
            return args[index];
        }
    }
}
