package io.flussreactive.spring.boot.autoconfigure;

import io.flussreactive.write.Acks;
import io.flussreactive.write.BucketAssignment;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the auto-configured {@link io.flussreactive.FlussClient}, under {@code fluss}. Each one
 * maps to the {@link io.flussreactive.FlussClientOptions} setting of the same meaning, and every default
 * is the client's own.
 *
 * <p>Scans and lookups take their settings per call ({@code ScanOptions}, {@code LookupOptions}); the
 * client has no client-wide defaults for them, so there are no properties for them either.
 *
 * @param bootstrapServers Addresses (host:port) of servers of the cluster to bootstrap from,
 *     tried in order; the coordinator or any tablet server.
 * @param connectionsPerServer How many connections the client opens to each server at most. A server
 *     works through the requests of one connection one at a time, on one of its threads, so more
 *     connections let it work on the client's writes on more threads at once.
 * @param connectTimeout How long opening a TCP connection to a server may take before it fails.
 * @param requestTimeout How long one request may wait for its answer before it fails with a timeout.
 * @param maxResponseFrameSize The largest response frame accepted from a server; a larger one closes the
 *     connection.
 * @param writeBuffer The budget of rows taken by writers and not yet acknowledged, shared by every writer
 *     of the client. When it is full, writers ask their producers for nothing more.
 * @param closeTimeout How long closing the application context waits for the client to close: open
 *     writers send what they took and wait for its acknowledgement, then every connection closes. After
 *     this long the context goes on closing and the client finishes closing in the background.
 * @param writer Defaults of writers made without settings of their own.
 * @param retry How the client retries what failed for a reason that may pass, per kind of operation.
 * @param circuitBreaker The circuit breaker the client keeps for each server.
 * @param sasl SASL/PLAIN credentials, for a cluster whose listener authenticates clients.
 * @param health The health indicator of the cluster.
 */
@ConfigurationProperties("fluss")
public record FlussProperties(
        @DefaultValue("localhost:9123") List<String> bootstrapServers,
        @DefaultValue("3") int connectionsPerServer,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("256MB") DataSize maxResponseFrameSize,
        @DefaultValue("64MB") DataSize writeBuffer,
        @DefaultValue("30s") Duration closeTimeout,
        @DefaultValue Writer writer,
        @DefaultValue Retry retry,
        @DefaultValue CircuitBreaker circuitBreaker,
        @DefaultValue Sasl sasl,
        @DefaultValue Health health) {

    /**
     * Defaults of the client's writers ({@link io.flussreactive.write.WriterOptions}).
     *
     * @param batchSize A batch is sent once its rows take this many bytes encoded (uncompressed), or once
     *     they hold half of the batch's share of the write buffer, whichever comes first.
     * @param linger How long after its first row a batch that is not full is sent.
     * @param acks How many replicas must store a write before it is acknowledged: all (every in-sync
     *     replica), leader or none.
     * @param idempotence Whether the server stores a batch sent again (after a lost answer) only once.
     * @param maxInFlightBatchesPerBucket How many batches of one bucket may wait for their acknowledgement
     *     at once; at most 5 with idempotence.
     * @param deliveryTimeout How long a row may take from being taken to being acknowledged before it
     *     fails; batches that fail for a reason that may pass are sent again within this time.
     * @param bucketAssignment How rows of a log table without a bucket key are spread over its buckets:
     *     sticky (fill a batch for one bucket, then move to another) or round-robin.
     * @param createMissingPartitions Whether a row for a partition that does not exist creates it.
     * @param maxPendingResults How many rows of one write call may be taken beyond what its results
     *     subscriber asked for, so that reading results slowly slows the producer down.
     * @param maxRequestSize The largest produce request sent to one server; at least the batch size.
     */
    public record Writer(
            @DefaultValue("2MB") DataSize batchSize,
            @DefaultValue("100ms") Duration linger,
            @DefaultValue("all") Acks acks,
            @DefaultValue("true") boolean idempotence,
            @DefaultValue("5") int maxInFlightBatchesPerBucket,
            @DefaultValue("2m") Duration deliveryTimeout,
            @DefaultValue("sticky") BucketAssignment bucketAssignment,
            @DefaultValue("true") boolean createMissingPartitions,
            @DefaultValue("8192") int maxPendingResults,
            @DefaultValue("10MB") DataSize maxRequestSize) {
    }

    /**
     * Retries per kind of operation. Only failures the server or the client marks as retriable are
     * retried; the backoff doubles from the first backoff up to the longest, each randomised by ±50 %.
     * Settings left out keep the client's defaults.
     *
     * @param metadata Finding servers, tables, partitions and bucket leaders (default: 10 attempts,
     *     50 ms to 1 s).
     * @param adminRead Admin requests that only read, such as offsets (default: 4 attempts, 100 ms to
     *     1 s); requests that change the cluster are sent once.
     * @param write Sending batches of written rows (default: until the writer's delivery timeout,
     *     100 ms to 1 s).
     * @param fetch Fetching a bucket's log, counted per bucket and afresh after each success (default:
     *     while the scan runs, 100 ms to 2 s).
     * @param lookup Point and prefix lookups (default: 6 attempts, 50 ms to 1 s).
     */
    public record Retry(
            @DefaultValue Operation metadata,
            @DefaultValue Operation adminRead,
            @DefaultValue Operation write,
            @DefaultValue Operation fetch,
            @DefaultValue Operation lookup) {
    }

    /**
     * How one kind of operation is retried; what is left out keeps the client's default for it.
     *
     * @param maxAttempts How many times an operation is tried at most, the first attempt included.
     * @param firstBackoff How long to wait before the first retry.
     * @param maxBackoff The longest wait between two attempts.
     */
    public record Operation(
            @Nullable Integer maxAttempts,
            @Nullable Duration firstBackoff,
            @Nullable Duration maxBackoff) {
    }

    /**
     * The circuit breaker of each server: when the server's last requests all failed to connect or timed
     * out, requests routed to it fail at once (and are retried elsewhere) until a probe gets an answer.
     *
     * @param enabled Whether servers have circuit breakers.
     * @param failuresToOpen How many requests in a row must fail for the server's sake before its breaker
     *     opens.
     * @param waitInOpenState How long a breaker stays open before it lets a probe request through.
     */
    public record CircuitBreaker(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5") int failuresToOpen,
            @DefaultValue("2s") Duration waitInOpenState) {
    }

    /**
     * SASL/PLAIN credentials. Fluss 0.9.1 has no TLS: the password crosses the network in clear text.
     *
     * @param username The user every connection authenticates as; leave it out for a cluster that does
     *     not authenticate clients (a PLAINTEXT listener refuses clients that try).
     * @param password The user's password; required with a user name.
     */
    public record Sasl(@Nullable String username, @Nullable String password) {

        /**
         * Checks that a user name comes with a password.
         *
         * @param username the user, or null
         * @param password the password, or null
         * @throws IllegalArgumentException when only one of them is set
         */
        public Sasl {
            if (StringUtils.hasText(username) != StringUtils.hasText(password)) {
                throw new IllegalArgumentException(
                        "fluss.sasl.username and fluss.sasl.password must be set together, or neither");
            }
        }

        /** The user name only: the properties may be logged, the password must not be. */
        @Override
        public String toString() {
            return "Sasl[username=" + username + ", password=" + (password == null ? null : "******") + "]";
        }
    }

    /**
     * The health indicator, which asks the coordinator for the cluster's servers.
     *
     * @param timeout How long a health check waits for the coordinator's answer before it reports the
     *     cluster down.
     */
    public record Health(@DefaultValue("5s") Duration timeout) {
    }
}
