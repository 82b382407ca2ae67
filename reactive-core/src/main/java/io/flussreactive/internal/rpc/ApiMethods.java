package io.flussreactive.internal.rpc;

import io.flussreactive.internal.proto.AcquireKvSnapshotLeaseRequest;
import io.flussreactive.internal.proto.AcquireKvSnapshotLeaseResponse;
import io.flussreactive.internal.proto.DropKvSnapshotLeaseRequest;
import io.flussreactive.internal.proto.DropKvSnapshotLeaseResponse;
import io.flussreactive.internal.proto.GetKvSnapshotMetadataRequest;
import io.flussreactive.internal.proto.GetKvSnapshotMetadataResponse;
import io.flussreactive.internal.proto.GetLatestKvSnapshotsRequest;
import io.flussreactive.internal.proto.GetLatestKvSnapshotsResponse;
import io.flussreactive.internal.proto.ReleaseKvSnapshotLeaseRequest;
import io.flussreactive.internal.proto.ReleaseKvSnapshotLeaseResponse;
import io.flussreactive.internal.proto.ApiVersionsRequest;
import io.flussreactive.internal.proto.ApiVersionsResponse;
import io.flussreactive.internal.proto.AuthenticateRequest;
import io.flussreactive.internal.proto.AuthenticateResponse;
import io.flussreactive.internal.proto.CreateDatabaseRequest;
import io.flussreactive.internal.proto.GetFileSystemSecurityTokenRequest;
import io.flussreactive.internal.proto.GetFileSystemSecurityTokenResponse;
import io.flussreactive.internal.proto.CreateDatabaseResponse;
import io.flussreactive.internal.proto.CreatePartitionRequest;
import io.flussreactive.internal.proto.CreatePartitionResponse;
import io.flussreactive.internal.proto.CreateTableRequest;
import io.flussreactive.internal.proto.CreateTableResponse;
import io.flussreactive.internal.proto.DatabaseExistsRequest;
import io.flussreactive.internal.proto.DatabaseExistsResponse;
import io.flussreactive.internal.proto.DropDatabaseRequest;
import io.flussreactive.internal.proto.DropDatabaseResponse;
import io.flussreactive.internal.proto.DropPartitionRequest;
import io.flussreactive.internal.proto.DropPartitionResponse;
import io.flussreactive.internal.proto.DropTableRequest;
import io.flussreactive.internal.proto.DropTableResponse;
import io.flussreactive.internal.proto.FetchLogRequest;
import io.flussreactive.internal.proto.FetchLogResponse;
import io.flussreactive.internal.proto.GetDatabaseInfoRequest;
import io.flussreactive.internal.proto.GetDatabaseInfoResponse;
import io.flussreactive.internal.proto.GetTableInfoRequest;
import io.flussreactive.internal.proto.GetTableInfoResponse;
import io.flussreactive.internal.proto.GetTableSchemaRequest;
import io.flussreactive.internal.proto.GetTableSchemaResponse;
import io.flussreactive.internal.proto.InitWriterRequest;
import io.flussreactive.internal.proto.InitWriterResponse;
import io.flussreactive.internal.proto.LimitScanRequest;
import io.flussreactive.internal.proto.LimitScanResponse;
import io.flussreactive.internal.proto.ListDatabasesRequest;
import io.flussreactive.internal.proto.ListDatabasesResponse;
import io.flussreactive.internal.proto.ListOffsetsRequest;
import io.flussreactive.internal.proto.ListOffsetsResponse;
import io.flussreactive.internal.proto.ListPartitionInfosRequest;
import io.flussreactive.internal.proto.ListPartitionInfosResponse;
import io.flussreactive.internal.proto.ListTablesRequest;
import io.flussreactive.internal.proto.ListTablesResponse;
import io.flussreactive.internal.proto.LookupRequest;
import io.flussreactive.internal.proto.LookupResponse;
import io.flussreactive.internal.proto.MetadataRequest;
import io.flussreactive.internal.proto.MetadataResponse;
import io.flussreactive.internal.proto.PrefixLookupRequest;
import io.flussreactive.internal.proto.PrefixLookupResponse;
import io.flussreactive.internal.proto.ProduceLogRequest;
import io.flussreactive.internal.proto.ProduceLogResponse;
import io.flussreactive.internal.proto.PutKvRequest;
import io.flussreactive.internal.proto.PutKvResponse;
import io.flussreactive.internal.proto.TableExistsRequest;
import io.flussreactive.internal.proto.TableExistsResponse;

/**
 * The APIs this client calls, each paired with its request and response messages; each constant is
 * named after its {@link ApiKey}.
 */
public final class ApiMethods {

    public static final ApiMethod<ApiVersionsRequest, ApiVersionsResponse> API_VERSIONS =
            ApiMethod.of(ApiKey.API_VERSIONS, ApiVersionsResponse.parser());

    public static final ApiMethod<AuthenticateRequest, AuthenticateResponse> AUTHENTICATE =
            ApiMethod.of(ApiKey.AUTHENTICATE, AuthenticateResponse.parser());

    public static final ApiMethod<CreateDatabaseRequest, CreateDatabaseResponse> CREATE_DATABASE =
            ApiMethod.of(ApiKey.CREATE_DATABASE, CreateDatabaseResponse.parser());

    public static final ApiMethod<DropDatabaseRequest, DropDatabaseResponse> DROP_DATABASE =
            ApiMethod.of(ApiKey.DROP_DATABASE, DropDatabaseResponse.parser());

    public static final ApiMethod<ListDatabasesRequest, ListDatabasesResponse> LIST_DATABASES =
            ApiMethod.of(ApiKey.LIST_DATABASES, ListDatabasesResponse.parser());

    public static final ApiMethod<DatabaseExistsRequest, DatabaseExistsResponse> DATABASE_EXISTS =
            ApiMethod.of(ApiKey.DATABASE_EXISTS, DatabaseExistsResponse.parser());

    public static final ApiMethod<GetDatabaseInfoRequest, GetDatabaseInfoResponse> GET_DATABASE_INFO =
            ApiMethod.of(ApiKey.GET_DATABASE_INFO, GetDatabaseInfoResponse.parser());

    public static final ApiMethod<CreateTableRequest, CreateTableResponse> CREATE_TABLE =
            ApiMethod.of(ApiKey.CREATE_TABLE, CreateTableResponse.parser());

    public static final ApiMethod<DropTableRequest, DropTableResponse> DROP_TABLE =
            ApiMethod.of(ApiKey.DROP_TABLE, DropTableResponse.parser());

    public static final ApiMethod<GetTableInfoRequest, GetTableInfoResponse> GET_TABLE_INFO =
            ApiMethod.of(ApiKey.GET_TABLE_INFO, GetTableInfoResponse.parser());

    public static final ApiMethod<ListTablesRequest, ListTablesResponse> LIST_TABLES =
            ApiMethod.of(ApiKey.LIST_TABLES, ListTablesResponse.parser());

    public static final ApiMethod<TableExistsRequest, TableExistsResponse> TABLE_EXISTS =
            ApiMethod.of(ApiKey.TABLE_EXISTS, TableExistsResponse.parser());

    public static final ApiMethod<GetTableSchemaRequest, GetTableSchemaResponse> GET_TABLE_SCHEMA =
            ApiMethod.of(ApiKey.GET_TABLE_SCHEMA, GetTableSchemaResponse.parser());

    public static final ApiMethod<MetadataRequest, MetadataResponse> GET_METADATA =
            ApiMethod.of(ApiKey.GET_METADATA, MetadataResponse.parser());

    public static final ApiMethod<ListPartitionInfosRequest, ListPartitionInfosResponse> LIST_PARTITION_INFOS =
            ApiMethod.of(ApiKey.LIST_PARTITION_INFOS, ListPartitionInfosResponse.parser());

    public static final ApiMethod<CreatePartitionRequest, CreatePartitionResponse> CREATE_PARTITION =
            ApiMethod.of(ApiKey.CREATE_PARTITION, CreatePartitionResponse.parser());

    public static final ApiMethod<DropPartitionRequest, DropPartitionResponse> DROP_PARTITION =
            ApiMethod.of(ApiKey.DROP_PARTITION, DropPartitionResponse.parser());

    public static final ApiMethod<ListOffsetsRequest, ListOffsetsResponse> LIST_OFFSETS =
            ApiMethod.of(ApiKey.LIST_OFFSETS, ListOffsetsResponse.parser());

    public static final ApiMethod<ProduceLogRequest, ProduceLogResponse> PRODUCE_LOG =
            ApiMethod.of(ApiKey.PRODUCE_LOG, ProduceLogResponse.parser());

    public static final ApiMethod<FetchLogRequest, FetchLogResponse> FETCH_LOG =
            ApiMethod.of(ApiKey.FETCH_LOG, FetchLogResponse.parser());

    public static final ApiMethod<InitWriterRequest, InitWriterResponse> INIT_WRITER =
            ApiMethod.of(ApiKey.INIT_WRITER, InitWriterResponse.parser());

    public static final ApiMethod<PutKvRequest, PutKvResponse> PUT_KV =
            ApiMethod.of(ApiKey.PUT_KV, PutKvResponse.parser());

    public static final ApiMethod<LookupRequest, LookupResponse> LOOKUP =
            ApiMethod.of(ApiKey.LOOKUP, LookupResponse.parser());

    public static final ApiMethod<PrefixLookupRequest, PrefixLookupResponse> PREFIX_LOOKUP =
            ApiMethod.of(ApiKey.PREFIX_LOOKUP, PrefixLookupResponse.parser());

    public static final ApiMethod<LimitScanRequest, LimitScanResponse> LIMIT_SCAN =
            ApiMethod.of(ApiKey.LIMIT_SCAN, LimitScanResponse.parser());

    public static final ApiMethod<GetFileSystemSecurityTokenRequest, GetFileSystemSecurityTokenResponse>
            GET_FILESYSTEM_SECURITY_TOKEN = ApiMethod.of(
                    ApiKey.GET_FILESYSTEM_SECURITY_TOKEN, GetFileSystemSecurityTokenResponse.parser());

    public static final ApiMethod<GetLatestKvSnapshotsRequest, GetLatestKvSnapshotsResponse> GET_LATEST_KV_SNAPSHOTS =
            ApiMethod.of(ApiKey.GET_LATEST_KV_SNAPSHOTS, GetLatestKvSnapshotsResponse.parser());

    public static final ApiMethod<GetKvSnapshotMetadataRequest, GetKvSnapshotMetadataResponse> GET_KV_SNAPSHOT_METADATA =
            ApiMethod.of(ApiKey.GET_KV_SNAPSHOT_METADATA, GetKvSnapshotMetadataResponse.parser());

    public static final ApiMethod<AcquireKvSnapshotLeaseRequest, AcquireKvSnapshotLeaseResponse>
            ACQUIRE_KV_SNAPSHOT_LEASE = ApiMethod.of(
                    ApiKey.ACQUIRE_KV_SNAPSHOT_LEASE, AcquireKvSnapshotLeaseResponse.parser());

    public static final ApiMethod<ReleaseKvSnapshotLeaseRequest, ReleaseKvSnapshotLeaseResponse>
            RELEASE_KV_SNAPSHOT_LEASE = ApiMethod.of(
                    ApiKey.RELEASE_KV_SNAPSHOT_LEASE, ReleaseKvSnapshotLeaseResponse.parser());

    public static final ApiMethod<DropKvSnapshotLeaseRequest, DropKvSnapshotLeaseResponse> DROP_KV_SNAPSHOT_LEASE =
            ApiMethod.of(ApiKey.DROP_KV_SNAPSHOT_LEASE, DropKvSnapshotLeaseResponse.parser());

    private ApiMethods() {
    }
}
