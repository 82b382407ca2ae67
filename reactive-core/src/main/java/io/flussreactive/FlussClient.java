package io.flussreactive;

import io.flussreactive.admin.FlussAdmin;
import io.flussreactive.internal.ClientContext;
import io.flussreactive.internal.DefaultFlussTable;
import io.flussreactive.internal.admin.AdminClient;
import io.flussreactive.internal.lookup.SharedTableLookups;
import io.flussreactive.internal.memory.SystemMemory;
import io.flussreactive.internal.meta.MetadataManager;
import io.flussreactive.internal.meta.ServerAddress;
import io.flussreactive.internal.record.ArrowCodecs;
import io.flussreactive.internal.retry.Retries;
import io.flussreactive.internal.rpc.RpcClient;
import io.flussreactive.internal.rpc.TransportOptions;
import io.flussreactive.internal.telemetry.ClientTelemetry;
import io.flussreactive.internal.telemetry.micrometer.MicrometerTelemetry;
import io.flussreactive.internal.util.SingleRun;
import io.flussreactive.internal.write.OpenWriters;
import io.flussreactive.internal.write.WriteBuffer;
import io.flussreactive.table.FlussTable;
import io.flussreactive.table.TablePath;
import io.flussreactive.write.WriteBufferUsage;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.rounding.SegmentRoundingPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import io.flussreactive.internal.storage.RemoteFileSystems;
import io.flussreactive.internal.storage.ClusterFileSystemTokens;
import io.flussreactive.internal.rpc.ApiMethods;
import io.flussreactive.internal.proto.GetFileSystemSecurityTokenRequest;
import java.time.Clock;

/**
 * The entry point: a connection to one Fluss cluster, shared by everything built from it.
 *
 * <p>Creating a client connects nowhere; the first call bootstraps from the configured addresses
 * and fails, naming every address tried, when none answers. The client holds one connection per
 * server and multiplexes all requests over it. It is thread-safe; create one per cluster and
 * {@link #close()} it when done (subscribe to what it returns).
 *
 * <pre>{@code
 * FlussClient client = FlussClient.create(FlussClientOptions.builder()
 *         .bootstrapServers("127.0.0.1:9123")
 *         .build());
 * client.admin().listDatabases().subscribe(System.out::println);
 * }</pre>
 */
public final class FlussClient {

    private static final Logger log = LoggerFactory.getLogger(FlussClient.class);

    private final FlussClientOptions options;
    private final RpcClient rpc;
    private final MetadataManager metadata;
    private final FlussAdmin admin;
    private final WriteBuffer writeBuffer;
    private final BufferAllocator arrowAllocator;
    private final ClientContext context;
    private final ClientTelemetry telemetry;
    private final RemoteFileSystems remoteFileSystems;
    private final OpenWriters openWriters = new OpenWriters();
    private final SingleRun closing = new SingleRun();

    private FlussClient(FlussClientOptions options, UnaryOperator<String> connectAddress) {
        this.options = options;
        Retries retries = new Retries(options.retryPolicies());
        this.writeBuffer = new WriteBuffer(options.writeBufferBytes());
        // Micrometer's classes are loaded only when the application gave registries.
        this.telemetry = options.observability().isPresent()
                ? MicrometerTelemetry.create(options.observability().get(), writeBuffer)
                : ClientTelemetry.NONE;
        this.rpc = new RpcClient(new TransportOptions(
                options.connectTimeout(), options.requestTimeout(), options.maxResponseFrameBytes(),
                options.connectionsPerServer(), options.credentials(), TransportOptions.authenticationRetry(retries)),
                connectAddress, options.circuitBreakerPolicy(), telemetry);
        telemetry.bindResilience(retries.ownRegistry(), rpc.ownBreakerRegistry());
        List<ServerAddress> bootstrap = options.bootstrapServers().stream().map(ServerAddress::parse).toList();
        this.metadata = new MetadataManager(rpc, bootstrap, retries);
        this.admin = new AdminClient(metadata, retries);
        this.remoteFileSystems = new RemoteFileSystems(options.remoteFileSystems(), new ClusterFileSystemTokens(
                () -> metadata.coordinator().flatMap(coordinator -> coordinator.send(
                        ApiMethods.GET_FILESYSTEM_SECURITY_TOKEN, GetFileSystemSecurityTokenRequest.getDefaultInstance())),
                Clock.systemUTC()));
        // Starts loading the ZSTD codec's native library on a thread that may block, so that it is
        // usually there when the first table is opened; a failure only concerns ZSTD tables, and
        // table() reports it.
        ArrowCodecs.zstdLoaded().subscribe(null, notAvailable -> { });
        // Arrow memory comes straight from the operating system and goes back when released, rather
        // than from a pool of its own, which would keep its chunks (tens of MiB) after every batch is gone.
        this.arrowAllocator = new RootAllocator(RootAllocator.configBuilder()
                .allocationManagerFactory(SystemMemory.FACTORY)
                // Buffers take what they ask for, to the next KiB, instead of the next power of two (a
                // decoded column of 1.1 MiB would take 2 MiB): no pool reuses the rounding up.
                .roundingPolicy(new SegmentRoundingPolicy(SegmentRoundingPolicy.MIN_SEGMENT_SIZE))
                .build());
        // Pooled rather than Netty's default (adaptive) allocator, which may park a contending thread.
        this.context = new ClientContext(
                options, metadata, admin, writeBuffer, arrowAllocator, PooledByteBufAllocator.DEFAULT,
                new SharedTableLookups(), openWriters, retries, telemetry, remoteFileSystems);
    }

    /**
     * Creates a client. Nothing is connected until the first call.
     *
     * <p>Does not block, so it may be called on any thread, a Reactor non-blocking one included: it
     * opens no connection, and the one piece of file I/O a client needs, loading the native library of
     * the ZSTD codec, runs on a Reactor bounded-elastic thread that this call starts;
     * {@link #table(TablePath)} waits for it, without blocking, before it gives access to a ZSTD table.
     * The first client of a JVM still takes some hundred milliseconds of the caller's thread to load
     * and initialise the classes of the client and its libraries.
     *
     * @param options bootstrap servers and settings
     * @return the client
     */
    public static FlussClient create(FlussClientOptions options) {
        return new FlussClient(Objects.requireNonNull(options, "options"), UnaryOperator.identity());
    }

    /** A client that connects through other addresses than the servers', for tests with a proxy. */
    static FlussClient createConnectingVia(FlussClientOptions options, UnaryOperator<String> connectAddress) {
        return new FlussClient(options, connectAddress);
    }

    /** The client's connections, for tests. */
    RpcClient rpc() {
        return rpc;
    }

    /** The client's metadata cache, for tests. */
    MetadataManager metadata() {
        return metadata;
    }

    /** Where the client records its meters and observations, for tests. */
    ClientTelemetry telemetry() {
        return telemetry;
    }

    /** The client's writers not closed yet, for tests. */
    OpenWriters openWriters() {
        return openWriters;
    }

    /**
     * Creates a client with default settings. Does not block, as {@link #create(FlussClientOptions)}.
     *
     * @param bootstrapServers {@code host:port} addresses, or one comma-separated string of them
     * @return the client
     */
    public static FlussClient create(String... bootstrapServers) {
        return create(FlussClientOptions.builder().bootstrapServers(bootstrapServers).build());
    }

    /** The settings this client was created with. */
    public FlussClientOptions options() {
        return options;
    }

    /** Databases, tables, partitions, offsets and servers. */
    public FlussAdmin admin() {
        return admin;
    }

    /**
     * Opens a table: fetches its description, then gives access to writers and scans of it.
     *
     * @param path the table
     * @return the table; fails with {@link io.flussreactive.error.TableNotExistException} when it does
     *     not exist, and with an {@link IllegalStateException} when its log is compressed with ZSTD and
     *     the native library of that codec cannot be loaded on this platform
     */
    public Mono<FlussTable> table(TablePath path) {
        Objects.requireNonNull(path, "path");
        return metadata.fetchTableInfo(path)
                .delayUntil(ArrowCodecs::readyFor)
                .map(info -> new DefaultFlussTable(context, info));
    }

    /** The write buffer shared by this client's writers: its capacity, what is taken now, its peak. */
    public WriteBufferUsage writeBuffer() {
        return writeBuffer;
    }

    /** Arrow memory held by the client's writers and scans right now, in bytes. */
    public long arrowMemoryInUse() {
        return arrowAllocator.getAllocatedMemory();
    }

    /**
     * Closes the client: first the writers still open, each sending what it has taken and waiting for
     * the acknowledgements (at most its delivery timeout), then every connection. Requests still
     * waiting then fail with a {@link io.flussreactive.error.NetworkException}, and so do later calls;
     * no new writer can be made. Closing starts with the first subscription and runs to its end even if
     * nobody waits for it any more. Safe to call more than once: every call waits for the same closing.
     *
     * @return completes when every writer and connection is closed
     */
    public Mono<Void> close() {
        // The allocator closes, and the client's meters leave the registry, before the closing completes,
        // whichever way it ends.
        return closing.run(() -> openWriters.closeAll().then(rpc.close()).doOnTerminate(() -> {
            closeArrowAllocator();
            remoteFileSystems.close();
            telemetry.close();
        }));
    }

    private void closeArrowAllocator() {
        try {
            arrowAllocator.close();
        } catch (RuntimeException e) {
            // Scanned batches not closed by the application still hold memory.
            log.warn("Arrow memory still in use when the client closed: {}", e.getMessage());
        }
    }
}
