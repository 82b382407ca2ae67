package io.flussreactive.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The client JVM of the chaos program: one per client. It reads one command per line on stdin (a JSON
 * object: {@code workload} append or upsert, {@code table}, {@code rows}, {@code ackedFile}), writes the
 * rows, and meanwhile prints {@value #PROGRESS_PREFIX} and the rows acknowledged so far every 20 ms, so
 * that the chaos program can crash a server in the middle. It answers with one line,
 * {@value Worker#RESULT_PREFIX} and a JSON object: what the client reported, the longest time without
 * an acknowledgement, and the lines the client logged at INFO or above meanwhile. The acknowledged rows
 * go to {@code ackedFile}. Anything else goes to stderr.
 */
public final class ChaosWorker {

    /** The prefix of a progress line. */
    public static final String PROGRESS_PREFIX = "PROGRESS ";

    private static final long PROGRESS_INTERVAL_MILLIS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChaosWorker() {
    }

    /**
     * Runs a worker.
     *
     * @param args {@code ours|official bootstrap-servers}
     * @throws Exception if the worker cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("Usage: ChaosWorker ours|official host:port");
            System.exit(2);
        }
        PrintStream out = System.out;
        System.setOut(System.err);
        // Before the client exists, so that its logger sees INFO from the start.
        LogLineCounter logLines = LogLineCounter.install();
        try (ChaosDriver driver = args[0].equals("ours")
                ? new OursChaosDriver(args[1]) : new OfficialChaosDriver(args[1])) {
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            out.println(Worker.RESULT_PREFIX + "{\"ready\":true}");
            out.flush();
            String line;
            while ((line = commands.readLine()) != null && !line.isBlank()) {
                ObjectNode result = run(driver, JSON.readTree(line), logLines, out);
                out.println(Worker.RESULT_PREFIX + JSON.writeValueAsString(result));
                out.flush();
            }
        }
        System.exit(0);
    }

    private static ObjectNode run(ChaosDriver driver, JsonNode command, LogLineCounter logLines, PrintStream out) {
        ObjectNode result = JSON.createObjectNode();
        try {
            String table = command.get("table").asText();
            int rows = command.get("rows").asInt();
            AckLedger ledger = new AckLedger(rows);
            Thread progress = new Thread(() -> reportProgress(ledger, out), "chaos-progress");
            progress.setDaemon(true);
            logLines.begin();
            progress.start();
            try {
                if (command.get("workload").asText().equals("upsert")) {
                    driver.upsert(table, rows, ledger);
                } else {
                    driver.append(table, rows, ledger);
                }
            } finally {
                progress.interrupt();
                progress.join();
            }
            result.put("client_log_lines", logLines.end());
            result.put("acked", ledger.acked());
            result.put("failed", ledger.failed());
            result.put("unreported", ledger.unreported());
            result.put("reported_more_than_once", ledger.reportedMoreThanOnce());
            result.put("max_ack_stall_s", ledger.longestStallSeconds());
            ledger.writeAcked(Path.of(command.get("ackedFile").asText()));
        } catch (Throwable e) {
            e.printStackTrace();
            result.put("error", e.toString());
        }
        return result;
    }

    private static void reportProgress(AckLedger ledger, PrintStream out) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                synchronized (out) {
                    out.println(PROGRESS_PREFIX + ledger.acked());
                    out.flush();
                }
                Thread.sleep(PROGRESS_INTERVAL_MILLIS);
            }
        } catch (InterruptedException e) {
            // the write is done
        }
    }
}
