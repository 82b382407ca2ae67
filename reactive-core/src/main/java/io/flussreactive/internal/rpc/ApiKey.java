package io.flussreactive.internal.rpc;

/**
 * The Fluss APIs this client calls, with their wire key and the range of versions the client speaks.
 *
 * <p>The version actually sent is negotiated per connection against the server's ApiVersions answer
 * ({@link ServerApiVersions}). PutKv, Lookup and PrefixLookup speak version 1: it tells the server that
 * the client chooses its key encoder from the table's {@code table.kv.format-version}.
 */
public enum ApiKey {
    API_VERSIONS(1000),
    CREATE_DATABASE(1001),
    DROP_DATABASE(1002),
    LIST_DATABASES(1003),
    DATABASE_EXISTS(1004),
    CREATE_TABLE(1005),
    DROP_TABLE(1006),
    GET_TABLE_INFO(1007),
    LIST_TABLES(1008),
    LIST_PARTITION_INFOS(1009),
    TABLE_EXISTS(1010),
    GET_TABLE_SCHEMA(1011),
    GET_METADATA(1012),
    PRODUCE_LOG(1014),
    FETCH_LOG(1015),
    PUT_KV(1016, 1),
    LOOKUP(1017, 1),
    LIST_OFFSETS(1021),
    GET_LATEST_KV_SNAPSHOTS(1023),
    GET_KV_SNAPSHOT_METADATA(1024),
    GET_FILESYSTEM_SECURITY_TOKEN(1025),
    INIT_WRITER(1026),
    LIMIT_SCAN(1033),
    PREFIX_LOOKUP(1034, 1),
    GET_DATABASE_INFO(1035),
    CREATE_PARTITION(1036),
    DROP_PARTITION(1037),
    AUTHENTICATE(1038),
    ALTER_TABLE(1044),
    DESCRIBE_CLUSTER_CONFIGS(1045),
    ACQUIRE_KV_SNAPSHOT_LEASE(1056),
    RELEASE_KV_SNAPSHOT_LEASE(1057),
    DROP_KV_SNAPSHOT_LEASE(1058),
    GET_TABLE_STATS(1059);

    private final short id;
    private final short maxVersion;

    ApiKey(int id) {
        this(id, 0);
    }

    ApiKey(int id, int maxVersion) {
        this.id = (short) id;
        this.maxVersion = (short) maxVersion;
    }

    /** The key written into every request header. */
    public short id() {
        return id;
    }

    /** The lowest version this client can speak. */
    public short minVersion() {
        return 0;
    }

    /** The highest version this client can speak. */
    public short maxVersion() {
        return maxVersion;
    }
}
