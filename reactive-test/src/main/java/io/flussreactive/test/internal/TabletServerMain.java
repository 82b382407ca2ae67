package io.flussreactive.test.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.fluss.config.Configuration;
import org.apache.fluss.server.metadata.ServerMetadataCache;
import org.apache.fluss.server.tablet.TabletServer;

/**
 * The main class of a tablet server in a JVM of its own ({@link TabletServerProcess} starts it). It
 * talks to the cluster's JVM in lines: on stdout {@value #READY} and the bound ports once the server is
 * registered, or {@value #FAILED} and the cause; on stdin {@value #STATUS_REQUEST}, answered on stdout
 * with {@value #STATUS}, whether it knows the coordinator and the live tablet servers its metadata
 * lists. Everything else it prints goes to stderr, the server's log file.
 *
 * <p>SIGTERM stops the server in an orderly way (Fluss's own shutdown hook); SIGKILL is a crash. When
 * stdin ends, the cluster's JVM is gone, and this JVM halts at once, so that it never outlives it.
 */
public final class TabletServerMain {

    /** The line announcing a started server: {@code READY <port> <saslPort>}. */
    static final String READY = "READY";
    /** The line announcing a server that could not start: {@code FAILED <cause>}. */
    static final String FAILED = "FAILED";
    /** The request for the server's view of the cluster. */
    static final String STATUS_REQUEST = "status";
    /** The answer: {@code STATUS <knows coordinator> <live ids, comma-separated, or ->}. */
    static final String STATUS = "STATUS";

    /** The Logback configuration this JVM uses unless one was chosen or the class path holds one. */
    private static final String DEFAULT_LOGBACK_CONFIGURATION = "io/flussreactive/test/embedded-cluster-logback.xml";

    private TabletServerMain() {}

    /**
     * Runs one tablet server until this JVM is stopped or stdin ends.
     *
     * @param args the path of a properties file with the server's whole configuration, and
     *     {@code true} when it names fixed ports (a restart) or {@code false} when any free port will do
     */
    public static void main(String[] args) {
        // stdout is the cluster's line protocol; whatever else is printed belongs in the log.
        PrintStream protocol = System.out;
        System.setOut(System.err);
        chooseLoggingConfiguration();
        TabletServer server;
        try {
            Configuration configuration = Configuration.fromMap(load(Path.of(args[0])));
            server = TabletServerLaunch.start(configuration, Boolean.parseBoolean(args[1]));
        } catch (Throwable e) {
            e.printStackTrace();
            protocol.println(FAILED + " " + String.valueOf(e).replace('\n', ' '));
            protocol.flush();
            Runtime.getRuntime().halt(1);
            return;
        }
        int port = ServerAddresses.boundPort(server.getRpcServer());
        int saslPort = server.getRpcServer().getBindEndpoints().stream()
                .filter(endpoint -> ServerAddresses.SASL_LISTENER_NAME.equals(endpoint.getListenerName()))
                .mapToInt(endpoint -> endpoint.getPort())
                .findFirst()
                .orElse(0);
        protocol.println(READY + " " + port + " " + saslPort);
        protocol.flush();
        answerUntilStdinEnds(server, protocol);
        Runtime.getRuntime().halt(0);
    }

    private static void answerUntilStdinEnds(TabletServer server, PrintStream protocol) {
        try (BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = requests.readLine()) != null) {
                if (line.equals(STATUS_REQUEST)) {
                    protocol.println(status(server.getMetadataCache()));
                    protocol.flush();
                }
            }
        } catch (Exception e) {
            // The pipe broke: the cluster's JVM is gone as well.
        }
    }

    private static String status(ServerMetadataCache cache) {
        Set<Integer> live = MetadataAgreement.liveIds(cache);
        return STATUS + " " + MetadataAgreement.knowsCoordinator(cache) + " "
                + (live.isEmpty() ? "-" : live.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }

    /**
     * Parses a {@link #STATUS} line into the live ids, or empty when the server does not know the
     * coordinator yet.
     */
    static Optional<Set<Integer>> parseStatus(String line) {
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[0].equals(STATUS)) {
            throw new IllegalArgumentException("Not a status line: " + line);
        }
        if (!Boolean.parseBoolean(parts[1])) {
            return Optional.empty();
        }
        if (parts[2].equals("-")) {
            return Optional.of(Set.of());
        }
        return Optional.of(Arrays.stream(parts[2].split(","))
                .map(Integer::valueOf)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    /**
     * Without a configuration, Logback would log everything at DEBUG; a server's log keeps what went
     * wrong, as the cluster's own main does.
     */
    private static void chooseLoggingConfiguration() {
        ClassLoader loader = TabletServerMain.class.getClassLoader();
        if (System.getProperty("logback.configurationFile") == null
                && loader.getResource("logback-test.xml") == null
                && loader.getResource("logback.xml") == null) {
            System.setProperty("logback.configurationFile", DEFAULT_LOGBACK_CONFIGURATION);
        }
    }

    private static Map<String, String> load(Path file) throws Exception {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key)));
        return map;
    }

    /** Writes a server's configuration where {@link #main} reads it. */
    static void store(Configuration configuration, Path file) throws Exception {
        Properties properties = new Properties();
        properties.putAll(configuration.toMap());
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "tablet server configuration written by the embedded Fluss cluster");
        }
    }
}
