package io.flussreactive.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a Java program in a JVM of its own, on this JVM's classpath, with its stderr in a log file. */
final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * Starts a JVM.
     *
     * @param jvmOptions options before the main class (heap, flags)
     * @param mainClass the class whose main runs
     * @param arguments the program's arguments
     * @param log where the JVM's stderr goes (appended)
     * @return the running process; its stdout is for the caller to read
     * @throws IOException if the JVM cannot be started
     */
    static Process start(List<String> jvmOptions, Class<?> mainClass, List<String> arguments, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(arguments);
        File logFile = log.toFile();
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile))
                .start();
    }
}
