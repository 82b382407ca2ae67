package io.flussreactive.internal.admin;

import io.flussreactive.RetryPolicies.Operation;
import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.flussreactive.admin.DatabaseDescriptor;
import io.flussreactive.admin.DatabaseInfo;
import io.flussreactive.admin.FlussAdmin;
import io.flussreactive.admin.OffsetSpec;
import io.flussreactive.admin.PartitionInfo;
import io.flussreactive.admin.PartitionSpec;
import io.flussreactive.admin.SchemaInfo;
import io.flussreactive.admin.ServerNode;
import io.flussreactive.admin.TableDescriptor;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.error.FlussException;
import io.flussreactive.internal.json.DatabaseDescriptorJson;
import io.flussreactive.internal.json.TableDescriptorJson;
import io.flussreactive.internal.meta.BucketLocation;
import io.flussreactive.internal.meta.MetadataManager;
import io.flussreactive.internal.meta.TableLocations;
import io.flussreactive.internal.proto.CreateDatabaseRequest;
import io.flussreactive.internal.proto.CreatePartitionRequest;
import io.flussreactive.internal.proto.CreateTableRequest;
import io.flussreactive.internal.proto.DatabaseExistsRequest;
import io.flussreactive.internal.proto.DatabaseExistsResponse;
import io.flussreactive.internal.proto.DropDatabaseRequest;
import io.flussreactive.internal.proto.DropPartitionRequest;
import io.flussreactive.internal.proto.DropTableRequest;
import io.flussreactive.internal.proto.GetDatabaseInfoRequest;
import io.flussreactive.internal.proto.ListDatabasesRequest;
import io.flussreactive.internal.proto.ListOffsetsRequest;
import io.flussreactive.internal.proto.ListOffsetsResponse;
import io.flussreactive.internal.proto.ListPartitionInfosRequest;
import io.flussreactive.internal.proto.ListTablesRequest;
import io.flussreactive.internal.proto.PbKeyValue;
import io.flussreactive.internal.proto.PbListOffsetsRespForBucket;
import io.flussreactive.internal.proto.PbPartitionInfo;
import io.flussreactive.internal.proto.PbPartitionSpec;
import io.flussreactive.internal.proto.TableExistsRequest;
import io.flussreactive.internal.proto.TableExistsResponse;
import io.flussreactive.internal.retry.Retries;
import io.flussreactive.internal.rpc.ApiMethod;
import io.flussreactive.internal.rpc.ApiMethods;
import io.flussreactive.internal.rpc.BucketErrors;
import io.flussreactive.table.TablePath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import io.github.resilience4j.retry.Retry;

/**
 * {@link FlussAdmin} over the Fluss RPCs: DDL and descriptions go to the coordinator, offset lookups to
 * the leaders of the buckets asked about.
 */
public final class AdminClient implements FlussAdmin {

    private static final int OFFSET_TYPE_EARLIEST = 0;
    private static final int OFFSET_TYPE_LATEST = 1;
    private static final int OFFSET_TYPE_TIMESTAMP = 2;

    /** The follower id a client puts into requests a follower could also send. */
    private static final int CLIENT_FOLLOWER_ID = -1;

    private final MetadataManager metadata;
    /** Retries requests that only read, such as offsets; requests that change the cluster are sent once. */
    private final Retry readRetry;

    /**
     * Creates the admin API over a metadata manager (which owns the connections).
     *
     * @param metadata the cluster view to route requests with
     */
    public AdminClient(MetadataManager metadata) {
        this(metadata, Retries.defaults());
    }

    /**
     * Creates the admin API over a metadata manager (which owns the connections).
     *
     * @param metadata the cluster view to route requests with
     * @param retries the client's retries
     */
    public AdminClient(MetadataManager metadata, Retries retries) {
        this.metadata = metadata;
        this.readRetry = retries.retry(Operation.ADMIN_READ);
    }

    // ---- databases ----

    @Override
    public Mono<Void> createDatabase(String databaseName, DatabaseDescriptor descriptor, boolean ignoreIfExists) {
        Objects.requireNonNull(databaseName, "databaseName");
        Objects.requireNonNull(descriptor, "descriptor");
        return toCoordinator(ApiMethods.CREATE_DATABASE, () -> CreateDatabaseRequest.newBuilder()
                        .setDatabaseName(databaseName)
                        .setIgnoreIfExists(ignoreIfExists)
                        .setDatabaseJson(ByteString.copyFrom(DatabaseDescriptorJson.toBytes(descriptor)))
                        .build())
                .then();
    }

    @Override
    public Mono<Void> dropDatabase(String databaseName, boolean ignoreIfNotExists, boolean cascade) {
        Objects.requireNonNull(databaseName, "databaseName");
        return toCoordinator(ApiMethods.DROP_DATABASE, () -> DropDatabaseRequest.newBuilder()
                        .setDatabaseName(databaseName)
                        .setIgnoreIfNotExists(ignoreIfNotExists)
                        .setCascade(cascade)
                        .build())
                .then();
    }

    @Override
    public Mono<Boolean> databaseExists(String databaseName) {
        Objects.requireNonNull(databaseName, "databaseName");
        return toCoordinator(ApiMethods.DATABASE_EXISTS,
                        () -> DatabaseExistsRequest.newBuilder().setDatabaseName(databaseName).build())
                .map(DatabaseExistsResponse::getExists);
    }

    @Override
    public Flux<String> listDatabases() {
        return toCoordinator(ApiMethods.LIST_DATABASES, () -> ListDatabasesRequest.newBuilder().build())
                .flatMapIterable(response -> response.getDatabaseNameList());
    }

    @Override
    public Mono<DatabaseInfo> describeDatabase(String databaseName) {
        Objects.requireNonNull(databaseName, "databaseName");
        return toCoordinator(ApiMethods.GET_DATABASE_INFO,
                        () -> GetDatabaseInfoRequest.newBuilder().setDatabaseName(databaseName).build())
                .map(response -> new DatabaseInfo(
                        databaseName,
                        DatabaseDescriptorJson.fromBytes(response.getDatabaseJson().toByteArray()),
                        response.getCreatedTime(),
                        response.getModifiedTime()));
    }

    // ---- tables ----

    @Override
    public Mono<Void> createTable(TablePath table, TableDescriptor descriptor, boolean ignoreIfExists) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(descriptor, "descriptor");
        return toCoordinator(ApiMethods.CREATE_TABLE, () -> CreateTableRequest.newBuilder()
                        .setTablePath(MetadataManager.toPb(table))
                        .setTableJson(ByteString.copyFrom(TableDescriptorJson.toBytes(descriptor)))
                        .setIgnoreIfExists(ignoreIfExists)
                        .build())
                .then();
    }

    @Override
    public Mono<Void> dropTable(TablePath table, boolean ignoreIfNotExists) {
        Objects.requireNonNull(table, "table");
        return toCoordinator(ApiMethods.DROP_TABLE, () -> DropTableRequest.newBuilder()
                        .setTablePath(MetadataManager.toPb(table))
                        .setIgnoreIfNotExists(ignoreIfNotExists)
                        .build())
                // Whatever was cached about the old table is wrong for a table created under its name.
                .doOnSuccess(done -> metadata.invalidate(table))
                .then();
    }

    @Override
    public Mono<Boolean> tableExists(TablePath table) {
        Objects.requireNonNull(table, "table");
        return toCoordinator(ApiMethods.TABLE_EXISTS,
                        () -> TableExistsRequest.newBuilder().setTablePath(MetadataManager.toPb(table)).build())
                .map(TableExistsResponse::getExists);
    }

    @Override
    public Flux<String> listTables(String databaseName) {
        Objects.requireNonNull(databaseName, "databaseName");
        return toCoordinator(ApiMethods.LIST_TABLES,
                        () -> ListTablesRequest.newBuilder().setDatabaseName(databaseName).build())
                .flatMapIterable(response -> response.getTableNameList());
    }

    @Override
    public Mono<TableInfo> describeTable(TablePath table) {
        Objects.requireNonNull(table, "table");
        return metadata.fetchTableInfo(table);
    }

    @Override
    public Mono<SchemaInfo> getSchema(TablePath table) {
        Objects.requireNonNull(table, "table");
        return metadata.fetchSchema(table, null);
    }

    @Override
    public Mono<SchemaInfo> getSchema(TablePath table, int schemaId) {
        Objects.requireNonNull(table, "table");
        return metadata.fetchSchema(table, schemaId);
    }

    // ---- partitions ----

    @Override
    public Flux<PartitionInfo> listPartitions(TablePath table) {
        Objects.requireNonNull(table, "table");
        return listPartitions(ListPartitionInfosRequest.newBuilder().setTablePath(MetadataManager.toPb(table)));
    }

    @Override
    public Flux<PartitionInfo> listPartitions(TablePath table, PartitionSpec partialSpec) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(partialSpec, "partialSpec");
        return listPartitions(ListPartitionInfosRequest.newBuilder()
                .setTablePath(MetadataManager.toPb(table))
                .setPartialPartitionSpec(toPb(partialSpec)));
    }

    private Flux<PartitionInfo> listPartitions(ListPartitionInfosRequest.Builder request) {
        return toCoordinator(ApiMethods.LIST_PARTITION_INFOS, request::build)
                .flatMapIterable(response -> {
                    List<PartitionInfo> partitions = new ArrayList<>(response.getPartitionsInfoCount());
                    for (PbPartitionInfo info : response.getPartitionsInfoList()) {
                        partitions.add(new PartitionInfo(info.getPartitionId(), fromPb(info.getPartitionSpec())));
                    }
                    return partitions;
                });
    }

    @Override
    public Mono<Void> createPartition(TablePath table, PartitionSpec spec, boolean ignoreIfExists) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(spec, "spec");
        return toCoordinator(ApiMethods.CREATE_PARTITION, () -> CreatePartitionRequest.newBuilder()
                        .setTablePath(MetadataManager.toPb(table))
                        .setPartitionSpec(toPb(spec))
                        // The wire field is named "ignore if not exists" but means "ignore if it exists".
                        .setIgnoreIfNotExists(ignoreIfExists)
                        .build())
                .then();
    }

    @Override
    public Mono<Void> dropPartition(TablePath table, PartitionSpec spec, boolean ignoreIfNotExists) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(spec, "spec");
        return toCoordinator(ApiMethods.DROP_PARTITION, () -> DropPartitionRequest.newBuilder()
                        .setTablePath(MetadataManager.toPb(table))
                        .setPartitionSpec(toPb(spec))
                        .setIgnoreIfNotExists(ignoreIfNotExists)
                        .build())
                .doOnSuccess(done -> metadata.invalidate(table))
                .then();
    }

    private static PbPartitionSpec toPb(PartitionSpec spec) {
        PbPartitionSpec.Builder pb = PbPartitionSpec.newBuilder();
        spec.spec().forEach((key, value) ->
                pb.addPartitionKeyValues(PbKeyValue.newBuilder().setKey(key).setValue(value)));
        return pb.build();
    }

    private static PartitionSpec fromPb(PbPartitionSpec pb) {
        Map<String, String> values = new LinkedHashMap<>();
        for (PbKeyValue kv : pb.getPartitionKeyValuesList()) {
            values.put(kv.getKey(), kv.getValue());
        }
        return PartitionSpec.of(values);
    }

    // ---- offsets ----

    @Override
    public Mono<Map<Integer, Long>> listOffsets(TablePath table, Collection<Integer> buckets, OffsetSpec spec) {
        Objects.requireNonNull(table, "table");
        return listOffsets(table, buckets, spec, () -> metadata.tableLocations(table));
    }

    @Override
    public Mono<Map<Integer, Long>> listOffsets(
            TablePath table, String partitionName, Collection<Integer> buckets, OffsetSpec spec) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(partitionName, "partitionName");
        return listOffsets(table, buckets, spec, () -> metadata.partitionLocations(table, partitionName));
    }

    private Mono<Map<Integer, Long>> listOffsets(
            TablePath table, Collection<Integer> buckets, OffsetSpec spec, Supplier<Mono<TableLocations>> locations) {
        Objects.requireNonNull(spec, "spec");
        List<Integer> wanted = List.copyOf(buckets);
        return Mono.defer(() -> locations.get().flatMap(where -> listOffsetsAt(where, wanted, spec)))
                // A leader that moved is looked up afresh by the next attempt.
                .doOnError(AdminClient::isStaleMetadata, stale -> metadata.invalidate(table))
                .transformDeferred(Retries.onMono(readRetry));
    }

    private Mono<Map<Integer, Long>> listOffsetsAt(TableLocations where, List<Integer> buckets, OffsetSpec spec) {
        Map<Integer, List<Integer>> bucketsByLeader = new TreeMap<>();
        for (int bucket : buckets) {
            BucketLocation location = where.bucket(bucket).orElseThrow(() -> new IllegalArgumentException(
                    "Table " + where.describe() + " has buckets 0.." + (where.buckets().size() - 1) + "; there is no bucket " + bucket));
            bucketsByLeader.computeIfAbsent(location.leader(), leader -> new ArrayList<>()).add(bucket);
        }
        return Flux.fromIterable(bucketsByLeader.entrySet())
                .flatMap(entry -> metadata.tabletServer(entry.getKey())
                        .flatMap(leader -> leader.send(ApiMethods.LIST_OFFSETS, offsetsRequest(where, entry.getValue(), spec))))
                .flatMapIterable(ListOffsetsResponse::getBucketsRespList)
                .collectList()
                .map(answers -> {
                    Map<Integer, Long> offsets = new TreeMap<>();
                    for (PbListOffsetsRespForBucket answer : answers) {
                        FlussException error = BucketErrors.errorOf(answer.hasErrorCode(), answer.getErrorCode(),
                                answer.hasErrorMessage(), answer.getErrorMessage());
                        if (error != null) {
                            throw error;
                        }
                        offsets.put(answer.getBucketId(), answer.getOffset());
                    }
                    return offsets;
                });
    }

    private static ListOffsetsRequest offsetsRequest(TableLocations where, List<Integer> buckets, OffsetSpec spec) {
        ListOffsetsRequest.Builder request = ListOffsetsRequest.newBuilder()
                .setFollowerServerId(CLIENT_FOLLOWER_ID)
                .setTableId(where.tableId())
                .addAllBucketId(buckets);
        if (where.isPartitioned()) {
            request.setPartitionId(where.partitionId());
        }
        if (spec instanceof OffsetSpec.Timestamp timestamp) {
            request.setOffsetType(OFFSET_TYPE_TIMESTAMP).setStartTimestamp(timestamp.epochMillis());
        } else if (spec instanceof OffsetSpec.Latest) {
            request.setOffsetType(OFFSET_TYPE_LATEST);
        } else {
            request.setOffsetType(OFFSET_TYPE_EARLIEST);
        }
        return request.build();
    }

    private static boolean isStaleMetadata(Throwable error) {
        return error instanceof FlussException fluss && fluss.errorCode().isInvalidMetadata();
    }

    // ---- cluster ----

    @Override
    public Flux<ServerNode> serverNodes() {
        return metadata.refreshNodes().flatMapIterable(nodes -> {
            List<ServerNode> all = new ArrayList<>();
            nodes.coordinatorNode().ifPresent(all::add);
            all.addAll(nodes.tabletServers().values());
            return all;
        });
    }

    /** Sends a request built at subscription time to the coordinator. */
    private <Q extends MessageLite, R> Mono<R> toCoordinator(ApiMethod<Q, R> method, Supplier<Q> request) {
        return metadata.coordinator().flatMap(coordinator -> coordinator.send(method, request.get()));
    }
}
