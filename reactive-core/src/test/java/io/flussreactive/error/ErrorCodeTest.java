package io.flussreactive.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorCodeTest {

    /** What a client must do about one code, as the Fluss servers define it. */
    record Expected(int code, String name, boolean retriable, boolean invalidMetadata,
            Class<? extends FlussException> exception) {
    }

    private static Expected no(int code, String name, Class<? extends FlussException> exception) {
        return new Expected(code, name, false, false, exception);
    }

    private static Expected retriable(int code, String name, Class<? extends FlussException> exception) {
        return new Expected(code, name, true, false, exception);
    }

    private static Expected refreshMetadata(int code, String name, Class<? extends FlussException> exception) {
        return new Expected(code, name, true, true, exception);
    }

    /**
     * Codes -1..63 and their flags as the 0.9.1 servers classify them; 64..73 as newer servers do.
     * RETRIABLE_AUTHENTICATE_EXCEPTION is retriable here because the connection retries it.
     */
    static Stream<Expected> expectedCodes() {
        return Stream.of(
                no(-1, "UNKNOWN_SERVER_ERROR", UnknownServerException.class),
                no(0, "NONE", FlussServerException.class),
                refreshMetadata(1, "NETWORK_EXCEPTION", NetworkException.class),
                no(2, "UNSUPPORTED_VERSION", UnsupportedVersionException.class),
                retriable(3, "CORRUPT_MESSAGE", CorruptMessageException.class),
                no(4, "DATABASE_NOT_EXIST", DatabaseNotExistException.class),
                no(5, "DATABASE_NOT_EMPTY", DatabaseNotEmptyException.class),
                no(6, "DATABASE_ALREADY_EXIST", DatabaseAlreadyExistException.class),
                no(7, "TABLE_NOT_EXIST", TableNotExistException.class),
                no(8, "TABLE_ALREADY_EXIST", TableAlreadyExistException.class),
                retriable(9, "SCHEMA_NOT_EXIST", SchemaNotExistException.class),
                retriable(10, "LOG_STORAGE_EXCEPTION", LogStorageException.class),
                retriable(11, "KV_STORAGE_EXCEPTION", KvStorageException.class),
                refreshMetadata(12, "NOT_LEADER_OR_FOLLOWER", NotLeaderOrFollowerException.class),
                no(13, "RECORD_TOO_LARGE_EXCEPTION", RecordTooLargeException.class),
                retriable(14, "CORRUPT_RECORD_EXCEPTION", CorruptRecordException.class),
                no(15, "INVALID_TABLE_EXCEPTION", InvalidTableException.class),
                no(16, "INVALID_DATABASE_EXCEPTION", InvalidDatabaseException.class),
                no(17, "INVALID_REPLICATION_FACTOR", InvalidReplicationFactorException.class),
                no(18, "INVALID_REQUIRED_ACKS", InvalidRequiredAcksException.class),
                no(19, "LOG_OFFSET_OUT_OF_RANGE_EXCEPTION", LogOffsetOutOfRangeException.class),
                no(20, "NON_PRIMARY_KEY_TABLE_EXCEPTION", NonPrimaryKeyTableException.class),
                refreshMetadata(21, "UNKNOWN_TABLE_OR_BUCKET_EXCEPTION", UnknownTableOrBucketException.class),
                no(22, "INVALID_UPDATE_VERSION_EXCEPTION", FlussServerException.class),
                no(23, "INVALID_COORDINATOR_EXCEPTION", FlussServerException.class),
                no(24, "FENCED_LEADER_EPOCH_EXCEPTION", FlussServerException.class),
                retriable(25, "REQUEST_TIME_OUT", TimeoutException.class),
                retriable(26, "STORAGE_EXCEPTION", StorageException.class),
                no(27, "OPERATION_NOT_ATTEMPTED_EXCEPTION", FlussServerException.class),
                retriable(28, "NOT_ENOUGH_REPLICAS_AFTER_APPEND_EXCEPTION", NotEnoughReplicasAfterAppendException.class),
                retriable(29, "NOT_ENOUGH_REPLICAS_EXCEPTION", NotEnoughReplicasException.class),
                no(30, "SECURITY_TOKEN_EXCEPTION", SecurityTokenException.class),
                no(31, "OUT_OF_ORDER_SEQUENCE_EXCEPTION", OutOfOrderSequenceException.class),
                no(32, "DUPLICATE_SEQUENCE_EXCEPTION", DuplicateSequenceException.class),
                no(33, "UNKNOWN_WRITER_ID_EXCEPTION", UnknownWriterIdException.class),
                no(34, "INVALID_COLUMN_PROJECTION", InvalidColumnProjectionException.class),
                no(35, "INVALID_TARGET_COLUMN", InvalidTargetColumnException.class),
                no(36, "PARTITION_NOT_EXISTS", PartitionNotExistException.class),
                no(37, "TABLE_NOT_PARTITIONED_EXCEPTION", TableNotPartitionedException.class),
                no(38, "INVALID_TIMESTAMP_EXCEPTION", InvalidTimestampException.class),
                no(39, "INVALID_CONFIG_EXCEPTION", InvalidConfigException.class),
                no(40, "LAKE_STORAGE_NOT_CONFIGURED_EXCEPTION", LakeStorageNotConfiguredException.class),
                no(41, "KV_SNAPSHOT_NOT_EXIST", KvSnapshotNotExistException.class),
                no(42, "PARTITION_ALREADY_EXISTS", PartitionAlreadyExistsException.class),
                no(43, "PARTITION_SPEC_INVALID_EXCEPTION", PartitionSpecInvalidException.class),
                refreshMetadata(44, "LEADER_NOT_AVAILABLE_EXCEPTION", LeaderNotAvailableException.class),
                no(45, "PARTITION_MAX_NUM_EXCEPTION", TooManyPartitionsException.class),
                no(46, "AUTHENTICATE_EXCEPTION", AuthenticationException.class),
                no(47, "SECURITY_DISABLED_EXCEPTION", FlussServerException.class),
                no(48, "AUTHORIZATION_EXCEPTION", AuthorizationException.class),
                no(49, "BUCKET_MAX_NUM_EXCEPTION", TooManyBucketsException.class),
                no(50, "FENCED_TIERING_EPOCH_EXCEPTION", FlussServerException.class),
                retriable(51, "RETRIABLE_AUTHENTICATE_EXCEPTION", RetriableAuthenticationException.class),
                no(52, "INVALID_SERVER_RACK_INFO_EXCEPTION", FlussServerException.class),
                no(53, "LAKE_SNAPSHOT_NOT_EXIST", LakeSnapshotNotExistException.class),
                no(54, "LAKE_TABLE_ALREADY_EXIST", LakeTableAlreadyExistException.class),
                no(55, "INELIGIBLE_REPLICA_EXCEPTION", FlussServerException.class),
                no(56, "INVALID_ALTER_TABLE_EXCEPTION", InvalidAlterTableException.class),
                no(57, "DELETION_DISABLED_EXCEPTION", DeletionDisabledException.class),
                no(58, "SERVER_NOT_EXIST_EXCEPTION", FlussServerException.class),
                no(59, "SEVER_TAG_ALREADY_EXIST_EXCEPTION", FlussServerException.class),
                no(60, "SEVER_TAG_NOT_EXIST_EXCEPTION", FlussServerException.class),
                no(61, "REBALANCE_FAILURE_EXCEPTION", FlussServerException.class),
                no(62, "NO_REBALANCE_IN_PROGRESS_EXCEPTION", FlussServerException.class),
                no(63, "INVALID_PRODUCER_ID_EXCEPTION", FlussServerException.class),
                no(64, "CONFIG_EXCEPTION", FlussServerException.class),
                no(65, "NOT_COORDINATOR_LEADER_EXCEPTION", NotCoordinatorLeaderException.class),
                no(66, "SCANNER_EXPIRED", FlussServerException.class),
                no(67, "UNKNOWN_SCANNER_ID", FlussServerException.class),
                no(68, "INVALID_SCAN_REQUEST", FlussServerException.class),
                no(69, "TOO_MANY_SCANNERS", FlussServerException.class),
                retriable(70, "DISK_WRITE_LOCKED", DiskWriteLockedException.class),
                no(71, "INSUFFICIENT_KV_LEADER_REPLICA_CAPACITY", FlussServerException.class),
                retriable(72, "STORAGE_BACKPRESSURE_EXCEPTION", FlussServerException.class),
                retriable(73, "HISTORICAL_PARTITION_THROTTLED", FlussServerException.class));
    }

    @Test
    void everyCodeFromMinusOneToSeventyThreeIsDefinedAndPinned() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::name))
                .containsExactlyInAnyOrderElementsOf(expectedCodes().map(Expected::name).toList());
        assertThat(Arrays.stream(ErrorCode.values()).mapToInt(ErrorCode::code).sorted().toArray())
                .containsExactly(IntStream.rangeClosed(-1, 73).toArray());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedCodes")
    void codeNumberAndFlagsMatchTheServer(Expected expected) {
        ErrorCode errorCode = ErrorCode.forCode(expected.code());

        assertThat(errorCode.name()).isEqualTo(expected.name());
        assertThat(errorCode.code()).isEqualTo(expected.code());
        assertThat(errorCode.isRetriable()).as("retriable").isEqualTo(expected.retriable());
        assertThat(errorCode.isInvalidMetadata()).as("invalid metadata").isEqualTo(expected.invalidMetadata());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedCodes")
    void toExceptionBuildsTheTypedExceptionForTheCode(Expected expected) {
        ErrorCode errorCode = ErrorCode.valueOf(expected.name());

        FlussException exception = errorCode.toException("server text");

        assertThat(exception).isExactlyInstanceOf(expected.exception());
        assertThat(exception.errorCode()).isSameAs(errorCode);
        assertThat(exception.isRetriable()).isEqualTo(errorCode.isRetriable());
        assertThat(exception.serverMessage()).isEqualTo("server text");
        assertThat(exception.getCause()).isNull();
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void invalidMetadataCodesAreRetriable(ErrorCode errorCode) {
        if (errorCode.isInvalidMetadata()) {
            assertThat(errorCode.isRetriable()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-2, 74, 100, 1000, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void unknownCodesMapToUnknownServerError(int code) {
        assertThat(ErrorCode.forCode(code)).isSameAs(ErrorCode.UNKNOWN_SERVER_ERROR);
    }

    @Test
    void forCodeLooksUpAnIndexInsteadOfScanningTheConstants() {
        Field[] indexes = Arrays.stream(ErrorCode.class.getDeclaredFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && !field.isSynthetic() && !field.isEnumConstant())
                .filter(field -> field.getType() == ErrorCode[].class || Map.class.isAssignableFrom(field.getType()))
                .toArray(Field[]::new);

        assertThat(indexes).as("a static array or map indexed by code").isNotEmpty();
    }

    @Test
    void messageNamesTheCodeAndKeepsTheServerText() {
        FlussException exception = ErrorCode.forCode(7).toException("Table 'db.t' does not exist.");

        assertThat(exception).isInstanceOf(TableNotExistException.class);
        assertThat(exception.getMessage()).isEqualTo("TABLE_NOT_EXIST (7): Table 'db.t' does not exist.");
        assertThat(exception.serverMessage()).isEqualTo("Table 'db.t' does not exist.");
    }

    @Test
    void missingServerTextLeavesTheCodeAlone() {
        FlussException exception = ErrorCode.LEADER_NOT_AVAILABLE_EXCEPTION.toException(null);

        assertThat(exception.getMessage()).isEqualTo("LEADER_NOT_AVAILABLE_EXCEPTION (44)");
        assertThat(exception.serverMessage()).isNull();
    }

    @Test
    void unknownCodeKeepsTheServerText() {
        FlussException exception = ErrorCode.forCode(999).toException("java.lang.IllegalStateException: boom");

        assertThat(exception).isInstanceOf(UnknownServerException.class);
        assertThat(exception.isRetriable()).isFalse();
        assertThat(exception.serverMessage()).isEqualTo("java.lang.IllegalStateException: boom");
    }

    @Test
    void connectionFailureDetectedByTheClientIsARetriableNetworkException() {
        IOException cause = new IOException("Connection refused");

        NetworkException exception = new NetworkException("Could not connect to 127.0.0.1:9123", cause);

        assertThat(exception.errorCode()).isSameAs(ErrorCode.NETWORK_EXCEPTION);
        assertThat(exception.isRetriable()).isTrue();
        assertThat(exception.errorCode().isInvalidMetadata()).isTrue();
        assertThat(exception.serverMessage()).isNull();
        assertThat(exception.getCause()).isSameAs(cause);
        assertThat(exception.getMessage()).isEqualTo("NETWORK_EXCEPTION (1): Could not connect to 127.0.0.1:9123");
    }

    @Test
    void requestWithoutAnAnswerIsARetriableTimeout() {
        TimeoutException exception = new TimeoutException("FETCH_LOG got no answer within 30000 ms");

        assertThat(exception.errorCode()).isSameAs(ErrorCode.REQUEST_TIME_OUT);
        assertThat(exception.isRetriable()).isTrue();
        assertThat(exception.serverMessage()).isNull();
        assertThat(exception.getCause()).isNull();
    }

    @Test
    void failedVersionNegotiationIsNotRetriable() {
        UnsupportedVersionException exception = new UnsupportedVersionException("No common version of PUT_KV", null);

        assertThat(exception.errorCode()).isSameAs(ErrorCode.UNSUPPORTED_VERSION);
        assertThat(exception.isRetriable()).isFalse();
        assertThat(exception.serverMessage()).isNull();
    }

    @Test
    void hierarchyIsFlatAndClosed() {
        var classes = expectedCodes().map(Expected::exception).collect(Collectors.toSet());

        assertThat(classes).allSatisfy(type -> {
            assertThat(type.getSuperclass()).isEqualTo(FlussException.class);
            assertThat(Modifier.isFinal(type.getModifiers())).isTrue();
        });
    }
}
