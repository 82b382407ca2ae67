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
 * <p>Scans and lookups made without settings of their own ({@code ScanOptions}, {@code LookupOptions})
 * take those of {@code fluss.scan} and {@code fluss.lookup}.
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
 * @param scan Defaults of scans made without settings of their own.
 * @param lookup Defaults of lookupers made without settings of their own, and of a table's own lookups.
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
        @DefaultValue Scan scan,
        @DefaultValue Lookup lookup,
        @DefaultValue Retry retry,
        @DefaultValue CircuitBreaker circuitBreaker,
        @DefaultValue Sasl sasl,
        @DefaultValue Health health) {

    /**
     * Defaults of the client's writers ({@link io.flussreactive.write.WriterOptions}).
     *
     * @param batchSize A batch is sent once its rows take this many bytes encoded (uncompressed), or once
     *     they hold half of the batch's share of the write buffer, whichever comes first.
     * @param linger How long after its first row a batch that is not full is sent at the latest.
     * @param lingerOnlyWhenBusy Whether a batch leaves at once while its bucket has nothing in flight, and
     *     with the bucket's answer otherwise (a lone row costs one round trip); false makes every batch
     *     that is not full wait for the linger (fewer, larger requests at middling rates).
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
            @DefaultValue("true") boolean lingerOnlyWhenBusy,
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
     * Defaults of the client's scans ({@link io.flussreactive.scan.ScanOptions}).
     *
     * @param prefetchBytes How much memory decoded batches may take while they wait for the subscriber's
     *     demand, counting the answers being decoded and the fetches in flight at the size they may take
     *     decoded. A scan fetches nothing more while this is used up.
     * @param fetchMaxBytes The most one fetch may return; the server always returns at least one batch.
     * @param fetchMaxBytesPerBucket The most one fetch may return for one bucket.
     * @param fetchMinBytes How much a fetch waits for on the server, up to fetch-max-wait, before it is
     *     answered.
     * @param fetchMaxWait How long the server may hold a fetch while the log has nothing new (the long
     *     poll of a tailing scan); also about how late a tailing scan may see a row, since the server
     *     answers a held fetch only when this time is up.
     * @param partitionDiscoveryInterval How often a tailing scan of every partition of a partitioned table
     *     looks for partitions created since it started (read from their earliest offset); 0 turns the
     *     looking off.
     */
    public record Scan(
            @DefaultValue("16MB") DataSize prefetchBytes,
            @DefaultValue("16MB") DataSize fetchMaxBytes,
            @DefaultValue("1MB") DataSize fetchMaxBytesPerBucket,
            @DefaultValue("1B") DataSize fetchMinBytes,
            @DefaultValue("50ms") Duration fetchMaxWait,
            @DefaultValue("10s") Duration partitionDiscoveryInterval) {
    }

    /**
     * Defaults of the client's lookups ({@link io.flussreactive.lookup.LookupOptions}). A lookup never
     * waits for a timer: it leaves at once when no request is in flight to its leader, and lookups
     * arriving meanwhile leave together when an answer comes back.
     *
     * @param maxInFlightRequestsPerLeader How many lookup requests may wait for their answer from one
     *     leader at once.
     * @param maxKeysPerRequest The most keys one lookup request carries.
     * @param maxWaitingKeys How many keys may wait to be sent, over all leaders; more lookups fail at once
     *     (LookupQueueFullException) instead of growing memory.
     * @param lookupAllConcurrency How many lookups of one lookupAll stream are in flight at once.
     */
    public record Lookup(
            @DefaultValue("2") int maxInFlightRequestsPerLeader,
            @DefaultValue("1024") int maxKeysPerRequest,
            @DefaultValue("100000") int maxWaitingKeys,
            @DefaultValue("256") int lookupAllConcurrency) {
    }

    /**
     * Retries per kind of operation. Only failures the server or the client marks as retriable are
     * retried; the backoff doubles from the first backoff up to the longest, each randomised by ±50 %.
     * Settings left out keep the client's defaults.
     *
     * @param metadata Finding servers, tables, partitions and bucket leaders (default: 10 attempts,
     *     50 ms to 1 s).
     * @param adminRead Admin requests that only read, such as offsets (default: 6 attempts, 100 ms to
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
