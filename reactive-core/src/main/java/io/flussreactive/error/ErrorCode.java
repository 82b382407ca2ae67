package io.flussreactive.error;

import java.util.function.Function;

/**
 * The error codes of the Fluss protocol, with how a client should react to each.
 *
 * <p>Codes -1 to 63 are those of Fluss 0.9.1; 64 to 73 come from newer servers. A code this
 * client does not know is read as {@link #UNKNOWN_SERVER_ERROR}. Whether a failed call may be
 * retried is a property of the code, not of the exception class, so that codes without a class of
 * their own (reported as {@link FlussServerException}) are still classified.
 */
public enum ErrorCode {
    UNKNOWN_SERVER_ERROR(-1, Retry.NO, UnknownServerException::new),
    /** No error. Servers never send it in an error response; see {@link #toException(String)}. */
    NONE(0, Retry.NO, FlussServerException::new),
    NETWORK_EXCEPTION(1, Retry.AFTER_METADATA_REFRESH, NetworkException::new),
    UNSUPPORTED_VERSION(2, Retry.NO, UnsupportedVersionException::new),
    CORRUPT_MESSAGE(3, Retry.YES, CorruptMessageException::new),
    DATABASE_NOT_EXIST(4, Retry.NO, DatabaseNotExistException::new),
    DATABASE_NOT_EMPTY(5, Retry.NO, DatabaseNotEmptyException::new),
    DATABASE_ALREADY_EXIST(6, Retry.NO, DatabaseAlreadyExistException::new),
    TABLE_NOT_EXIST(7, Retry.NO, TableNotExistException::new),
    TABLE_ALREADY_EXIST(8, Retry.NO, TableAlreadyExistException::new),
    /** Retriable: a schema change may not have reached every server yet. */
    SCHEMA_NOT_EXIST(9, Retry.YES, SchemaNotExistException::new),
    LOG_STORAGE_EXCEPTION(10, Retry.YES, LogStorageException::new),
    KV_STORAGE_EXCEPTION(11, Retry.YES, KvStorageException::new),
    NOT_LEADER_OR_FOLLOWER(12, Retry.AFTER_METADATA_REFRESH, NotLeaderOrFollowerException::new),
    RECORD_TOO_LARGE_EXCEPTION(13, Retry.NO, RecordTooLargeException::new),
    CORRUPT_RECORD_EXCEPTION(14, Retry.YES, CorruptRecordException::new),
    INVALID_TABLE_EXCEPTION(15, Retry.NO, InvalidTableException::new),
    INVALID_DATABASE_EXCEPTION(16, Retry.NO, InvalidDatabaseException::new),
    INVALID_REPLICATION_FACTOR(17, Retry.NO, InvalidReplicationFactorException::new),
    INVALID_REQUIRED_ACKS(18, Retry.NO, InvalidRequiredAcksException::new),
    LOG_OFFSET_OUT_OF_RANGE_EXCEPTION(19, Retry.NO, LogOffsetOutOfRangeException::new),
    NON_PRIMARY_KEY_TABLE_EXCEPTION(20, Retry.NO, NonPrimaryKeyTableException::new),
    UNKNOWN_TABLE_OR_BUCKET_EXCEPTION(21, Retry.AFTER_METADATA_REFRESH, UnknownTableOrBucketException::new),
    /** Exchanged between servers only. */
    INVALID_UPDATE_VERSION_EXCEPTION(22, Retry.NO, FlussServerException::new),
    /** Exchanged between servers only. */
    INVALID_COORDINATOR_EXCEPTION(23, Retry.NO, FlussServerException::new),
    /** Exchanged between servers only. */
    FENCED_LEADER_EPOCH_EXCEPTION(24, Retry.NO, FlussServerException::new),
    REQUEST_TIME_OUT(25, Retry.YES, TimeoutException::new),
    STORAGE_EXCEPTION(26, Retry.YES, StorageException::new),
    /** Exchanged between servers only. */
    OPERATION_NOT_ATTEMPTED_EXCEPTION(27, Retry.NO, FlussServerException::new),
    NOT_ENOUGH_REPLICAS_AFTER_APPEND_EXCEPTION(28, Retry.YES, NotEnoughReplicasAfterAppendException::new),
    NOT_ENOUGH_REPLICAS_EXCEPTION(29, Retry.YES, NotEnoughReplicasException::new),
    SECURITY_TOKEN_EXCEPTION(30, Retry.NO, SecurityTokenException::new),
    /** Not retried as such: an idempotent writer recovers from it by its own rules. */
    OUT_OF_ORDER_SEQUENCE_EXCEPTION(31, Retry.NO, OutOfOrderSequenceException::new),
    /** Not retried: an idempotent writer counts the batch as already written. */
    DUPLICATE_SEQUENCE_EXCEPTION(32, Retry.NO, DuplicateSequenceException::new),
    /** Not retried as such: an idempotent writer recovers from it by its own rules. */
    UNKNOWN_WRITER_ID_EXCEPTION(33, Retry.NO, UnknownWriterIdException::new),
    INVALID_COLUMN_PROJECTION(34, Retry.NO, InvalidColumnProjectionException::new),
    INVALID_TARGET_COLUMN(35, Retry.NO, InvalidTargetColumnException::new),
    PARTITION_NOT_EXISTS(36, Retry.NO, PartitionNotExistException::new),
    TABLE_NOT_PARTITIONED_EXCEPTION(37, Retry.NO, TableNotPartitionedException::new),
    INVALID_TIMESTAMP_EXCEPTION(38, Retry.NO, InvalidTimestampException::new),
    INVALID_CONFIG_EXCEPTION(39, Retry.NO, InvalidConfigException::new),
    LAKE_STORAGE_NOT_CONFIGURED_EXCEPTION(40, Retry.NO, LakeStorageNotConfiguredException::new),
    KV_SNAPSHOT_NOT_EXIST(41, Retry.NO, KvSnapshotNotExistException::new),
    PARTITION_ALREADY_EXISTS(42, Retry.NO, PartitionAlreadyExistsException::new),
    PARTITION_SPEC_INVALID_EXCEPTION(43, Retry.NO, PartitionSpecInvalidException::new),
    LEADER_NOT_AVAILABLE_EXCEPTION(44, Retry.AFTER_METADATA_REFRESH, LeaderNotAvailableException::new),
    PARTITION_MAX_NUM_EXCEPTION(45, Retry.NO, TooManyPartitionsException::new),
    AUTHENTICATE_EXCEPTION(46, Retry.NO, AuthenticationException::new),
    /** Answers ACL administration on a cluster without security, which this client does not cover. */
    SECURITY_DISABLED_EXCEPTION(47, Retry.NO, FlussServerException::new),
    AUTHORIZATION_EXCEPTION(48, Retry.NO, AuthorizationException::new),
    BUCKET_MAX_NUM_EXCEPTION(49, Retry.NO, TooManyBucketsException::new),
    /** Exchanged with the lake tiering service only. */
    FENCED_TIERING_EPOCH_EXCEPTION(50, Retry.NO, FlussServerException::new),
    /** Retriable: the connection sends its credentials again after a back-off. */
    RETRIABLE_AUTHENTICATE_EXCEPTION(51, Retry.YES, RetriableAuthenticationException::new),
    /** Table creation failed because rack-aware placement lacks rack information: a cluster setup problem. */
    INVALID_SERVER_RACK_INFO_EXCEPTION(52, Retry.NO, FlussServerException::new),
    LAKE_SNAPSHOT_NOT_EXIST(53, Retry.NO, LakeSnapshotNotExistException::new),
    LAKE_TABLE_ALREADY_EXIST(54, Retry.NO, LakeTableAlreadyExistException::new),
    /** Exchanged between servers only. */
    INELIGIBLE_REPLICA_EXCEPTION(55, Retry.NO, FlussServerException::new),
    INVALID_ALTER_TABLE_EXCEPTION(56, Retry.NO, InvalidAlterTableException::new),
    DELETION_DISABLED_EXCEPTION(57, Retry.NO, DeletionDisabledException::new),
    /** Server tag and rebalance administration, not covered by this client. */
    SERVER_NOT_EXIST_EXCEPTION(58, Retry.NO, FlussServerException::new),
    /** Server tag administration, not covered by this client. The misspelling is the server's. */
    SEVER_TAG_ALREADY_EXIST_EXCEPTION(59, Retry.NO, FlussServerException::new),
    /** Server tag administration, not covered by this client. The misspelling is the server's. */
    SEVER_TAG_NOT_EXIST_EXCEPTION(60, Retry.NO, FlussServerException::new),
    /** Rebalance administration, not covered by this client. */
    REBALANCE_FAILURE_EXCEPTION(61, Retry.NO, FlussServerException::new),
    /** Rebalance administration, not covered by this client. */
    NO_REBALANCE_IN_PROGRESS_EXCEPTION(62, Retry.NO, FlussServerException::new),
    /** Producer offset administration, not covered by this client. */
    INVALID_PRODUCER_ID_EXCEPTION(63, Retry.NO, FlussServerException::new),
    /** Newer servers: a server-side configuration error. */
    CONFIG_EXCEPTION(64, Retry.NO, FlussServerException::new),
    NOT_COORDINATOR_LEADER_EXCEPTION(65, Retry.NO, NotCoordinatorLeaderException::new),
    /** Newer servers: key-value scanner sessions, not used by this client. */
    SCANNER_EXPIRED(66, Retry.NO, FlussServerException::new),
    /** Newer servers: key-value scanner sessions, not used by this client. */
    UNKNOWN_SCANNER_ID(67, Retry.NO, FlussServerException::new),
    /** Newer servers: key-value scanner sessions, not used by this client. */
    INVALID_SCAN_REQUEST(68, Retry.NO, FlussServerException::new),
    /** Newer servers: key-value scanner sessions, not used by this client. */
    TOO_MANY_SCANNERS(69, Retry.NO, FlussServerException::new),
    DISK_WRITE_LOCKED(70, Retry.YES, DiskWriteLockedException::new),
    /** Newer servers: table or partition creation exceeds the cluster's key-value leader capacity. */
    INSUFFICIENT_KV_LEADER_REPLICA_CAPACITY(71, Retry.NO, FlussServerException::new),
    /** Newer servers: only sent to writers that use a PutKv version this client does not send. */
    STORAGE_BACKPRESSURE_EXCEPTION(72, Retry.YES, FlussServerException::new),
    /** Newer servers: throttling of lookups into historical partitions, not used by this client. */
    HISTORICAL_PARTITION_THROTTLED(73, Retry.YES, FlussServerException::new);

    /** How a client may react to a code. */
    private enum Retry {
        NO,
        YES,
        /** Retriable, but the client's metadata (leaders, tables, servers) is stale: refresh it first. */
        AFTER_METADATA_REFRESH
    }

    private static final int LOWEST_CODE = -1;
    private static final ErrorCode[] BY_CODE = indexByCode();

    private final int code;
    private final Retry retry;
    private final Function<ServerError, FlussException> exceptionFactory;

    ErrorCode(int code, Retry retry, Function<ServerError, FlussException> exceptionFactory) {
        this.code = code;
        this.retry = retry;
        this.exceptionFactory = exceptionFactory;
    }

    /** The number that travels on the wire. */
    public int code() {
        return code;
    }

    /** Whether the failed call may succeed if sent again, possibly to another server. */
    public boolean isRetriable() {
        return retry != Retry.NO;
    }

    /**
     * Whether the error means the client's metadata is stale, so it should refresh metadata
     * (leaders, tables, servers) before it retries. Every such code is also retriable.
     */
    public boolean isInvalidMetadata() {
        return retry == Retry.AFTER_METADATA_REFRESH;
    }

    /**
     * The code with the given wire number, or {@link #UNKNOWN_SERVER_ERROR} for a number this
     * client does not know (for example one added by a newer server).
     */
    public static ErrorCode forCode(int code) {
        int index = code - LOWEST_CODE;
        if (index < 0 || index >= BY_CODE.length || BY_CODE[index] == null) {
            return UNKNOWN_SERVER_ERROR;
        }
        return BY_CODE[index];
    }

    /**
     * The typed exception for an error the server reported with this code.
     *
     * <p>For {@link #NONE} it returns a {@link FlussServerException}: a server that reports "no
     * error" in an error response has still failed the request.
     *
     * @param serverMessage the server's text, kept unchanged; may be null
     */
    public FlussException toException(String serverMessage) {
        return exceptionFactory.apply(new ServerError(this, serverMessage));
    }

    private static ErrorCode[] indexByCode() {
        int highest = LOWEST_CODE;
        for (ErrorCode errorCode : values()) {
            highest = Math.max(highest, errorCode.code);
        }
        ErrorCode[] byCode = new ErrorCode[highest - LOWEST_CODE + 1];
        for (ErrorCode errorCode : values()) {
            int index = errorCode.code - LOWEST_CODE;
            if (byCode[index] != null) {
                throw new IllegalStateException("Error code " + errorCode.code + " is used twice");
            }
            byCode[index] = errorCode;
        }
        return byCode;
    }
}
