package io.flussreactive.test.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts a Java program in a JVM of its own, on this JVM's class path, with its stderr appended to a
 * log file; its stdin and stdout are pipes for the caller. Used by the embedded cluster for tablet
 * servers in their own processes, and by this project's benchmarks for clients and clusters.
 *
 * <p>A child still running when this JVM exits is killed then (one shutdown hook for all of them), so
 * that no JVM outlives the test run or program that started it. A parent killed with SIGKILL runs no
 * hook; children that must die with it as well read their stdin and exit when it ends.
 */
public final class ChildJvm {

    /** Children started and not yet exited, for the shutdown hook. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "child-jvm-reaper"));
    }

    private ChildJvm() {}

    /**
     * Starts a JVM with this JVM's {@code java.io.tmpdir}.
     *
     * @param jvmOptions options before the main class (heap, flags)
     * @param mainClass the class whose main runs
     * @param arguments the program's arguments
     * @param log where the JVM's stderr goes (appended; created if missing)
     * @return the running process; its stdout is for the caller to read
     * @throws IOException if the JVM cannot be started
     */
    public static Process start(List<String> jvmOptions, Class<?> mainClass, List<String> arguments, Path log)
            throws IOException {
        return start(jvmOptions, mainClass.getName(), arguments, Path.of(System.getProperty("java.io.tmpdir")), log);
    }

    /**
     * Starts a JVM.
     *
     * @param jvmOptions options before the main class (heap, flags)
     * @param mainClass the name of the class whose main runs
     * @param arguments the program's arguments
     * @param tmpDirectory the child's {@code java.io.tmpdir} (RocksDB and Netty unpack native libraries there)
     * @param log where the JVM's stderr goes (appended; created if missing)
     * @return the running process; its stdout is for the caller to read
     * @throws IOException if the JVM cannot be started
     */
    public static Process start(List<String> jvmOptions, String mainClass, List<String> arguments, Path tmpDirectory,
            Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        command.add("-Djava.io.tmpdir=" + tmpDirectory);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        RUNNING.add(process);
        process.onExit().thenRun(() -> RUNNING.remove(process));
        return process;
    }
}
