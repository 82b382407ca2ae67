package io.flussreactive.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.lookup.LookupResult;
import io.flussreactive.row.GenericRow;
import io.flussreactive.row.Row;
import io.flussreactive.scan.RecordBatch;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.test.EmbeddedFlussCluster;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.apache.arrow.vector.IntVector;
import reactor.core.publisher.Flux;

/**
 * The chaos program: the same crash with this client and with the official Java client, each in a JVM
 * of its own against a fresh cluster of its own (three tablet servers, each in a JVM of its own,
 * replication factor 3). For each client: append rows {@code 0..n-1} idempotently, kill (SIGKILL) the
 * leader of bucket 0 once a quarter of them are acknowledged, start it again, and read everything back;
 * then the same for upserts, read back with a lookup of every key. Writes
 * {@code benchmarks/target/chaos-result.json}:
 *
 * <pre>
 * {"ours": {"append": R, "upsert": R}, "official": {"append": R, "upsert": R}}
 * R = {"acked", "failed", "acked_missing", "duplicates", "unreported", "max_ack_stall_s", "client_log_lines"}
 * </pre>
 *
 * <ul>
 *   <li>{@code acked}, {@code failed}: rows the client reported written, and failed;
 *   <li>{@code acked_missing}: acknowledged rows not found when read back (for upserts: not found, or
 *       found with another value than written);
 *   <li>{@code duplicates}: for appends, rows stored more than once; for upserts, keys found with another
 *       value than written, whether acknowledged or not (a key is stored once by definition);
 *   <li>{@code unreported}: rows with neither result when the client said it was done (its results
 *       ended; the official client's {@code flush()} returned);
 *   <li>{@code max_ack_stall_s}: the longest time without any acknowledgement, from the start of the
 *       write until the client said it was done;
 *   <li>{@code client_log_lines}: lines logged at INFO or above in the client's JVM during the write.
 * </ul>
 *
 * <pre>
 * --rows N          rows per write (default 1,000,000)
 * --clients a,b     which clients, in order (default ours,official)
 * --kill-after F    the share of rows acknowledged before the crash (default 0.25)
 * --results FILE    where the JSON goes (default benchmarks/target/chaos-result.json)
 * </pre>
 */
public final class ChaosMain {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final String DATABASE = "chaos";
    private static final int BUCKETS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Options options;
    private final Path outputDir;

    private ChaosMain(Options options, Path outputDir) {
        this.options = options;
        this.outputDir = outputDir;
    }

    /**
     * Runs the chaos program.
     *
     * @param args see the class documentation
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        execute(args);
        // The clients' and the servers' JVMs are gone; nothing else needs to finish.
        System.exit(0);
    }

    /**
     * Runs the chaos program, prints its table and writes its JSON.
     *
     * @param args see the class documentation
     * @return the results, as written
     * @throws Exception if it fails
     */
    public static JsonNode execute(String... args) throws Exception {
        Options options = Options.parse(args);
        Path outputDir = options.results.toAbsolutePath().getParent();
        Files.createDirectories(outputDir);
        // The coordinator and ZooKeeper run in this JVM, and warn of every crash: into a file, not the console.
        PrintStream console = System.out;
        System.setErr(new PrintStream(new FileOutputStream(outputDir.resolve("chaos-cluster.log").toFile(), true),
                true));
        ChaosMain chaos = new ChaosMain(options, outputDir);
        ObjectNode results = JSON.createObjectNode();
        for (String client : options.clients) {
            results.set(client, chaos.runClient(client));
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(options.results.toFile(), results);
        print(results, options.rows, console);
        console.println("\nResults written to " + options.results);
        return results;
    }

    private ObjectNode runClient(String client) throws Exception {
        System.out.printf("%n%s: starting a Fluss cluster (3 tablet servers, each in its own JVM)...%n", client);
        try (EmbeddedFlussCluster cluster = EmbeddedFlussCluster.builder()
                .tabletServers(3)
                .tabletServersInOwnProcesses()
                .build()
                .start()) {
            FlussClient checker = FlussClient.create(
                    FlussClientOptions.builder().bootstrapServers(cluster.bootstrapServers()).build());
            try (WorkerProcess worker = WorkerProcess.start(ChaosWorker.class, client, cluster.bootstrapServers(),
                    jvmOptions(client), outputDir.resolve("chaos-" + client + ".log"))) {
                checker.admin().createDatabase(DATABASE, DatabaseDescriptor.empty(), true).block(TIMEOUT);
                ObjectNode result = JSON.createObjectNode();
                result.set("append", scenario(cluster, checker, worker, client, "append"));
                result.set("upsert", scenario(cluster, checker, worker, client, "upsert"));
                return result;
            } finally {
                checker.close().block(TIMEOUT);
            }
        }
    }

    /** The heaps of the side-by-side benchmark: ours small, the official client's published baseline. */
    private static List<String> jvmOptions(String client) {
        return client.equals("ours") ? List.of("-Xmx256m") : List.of("-Xms1g", "-Xmx1g");
    }

    private ObjectNode scenario(EmbeddedFlussCluster cluster, FlussClient checker, WorkerProcess worker,
            String client, String workload) throws Exception {
        boolean upsert = workload.equals("upsert");
        String name = workload + "_" + client;
        TablePath path = TablePath.of(DATABASE, name);
        TableDescriptor descriptor = TableDescriptor.builder()
                .schema(Rows.schema(upsert ? "id" : null))
                .distributedBy(BUCKETS)
                .replicationFactor(3)
                .build();
        checker.admin().createTable(path, descriptor, false).block(TIMEOUT);
        awaitLeaders(cluster, name);

        Path ackedFile = outputDir.resolve("chaos-" + name + "-acked.bin");
        ObjectNode command = JSON.createObjectNode()
                .put("workload", workload)
                .put("table", DATABASE + "." + name)
                .put("rows", options.rows)
                .put("ackedFile", ackedFile.toString());
        Crash crash = new Crash(cluster, name, (long) (options.rows * options.killAfter));
        System.out.printf("%s %s: writing %,d rows...%n", client, workload, options.rows);
        JsonNode reported = worker.run(command, crash::onLine);
        if (!crash.killed) {
            throw new IllegalStateException(client + " " + workload + ": the write ended before the crash: " + reported);
        }
        System.out.printf("  killed tablet server %d (leader of bucket 0) after %,d rows were acknowledged;"
                + " it was back %.1f s later%n", crash.killedServer, crash.ackedAtKill, crash.restartSeconds);
        if (reported.path("reported_more_than_once").asLong() > 0) {
            System.out.printf("  %,d rows were reported more than once%n", reported.get("reported_more_than_once").asLong());
        }

        BitSet acked = AckLedger.readAcked(ackedFile);
        FlussTable table = checker.table(path).block(TIMEOUT);
        long missing;
        long duplicates;
        if (upsert) {
            long[] check = checkLookups(table, acked);
            missing = check[0];
            duplicates = check[1];
        } else {
            int[] stored = storedCounts(table);
            long storedTotal = IntStream.of(stored).asLongStream().sum();
            long endOffsets = checker.admin().listOffsets(path, IntStream.range(0, BUCKETS).boxed().toList(),
                    OffsetSpec.latest()).block(TIMEOUT).values().stream().mapToLong(Long::longValue).sum();
            if (endOffsets != storedTotal) {
                System.out.printf("  the table's end offsets add up to %,d, the scan read %,d%n", endOffsets, storedTotal);
            }
            missing = 0;
            duplicates = 0;
            for (int id = 0; id < options.rows; id++) {
                if (stored[id] == 0 && acked.get(id)) {
                    missing++;
                } else if (stored[id] > 1) {
                    duplicates++;
                }
            }
        }
        ObjectNode result = JSON.createObjectNode();
        result.put("acked", reported.get("acked").asLong());
        result.put("failed", reported.get("failed").asLong());
        result.put("acked_missing", missing);
        result.put("duplicates", duplicates);
        result.put("unreported", reported.get("unreported").asLong());
        result.put("max_ack_stall_s", Math.round(reported.get("max_ack_stall_s").asDouble() * 100) / 100.0);
        result.put("client_log_lines", reported.get("client_log_lines").asLong());
        System.out.println("  " + result);
        return result;
    }

    /** Waits until every bucket of a new table has a leader, so that the crash finds one to kill. */
    private static void awaitLeaders(EmbeddedFlussCluster cluster, String table) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (IntStream.range(0, BUCKETS).anyMatch(b -> cluster.bucketLeader(DATABASE, table, b).isEmpty())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The buckets of " + table + " got no leaders");
            }
            Thread.sleep(50);
        }
    }

    /** How many times each row is stored in a log table. */
    private int[] storedCounts(FlussTable table) {
        int[] counts = new int[options.rows];
        table.scan().project("id").untilLatest().batches()
                .doOnNext(batch -> {
                    try (RecordBatch b = batch) {
                        IntVector ids = (IntVector) b.root().getVector(0);
                        for (int i = 0, n = b.rowCount(); i < n; i++) {
                            int id = ids.get(i);
                            if (id >= 0 && id < counts.length) {
                                counts[id]++;
                            }
                        }
                    }
                })
                .then()
                .block(TIMEOUT);
        return counts;
    }

    /**
     * Looks up every key: returns the acknowledged keys not found with their value, and the keys found
     * with another value than written.
     */
    private long[] checkLookups(FlussTable table, BitSet acked) {
        long[] missingAndWrong = new long[2];
        table.lookuper()
                .lookupAll(Flux.range(0, options.rows).map(id -> (Row) GenericRow.of(id)))
                .doOnNext(result -> check(result, acked, missingAndWrong))
                .then()
                .block(TIMEOUT);
        return missingAndWrong;
    }

    private static void check(LookupResult result, BitSet acked, long[] missingAndWrong) {
        int id = result.key().getInt(0);
        boolean right = result.value()
                .map(row -> row.getInt(0) == id && Rows.name(id).equals(row.getString(1))
                        && row.getDouble(2) == Rows.score(id) && row.getLong(3) == Rows.ts(id))
                .orElse(false);
        if (result.found() && !right) {
            missingAndWrong[1]++;
        }
        if (!right && acked.get(id)) {
            missingAndWrong[0]++;
        }
    }

    /** Kills the leader of bucket 0 once enough rows are acknowledged, and starts it again at once. */
    private static final class Crash {
        private final EmbeddedFlussCluster cluster;
        private final String table;
        private final long threshold;
        boolean killed;
        int killedServer = -1;
        long ackedAtKill;
        double restartSeconds;

        Crash(EmbeddedFlussCluster cluster, String table, long threshold) {
            this.cluster = cluster;
            this.table = table;
            this.threshold = threshold;
        }

        void onLine(String line) {
            if (killed || !line.startsWith(ChaosWorker.PROGRESS_PREFIX)) {
                return;
            }
            long acked = Long.parseLong(line.substring(ChaosWorker.PROGRESS_PREFIX.length()).trim());
            if (acked < threshold) {
                return;
            }
            OptionalInt leader = cluster.bucketLeader(DATABASE, table, 0);
            if (leader.isEmpty()) {
                return;
            }
            killedServer = leader.getAsInt();
            ackedAtKill = acked;
            long start = System.nanoTime();
            cluster.killTabletServer(killedServer);
            killed = true;
            cluster.startTabletServer(killedServer);
            restartSeconds = (System.nanoTime() - start) / 1e9;
        }
    }

    private static void print(JsonNode results, int rows, PrintStream out) {
        out.printf("%nChaos run, %s: %,d rows per write, leader of bucket 0 killed (SIGKILL) and restarted%n",
                LocalDate.now(), rows);
        out.printf("%-9s %-7s %10s %8s %14s %11s %11s %16s %17s%n", "client", "write", "acked", "failed",
                "acked_missing", "duplicates", "unreported", "max_ack_stall_s", "client_log_lines");
        results.fields().forEachRemaining(client -> client.getValue().fields().forEachRemaining(write -> {
            JsonNode r = write.getValue();
            out.printf("%-9s %-7s %10d %8d %14d %11d %11d %16.2f %17d%n", client.getKey(), write.getKey(),
                    r.get("acked").asLong(), r.get("failed").asLong(), r.get("acked_missing").asLong(),
                    r.get("duplicates").asLong(), r.get("unreported").asLong(), r.get("max_ack_stall_s").asDouble(),
                    r.get("client_log_lines").asLong());
        }));
    }

    /** Command-line options. */
    private static final class Options {
        int rows = 1_000_000;
        List<String> clients = List.of("ours", "official");
        double killAfter = 0.25;
        Path results = Path.of("benchmarks", "target", "chaos-result.json");

        static Options parse(String[] args) throws IOException {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--rows" -> options.rows = Integer.parseInt(value(args, ++i));
                    case "--clients" -> {
                        List<String> clients = new ArrayList<>();
                        for (String client : value(args, ++i).split(",")) {
                            if (!client.trim().equals("ours") && !client.trim().equals("official")) {
                                throw new IllegalArgumentException("Not a client: " + client);
                            }
                            clients.add(client.trim());
                        }
                        options.clients = List.copyOf(clients);
                    }
                    case "--kill-after" -> options.killAfter = Double.parseDouble(value(args, ++i));
                    case "--results" -> options.results = Path.of(value(args, ++i));
                    default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                            + "; see the Javadoc of " + ChaosMain.class.getName());
                }
            }
            if (options.rows < 1 || options.killAfter <= 0 || options.killAfter >= 1) {
                throw new IllegalArgumentException("--rows must be at least 1 and --kill-after between 0 and 1");
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
