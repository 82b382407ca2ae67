package io.flussreactive;

import io.flussreactive.admin.FlussAdmin;
import io.flussreactive.internal.admin.AdminClient;
import io.flussreactive.internal.meta.MetadataManager;
import io.flussreactive.internal.meta.ServerAddress;
import io.flussreactive.internal.rpc.RpcClient;
import io.flussreactive.internal.rpc.TransportOptions;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Mono;

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

    private final FlussClientOptions options;
    private final RpcClient rpc;
    private final MetadataManager metadata;
    private final FlussAdmin admin;

    private FlussClient(FlussClientOptions options) {
        this.options = options;
        this.rpc = new RpcClient(new TransportOptions(
                options.connectTimeout(), options.requestTimeout(), options.maxResponseFrameBytes()));
        List<ServerAddress> bootstrap = options.bootstrapServers().stream().map(ServerAddress::parse).toList();
        this.metadata = new MetadataManager(rpc, bootstrap);
        this.admin = new AdminClient(metadata);
    }

    /**
     * Creates a client. Nothing is connected until the first call.
     *
     * @param options bootstrap servers and settings
     * @return the client
     */
    public static FlussClient create(FlussClientOptions options) {
        return new FlussClient(Objects.requireNonNull(options, "options"));
    }

    /**
     * Creates a client with default settings.
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
     * Closes every connection. Requests still waiting fail with a
     * {@link io.flussreactive.error.NetworkException}; later calls fail too. Safe to call more than once.
     *
     * @return completes when every connection is closed
     */
    public Mono<Void> close() {
        return rpc.close();
    }
}
