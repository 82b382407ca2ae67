package io.flussreactive;

import io.flussreactive.internal.meta.ServerAddress;
import io.flussreactive.internal.rpc.PlainCredentials;
import io.flussreactive.observation.FlussObservability;
import io.flussreactive.lookup.LookupOptions;
import io.flussreactive.scan.ScanOptions;
import io.flussreactive.storage.RemoteFileSystemProvider;
import io.flussreactive.write.WriterOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of a {@link FlussClient}. Immutable; build one with {@link #builder()}.
 *
 * <pre>{@code
 * FlussClientOptions options = FlussClientOptions.builder()
 *         .bootstrapServers("fluss-1:9123", "fluss-2:9123")
 *         .requestTimeout(Duration.ofSeconds(30))
 *         .saslPlain("alice", "alice-secret")     // only for a cluster whose listener requires SASL
 *         .build();
 * }</pre>
 */
public final class FlussClientOptions {

    /** Default time a TCP connect may take. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Default time a request may wait for its answer. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** Default limit of one response frame: 256 MiB. */
    public static final int DEFAULT_MAX_RESPONSE_FRAME_BYTES = 256 * 1024 * 1024;

    /** Default size of the write buffer shared by all writers of a client: 64 MiB. */
    public static final long DEFAULT_WRITE_BUFFER_BYTES = 64L * 1024 * 1024;

    /** Default number of connections to each server: 3. */
    public static final int DEFAULT_CONNECTIONS_PER_SERVER = 3;

    private final List<String> bootstrapServers;
    private final int connectionsPerServer;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxResponseFrameBytes;
    private final long writeBufferBytes;
    private final WriterOptions writerDefaults;
    private final ScanOptions scanDefaults;
    private final LookupOptions lookupDefaults;
    private final RetryPolicies retryPolicies;
    private final CircuitBreakerPolicy circuitBreakerPolicy;
    /** Null when the client does not authenticate. */
    private final PlainCredentials credentials;
    /** Null when the client records no meters and makes no observations. */
    private final FlussObservability observability;
    private final Map<String, RemoteFileSystemProvider> remoteFileSystems;

    private FlussClientOptions(Builder builder) {
        if (builder.bootstrapServers.isEmpty()) {
            throw new IllegalArgumentException("At least one bootstrap server (host:port) is required");
        }
        builder.bootstrapServers.forEach(ServerAddress::parse);
        this.bootstrapServers = List.copyOf(builder.bootstrapServers);
        if (builder.connectionsPerServer < 1) {
            throw new IllegalArgumentException("connectionsPerServer must be at least 1: " + builder.connectionsPerServer);
        }
        this.connectionsPerServer = builder.connectionsPerServer;
        this.connectTimeout = positive(builder.connectTimeout, "connectTimeout");
        this.requestTimeout = positive(builder.requestTimeout, "requestTimeout");
        if (builder.maxResponseFrameBytes <= 0) {
            throw new IllegalArgumentException("maxResponseFrameBytes must be positive: " + builder.maxResponseFrameBytes);
        }
        this.maxResponseFrameBytes = builder.maxResponseFrameBytes;
        if (builder.writeBufferBytes <= 0) {
            throw new IllegalArgumentException("writeBufferBytes must be positive: " + builder.writeBufferBytes);
        }
        this.writeBufferBytes = builder.writeBufferBytes;
        this.writerDefaults = Objects.requireNonNull(builder.writerDefaults, "writerDefaults");
        this.scanDefaults = Objects.requireNonNull(builder.scanDefaults, "scanDefaults");
        this.lookupDefaults = Objects.requireNonNull(builder.lookupDefaults, "lookupDefaults");
        this.retryPolicies = Objects.requireNonNull(builder.retryPolicies, "retryPolicies");
        this.circuitBreakerPolicy = Objects.requireNonNull(builder.circuitBreakerPolicy, "circuitBreakerPolicy");
        this.credentials = builder.saslUsername == null
                ? null
                : new PlainCredentials(builder.saslUsername, builder.saslPassword);
        this.observability = builder.observability;
        this.remoteFileSystems = Collections.unmodifiableMap(new LinkedHashMap<>(builder.remoteFileSystems));
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The {@code host:port} addresses the client bootstraps from, tried in order. */
    public List<String> bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * How many connections the client opens to each server, at most. A Fluss server answers the
     * requests of one connection one after another on one of its request threads, so a second
     * connection lets it work on a client's writes on two threads at once. Writes of one bucket
     * always travel on the same connection, in order; writes to different buckets are spread over all
     * of them. Lookups, scans and metadata requests use the first. Connections open on first use.
     */
    public int connectionsPerServer() {
        return connectionsPerServer;
    }

    /** How long a TCP connect may take before it fails. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long one request may wait for its answer before it fails with a timeout. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The largest response frame accepted; a larger one closes the connection. */
    public int maxResponseFrameBytes() {
        return maxResponseFrameBytes;
    }

    /**
     * The byte budget of rows taken by writers and not yet acknowledged, shared by every writer of
     * the client. When it is full, writers stop asking their producers for rows. A record counts
     * twice its encoded size (batch buffers grow by doubling) and 16 bytes once it is in its batch;
     * until then, and until its result for a record with correlation metadata (a sink keeps the row
     * itself), four times its encoded size plus 64 bytes, for its values on the heap. So the budget
     * bounds heap as well as batch memory.
     */
    public long writeBufferBytes() {
        return writeBufferBytes;
    }

    /** The settings of writers created without their own. */
    public WriterOptions writerDefaults() {
        return writerDefaults;
    }

    /** The settings of scans made without {@link io.flussreactive.scan.Scan#options(ScanOptions)}. */
    public ScanOptions scanDefaults() {
        return scanDefaults;
    }

    /**
     * The settings of lookupers made without their own, and of the lookups a table makes itself
     * ({@code table.lookup(key)}).
     */
    public LookupOptions lookupDefaults() {
        return lookupDefaults;
    }

    /** How the client retries what failed for a reason that may pass; see {@link RetryPolicies}. */
    public RetryPolicies retryPolicies() {
        return retryPolicies;
    }

    /** The circuit breaker of each server; see {@link CircuitBreakerPolicy}. */
    public CircuitBreakerPolicy circuitBreakerPolicy() {
        return circuitBreakerPolicy;
    }

    /**
     * The user the client authenticates as with SASL/PLAIN on every connection, or empty when it
     * does not authenticate. The password is not readable from the options.
     */
    public Optional<String> saslUsername() {
        return Optional.ofNullable(credentials).map(PlainCredentials::username);
    }

    /**
     * Where the client records its meters and observations; empty when it records none (the default),
     * in which case it needs no Micrometer on the class path.
     */
    public Optional<FlussObservability> observability() {
        return Optional.ofNullable(observability);
    }

    /** The SASL/PLAIN credentials, or null; for the client's connections only. */
    PlainCredentials credentials() {
        return credentials;
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    /**
     * The remote file systems registered per URI scheme, in addition to the built-in local file
     * system (which a registration for {@code file} replaces).
     */
    public Map<String, RemoteFileSystemProvider> remoteFileSystems() {
        return remoteFileSystems;
    }

    @Override
    public String toString() {
        return "FlussClientOptions{bootstrapServers=" + bootstrapServers + ", connectionsPerServer="
                + connectionsPerServer + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", maxResponseFrameBytes=" + maxResponseFrameBytes
                + ", writeBufferBytes=" + writeBufferBytes + ", writerDefaults=" + writerDefaults
                + ", scanDefaults=" + scanDefaults + ", lookupDefaults=" + lookupDefaults
                + ", retryPolicies=" + retryPolicies + ", circuitBreakerPolicy=" + circuitBreakerPolicy
                // The credentials print without their password.
                + ", authentication=" + (credentials == null ? "none" : credentials)
                + ", observability=" + (observability == null ? "none" : observability) + "}";
    }

    /** Builds {@link FlussClientOptions}. */
    public static final class Builder {
        private final List<String> bootstrapServers = new ArrayList<>();
        private int connectionsPerServer = DEFAULT_CONNECTIONS_PER_SERVER;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private int maxResponseFrameBytes = DEFAULT_MAX_RESPONSE_FRAME_BYTES;
        private long writeBufferBytes = DEFAULT_WRITE_BUFFER_BYTES;
        private WriterOptions writerDefaults = WriterOptions.defaults();
        private ScanOptions scanDefaults = ScanOptions.defaults();
        private LookupOptions lookupDefaults = LookupOptions.defaults();
        private RetryPolicies retryPolicies = RetryPolicies.defaults();
        private CircuitBreakerPolicy circuitBreakerPolicy = CircuitBreakerPolicy.defaults();
        private String saslUsername;
        private String saslPassword;
        private FlussObservability observability;
        private final Map<String, RemoteFileSystemProvider> remoteFileSystems = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets the addresses to bootstrap from, replacing earlier ones. Each is {@code host:port};
         * a single string may also hold a comma-separated list.
         */
        public Builder bootstrapServers(String... addresses) {
            return bootstrapServers(Arrays.asList(addresses));
        }

        /** Sets the addresses to bootstrap from, replacing earlier ones. */
        public Builder bootstrapServers(List<String> addresses) {
            bootstrapServers.clear();
            for (String address : addresses) {
                for (String part : Objects.requireNonNull(address, "address").split(",")) {
                    if (!part.isBlank()) {
                        bootstrapServers.add(part.trim());
                    }
                }
            }
            return this;
        }

        /**
         * Sets how many connections to open to each server (default 3).
         *
         * @see FlussClientOptions#connectionsPerServer()
         */
        public Builder connectionsPerServer(int connections) {
            this.connectionsPerServer = connections;
            return this;
        }

        /** Sets how long a TCP connect may take (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** Sets how long one request may wait for its answer (default 30 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** Sets the largest response frame accepted (default 256 MiB). */
        public Builder maxResponseFrameBytes(int bytes) {
            this.maxResponseFrameBytes = bytes;
            return this;
        }

        /** Sets the size of the write buffer shared by all writers (default 64 MiB). */
        public Builder writeBufferBytes(long bytes) {
            this.writeBufferBytes = bytes;
            return this;
        }

        /** Sets the settings of writers created without their own. */
        public Builder writerDefaults(WriterOptions options) {
            this.writerDefaults = options;
            return this;
        }

        /** Sets the settings of scans made without their own (default {@link ScanOptions#defaults()}). */
        public Builder scanDefaults(ScanOptions options) {
            this.scanDefaults = options;
            return this;
        }

        /**
         * Sets the settings of lookupers made without their own and of a table's own lookups (default
         * {@link LookupOptions#defaults()}).
         */
        public Builder lookupDefaults(LookupOptions options) {
            this.lookupDefaults = options;
            return this;
        }

        /** See {@link FlussClientOptions#retryPolicies()}. */
        public Builder retryPolicies(RetryPolicies policies) {
            this.retryPolicies = policies;
            return this;
        }

        /** See {@link FlussClientOptions#circuitBreakerPolicy()}. */
        public Builder circuitBreakerPolicy(CircuitBreakerPolicy policy) {
            this.circuitBreakerPolicy = policy;
            return this;
        }

        /**
         * Makes every connection authenticate with SASL/PLAIN as this user, right after it opens and
         * before any other request; by default the client does not authenticate. Needed for a cluster
         * whose listener has {@code security.protocol.map} set to {@code SASL}; a listener without
         * authentication (PLAINTEXT) refuses clients that try to, so leave this out for one.
         *
         * <p>Fluss 0.9.1 has no TLS: the password travels in clear text, as in the official client.
         * A server that refuses the credentials fails every request of the connection with a
         * non-retriable {@link io.flussreactive.error.AuthenticationException}.
         *
         * @param username the user, as known to the servers' JAAS configuration; not empty
         * @param password the user's password; not empty; never printed by {@link #toString()}
         * @return this builder
         */
        public Builder saslPlain(String username, String password) {
            this.saslUsername = Objects.requireNonNull(username, "username");
            this.saslPassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Makes the client record meters and observations in the application's Micrometer registries
         * ({@code fluss.client.*} meters, {@code fluss.client.write|fetch|lookup} observations); by
         * default it records none.
         *
         * @param observability the registries, from {@link FlussObservability#builder()}
         * @return this builder
         */
        public Builder observability(FlussObservability observability) {
            this.observability = Objects.requireNonNull(observability, "observability");
            return this;
        }

        /**
         * Registers how to read files of one URI scheme in the cluster's remote storage (tiered log
         * segments, KV snapshots), for example {@code s3}. Files of a scheme without a registration fail
         * the read with a {@link io.flussreactive.storage.RemoteStorageException} naming the scheme.
         *
         * @param scheme the URI scheme, compared without regard to case
         * @param provider makes the file system once, when the client first needs it
         * @return this builder
         */
        public Builder remoteFileSystem(String scheme, RemoteFileSystemProvider provider) {
            if (Objects.requireNonNull(scheme, "scheme").isBlank()) {
                throw new IllegalArgumentException("remoteFileSystem: the scheme is empty");
            }
            remoteFileSystems.put(scheme.toLowerCase(Locale.ROOT), Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * Builds the options.
         *
         * @throws IllegalArgumentException naming the setting that is missing or invalid
         */
        public FlussClientOptions build() {
            return new FlussClientOptions(this);
        }
    }
}
