package io.flussreactive.internal.meta;

import io.flussreactive.RetryPolicies.Operation;
import io.flussreactive.admin.SchemaInfo;
import io.flussreactive.admin.ServerNode;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.error.AuthenticationException;
import io.flussreactive.error.LeaderNotAvailableException;
import io.flussreactive.error.NetworkException;
import io.flussreactive.error.TableNotExistException;
import io.flussreactive.error.UnknownServerException;
import io.flussreactive.internal.json.SchemaJson;
import io.flussreactive.internal.json.TableDescriptorJson;
import io.flussreactive.internal.proto.GetTableInfoRequest;
import io.flussreactive.internal.proto.GetTableSchemaRequest;
import io.flussreactive.internal.proto.MetadataRequest;
import io.flussreactive.internal.proto.MetadataResponse;
import io.flussreactive.internal.proto.PbBucketMetadata;
import io.flussreactive.internal.proto.PbPartitionMetadata;
import io.flussreactive.internal.proto.PbPhysicalTablePath;
import io.flussreactive.internal.proto.PbTableMetadata;
import io.flussreactive.internal.proto.PbTablePath;
import io.flussreactive.internal.proto.TableExistsRequest;
import io.flussreactive.internal.rpc.ApiMethods;
import io.flussreactive.internal.rpc.NodeClient;
import io.flussreactive.internal.retry.Retries;
import io.flussreactive.internal.rpc.RpcClient;
import io.flussreactive.table.TablePath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import io.github.resilience4j.retry.Retry;

/**
 * What the client knows about the cluster: its servers, each table's description and schemas, and
 * where the buckets of each table live.
 *
 * <p>The first call bootstraps from the configured addresses, one after another, until one answers
 * (a server that refuses the client's credentials ends it: the others would too); a failed bootstrap
 * is not remembered, so the next call tries again. Table descriptions and bucket
 * locations are fetched per table on first use and kept until someone reports them stale with
 * {@link #invalidate}, which is what callers do when a server answers with an invalid-metadata error
 * (and what dropping a table does). Schemas are immutable per table id and schema id, so they are
 * kept for the life of the client.
 *
 * <p>Metadata requests go to the coordinator, which owns the authoritative view of leadership.
 */
public final class MetadataManager {

    private final RpcClient rpc;
    /** Waits for a server that is still starting to know the cluster. */
    private final Retry notReady;
    /** Waits for the leaders of a new table or partition to be elected. */
    private final Retry noLeaderYet;
    private final List<ServerAddress> bootstrapServers;
    private final AtomicReference<ClusterNodes> nodes = new AtomicReference<>();
    private final Mono<ClusterNodes> bootstrap;
    private final Map<Object, Mono<TableLocations>> locations = new ConcurrentHashMap<>();
    private final Map<TablePath, Mono<TableInfo>> tableInfos = new ConcurrentHashMap<>();
    private final Map<SchemaKey, Mono<SchemaInfo>> schemas = new ConcurrentHashMap<>();

    /**
     * Creates a manager that bootstraps on first use.
     *
     * @param rpc the connections to use
     * @param bootstrapServers the addresses to bootstrap from, tried in order
     */
    public MetadataManager(RpcClient rpc, List<ServerAddress> bootstrapServers) {
        this(rpc, bootstrapServers, Retries.defaults());
    }

    /**
     * Creates a manager that bootstraps on first use.
     *
     * @param rpc the connections to use
     * @param bootstrapServers the addresses to bootstrap from, tried in order
     * @param retries the client's retries
     */
    public MetadataManager(RpcClient rpc, List<ServerAddress> bootstrapServers, Retries retries) {
        if (bootstrapServers.isEmpty()) {
            throw new IllegalArgumentException("At least one bootstrap server is required");
        }
        this.rpc = rpc;
        this.notReady = retries.retry(Operation.METADATA, "cluster-starting", ClusterNotReadyException.class::isInstance);
        this.noLeaderYet = retries.retry(Operation.METADATA, "leader-election", LeaderNotAvailableException.class::isInstance);
        this.bootstrapServers = List.copyOf(bootstrapServers);
        this.bootstrap = Mono.defer(this::bootstrapFromAny)
                .cache(ok -> Duration.ofMillis(Long.MAX_VALUE), error -> Duration.ZERO, () -> Duration.ZERO);
    }

    /** The cluster's servers, bootstrapping first if needed. */
    public Mono<ClusterNodes> nodes() {
        ClusterNodes known = nodes.get();
        return known != null ? Mono.just(known) : bootstrap;
    }

    /** Asks the coordinator for the current server list. */
    public Mono<ClusterNodes> refreshNodes() {
        return coordinator()
                .flatMap(c -> c.send(ApiMethods.GET_METADATA, MetadataRequest.getDefaultInstance()))
                .map(this::remember);
    }

    /** The connection to the coordinator. */
    public Mono<NodeClient> coordinator() {
        return nodes().flatMap(n -> n.coordinatorNode()
                .map(node -> Mono.just(client(node)))
                .orElseGet(() -> Mono.error(new NetworkException("The cluster did not name a coordinator"))));
    }

    /**
     * The connection to the tablet server with this id. An unknown id refreshes the server list once
     * before it fails with {@link LeaderNotAvailableException}.
     */
    public Mono<NodeClient> tabletServer(int id) {
        return nodes().flatMap(n -> n.tabletServer(id)
                .map(node -> Mono.just(client(node)))
                .orElseGet(() -> refreshNodes().flatMap(fresh -> fresh.tabletServer(id)
                        .map(node -> Mono.just(client(node)))
                        .orElseGet(() -> Mono.error(new LeaderNotAvailableException(
                                "Tablet server " + id + " is not part of the cluster"))))));
    }

    /** The connection to a server. */
    public NodeClient client(ServerNode node) {
        return rpc.node(node.host(), node.port());
    }

    /** Fetches a table's description from the server, bypassing the cache. */
    public Mono<TableInfo> fetchTableInfo(TablePath table) {
        GetTableInfoRequest request = GetTableInfoRequest.newBuilder().setTablePath(toPb(table)).build();
        return coordinator()
                .flatMap(c -> c.send(ApiMethods.GET_TABLE_INFO, request))
                .map(response -> TableInfo.of(
                        table,
                        response.getTableId(),
                        response.getSchemaId(),
                        TableDescriptorJson.fromBytes(response.getTableJson().toByteArray()),
                        response.getCreatedTime(),
                        response.getModifiedTime()));
    }

    /** A table's description, fetched on first use and cached until {@link #invalidate}. */
    public Mono<TableInfo> tableInfo(TablePath table) {
        return tableInfos.computeIfAbsent(table, key -> cached(fetchTableInfo(table)));
    }

    /**
     * Fetches one schema of a table from the server, bypassing the cache.
     *
     * @param schemaId the schema id, or null for the latest
     */
    public Mono<SchemaInfo> fetchSchema(TablePath table, Integer schemaId) {
        GetTableSchemaRequest.Builder request = GetTableSchemaRequest.newBuilder().setTablePath(toPb(table));
        if (schemaId != null) {
            request.setSchemaId(schemaId);
        }
        GetTableSchemaRequest built = request.build();
        return coordinator()
                .flatMap(c -> c.send(ApiMethods.GET_TABLE_SCHEMA, built))
                .map(response -> new SchemaInfo(
                        response.getSchemaId(), SchemaJson.fromBytes(response.getSchemaJson().toByteArray())));
    }

    /**
     * One schema of a table, as records written with it name it. Cached for the life of the client:
     * a schema id never changes meaning within one table id.
     *
     * @param table the table's path, used to ask the server
     * @param tableId the table's id, so that a table re-created under the same name is not confused with the old one
     * @param schemaId the schema id
     */
    public Mono<SchemaInfo> schema(TablePath table, long tableId, int schemaId) {
        return schemas.computeIfAbsent(new SchemaKey(tableId, schemaId), key -> cached(fetchSchema(table, schemaId)));
    }

    /**
     * Where the buckets of a non-partitioned table live. Fetched on first use and cached; waits (a
     * bounded number of times) while some bucket has no leader yet, as right after table creation.
     * Fails with {@link TableNotExistException} when the table does not exist.
     */
    public Mono<TableLocations> tableLocations(TablePath table) {
        return locations.computeIfAbsent(table, key -> cached(fetchLocations(table, null)));
    }

    /** Where the buckets of one partition of a partitioned table live. Cached like {@link #tableLocations}. */
    public Mono<TableLocations> partitionLocations(TablePath table, String partitionName) {
        Objects.requireNonNull(partitionName, "partitionName");
        return locations.computeIfAbsent(
                new PartitionKey(table, partitionName), key -> cached(fetchLocations(table, partitionName)));
    }

    /**
     * Forgets the description and bucket locations of a table and all its partitions; the next use
     * fetches them again.
     */
    public void invalidate(TablePath table) {
        tableInfos.remove(table);
        locations.keySet().removeIf(key -> key.equals(table) || (key instanceof PartitionKey p && p.table().equals(table)));
    }

    /** Remembers a successful answer for good, but neither an error nor an empty answer. */
    private static <T> Mono<T> cached(Mono<T> fetch) {
        return fetch.cache(ok -> Duration.ofMillis(Long.MAX_VALUE), error -> Duration.ZERO, () -> Duration.ZERO);
    }

    private Mono<TableLocations> fetchLocations(TablePath table, String partitionName) {
        MetadataRequest.Builder request = MetadataRequest.newBuilder().addTablePath(toPb(table));
        if (partitionName != null) {
            request.addPartitionsPath(PbPhysicalTablePath.newBuilder()
                    .setDatabaseName(table.databaseName())
                    .setTableName(table.tableName())
                    .setPartitionName(partitionName));
        }
        MetadataRequest built = request.build();
        Mono<TableLocations> once = coordinator()
                .flatMap(c -> c.send(ApiMethods.GET_METADATA, built))
                .map(response -> {
                    remember(response);
                    return partitionName == null ? tableOf(table, response) : partitionOf(table, partitionName, response);
                });
        return once.transformDeferred(Retries.onMono(noLeaderYet))
                .onErrorResume(UnknownServerException.class, unknown -> missingTableOr(table, unknown));
    }

    /**
     * The error to report for a metadata request the server failed without saying why. Fluss 0.9.1
     * answers a metadata request for a table that does not exist with an unknown server error (it wraps
     * its table-not-exist error), so the coordinator is asked whether the table exists to tell that case
     * apart from a real server failure.
     */
    private Mono<TableLocations> missingTableOr(TablePath table, UnknownServerException unknown) {
        TableExistsRequest request = TableExistsRequest.newBuilder().setTablePath(toPb(table)).build();
        return coordinator()
                .flatMap(c -> c.send(ApiMethods.TABLE_EXISTS, request))
                // When even that question fails, the server's own answer says most.
                .onErrorResume(askFailed -> Mono.error(unknown))
                .flatMap(answer -> Mono.error(answer.getExists()
                        ? unknown
                        : new TableNotExistException("Table " + table + " does not exist", unknown)));
    }

    private static TableLocations tableOf(TablePath table, MetadataResponse response) {
        for (PbTableMetadata metadata : response.getTableMetadataList()) {
            TablePath path = fromPb(metadata.getTablePath());
            if (path.equals(table)) {
                return new TableLocations(table, metadata.getTableId(), PhysicalBucket.NO_PARTITION, null,
                        readyBuckets(table.toString(), metadata.getBucketMetadataList()));
            }
        }
        throw new LeaderNotAvailableException("No metadata for table " + table + " yet");
    }

    private static TableLocations partitionOf(TablePath table, String partitionName, MetadataResponse response) {
        long tableId = -1;
        for (PbTableMetadata metadata : response.getTableMetadataList()) {
            if (fromPb(metadata.getTablePath()).equals(table)) {
                tableId = metadata.getTableId();
            }
        }
        for (PbPartitionMetadata metadata : response.getPartitionMetadataList()) {
            if (metadata.getPartitionName().equals(partitionName) && (tableId < 0 || metadata.getTableId() == tableId)) {
                return new TableLocations(table, metadata.getTableId(), metadata.getPartitionId(), partitionName,
                        readyBuckets(table + "(" + partitionName + ")", metadata.getBucketMetadataList()));
            }
        }
        throw new LeaderNotAvailableException("No metadata for partition " + partitionName + " of " + table + " yet");
    }

    /** The buckets of a metadata answer, or a retriable error while any of them lacks a leader. */
    private static Map<Integer, BucketLocation> readyBuckets(String what, List<PbBucketMetadata> buckets) {
        if (buckets.isEmpty()) {
            throw new LeaderNotAvailableException("The buckets of " + what + " are not assigned yet");
        }
        Map<Integer, BucketLocation> result = new HashMap<>();
        List<Integer> leaderless = new ArrayList<>();
        for (PbBucketMetadata bucket : buckets) {
            int leader = bucket.hasLeaderId() ? bucket.getLeaderId() : -1;
            if (leader < 0) {
                leaderless.add(bucket.getBucketId());
            }
            result.put(bucket.getBucketId(), new BucketLocation(bucket.getBucketId(), leader,
                    bucket.getReplicaIdList(), bucket.hasLeaderEpoch() ? bucket.getLeaderEpoch() : -1));
        }
        if (!leaderless.isEmpty()) {
            throw new LeaderNotAvailableException("Buckets " + leaderless + " of " + what + " have no leader yet");
        }
        return result;
    }

    private Mono<ClusterNodes> bootstrapFromAny() {
        List<String> failures = new ArrayList<>();
        return Flux.fromIterable(bootstrapServers)
                .concatMap(address -> bootstrapFrom(address)
                        // The cluster's servers share their users: refused credentials will be refused
                        // by the next server too, and must not turn into a retriable network error.
                        .onErrorResume(error -> !(error instanceof AuthenticationException), error -> {
                            failures.add(address + " (" + error.getMessage() + ")");
                            return Mono.empty();
                        }), 1)
                .next()
                .switchIfEmpty(Mono.error(() -> new NetworkException("Could not bootstrap from any of the servers "
                        + bootstrapServers.stream().map(ServerAddress::toString).collect(Collectors.joining(", ", "[", "]"))
                        + ": " + String.join("; ", failures))));
    }

    private Mono<ClusterNodes> bootstrapFrom(ServerAddress address) {
        Mono<ClusterNodes> once = rpc.node(address.host(), address.port())
                .send(ApiMethods.GET_METADATA, MetadataRequest.getDefaultInstance())
                .map(response -> {
                    ClusterNodes found = ClusterNodes.from(response);
                    if (found.tabletServers().isEmpty() || found.coordinator() == null) {
                        // A server that is still starting answers with an empty server list.
                        throw new ClusterNotReadyException("Server " + address + " does not know the cluster's servers yet");
                    }
                    return found;
                });
        return once.transformDeferred(Retries.onMono(notReady)).doOnNext(nodes::set);
    }

    private ClusterNodes remember(MetadataResponse response) {
        ClusterNodes found = ClusterNodes.from(response);
        if (!found.tabletServers().isEmpty()) {
            nodes.set(found);
        }
        return found;
    }

    /** The wire form of a table path. */
    public static PbTablePath toPb(TablePath table) {
        return PbTablePath.newBuilder().setDatabaseName(table.databaseName()).setTableName(table.tableName()).build();
    }

    private static TablePath fromPb(PbTablePath path) {
        return TablePath.of(path.getDatabaseName(), path.getTableName());
    }

    /** Cache key of one partition's locations. */
    private record PartitionKey(TablePath table, String partitionName) {
    }

    /** Cache key of one schema. */
    private record SchemaKey(long tableId, int schemaId) {
    }

    /** The bootstrap server answered but does not know the cluster yet; worth asking again. */
    private static final class ClusterNotReadyException extends RuntimeException {
        ClusterNotReadyException(String message) {
            super(message, null, false, false);
        }
    }
}
