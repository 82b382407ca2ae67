package io.flussreactive.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flussreactive.test.internal.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A client JVM ({@link Worker}, or {@link ChaosWorker}) running one client, and the line protocol to
 * drive it.
 */
final class WorkerProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String client;
    private final Process process;
    private final BufferedReader results;
    private final Writer commands;

    private WorkerProcess(String client, Process process) {
        this.client = client;
        this.process = process;
        this.results = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /**
     * Starts a worker and waits until its client is connected.
     *
     * @param client {@code ours} or {@code official}
     * @param bootstrap the cluster's bootstrap servers
     * @param jvmOptions heap size and other JVM options
     * @param log where the worker's stderr goes
     * @return the ready worker
     * @throws IOException if it cannot be started or dies
     */
    static WorkerProcess start(String client, String bootstrap, List<String> jvmOptions, Path log)
            throws IOException {
        return start(Worker.class, client, bootstrap, jvmOptions, log);
    }

    /**
     * Starts a worker with its own main class, which speaks the same protocol, and waits until its client
     * is connected.
     *
     * @param mainClass the worker's main class, taking {@code client bootstrap} as arguments
     * @param client {@code ours} or {@code official}
     * @param bootstrap the cluster's bootstrap servers
     * @param jvmOptions heap size and other JVM options
     * @param log where the worker's stderr goes
     * @return the ready worker
     * @throws IOException if it cannot be started or dies
     */
    static WorkerProcess start(Class<?> mainClass, String client, String bootstrap, List<String> jvmOptions,
            Path log) throws IOException {
        Process process = ChildJvm.start(jvmOptions, mainClass, List.of(client, bootstrap), log);
        WorkerProcess worker = new WorkerProcess(client, process);
        worker.readResult(line -> { });
        return worker;
    }

    /**
     * Runs one command and returns its result.
     *
     * @param command the command (see {@link Worker})
     * @return the result object
     * @throws IOException if the worker died or the command failed
     */
    JsonNode run(ObjectNode command) throws IOException {
        return run(command, line -> { });
    }

    /**
     * Runs one command and returns its result, handing every other line the worker prints on stdout
     * meanwhile (its progress) to {@code onLine}, on this thread.
     *
     * @param command the command
     * @param onLine called with each line before the result
     * @return the result object
     * @throws IOException if the worker died or the command failed
     */
    JsonNode run(ObjectNode command, Consumer<String> onLine) throws IOException {
        commands.write(JSON.writeValueAsString(command));
        commands.write('\n');
        commands.flush();
        JsonNode result = readResult(onLine);
        if (result.has("error")) {
            throw new IOException(client + " failed " + command + ": " + result.get("error").asText());
        }
        return result;
    }

    private JsonNode readResult(Consumer<String> onLine) throws IOException {
        String line;
        while ((line = results.readLine()) != null) {
            if (line.startsWith(Worker.RESULT_PREFIX)) {
                return JSON.readTree(line.substring(Worker.RESULT_PREFIX.length()));
            }
            onLine.accept(line);
        }
        throw new IOException("The " + client + " worker exited (code " + waitForExit() + "); see its log");
    }

    private int waitForExit() {
        try {
            return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Tells the worker to stop and waits for it, killing it if it does not. */
    @Override
    public void close() {
        try {
            commands.close();
        } catch (IOException ignored) {
            // already gone
        }
        if (waitForExit() == -1) {
            process.destroyForcibly();
        }
    }
}
