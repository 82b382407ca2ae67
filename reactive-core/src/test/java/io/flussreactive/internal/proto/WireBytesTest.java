package io.flussreactive.internal.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.UninitializedMessageException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks that the generated messages produce exactly the bytes a Fluss 0.9.1 server expects. */
class WireBytesTest {

    @Test
    void apiVersionsRequestMatchesTheHandshakeExample() {
        ApiVersionsRequest request = ApiVersionsRequest.newBuilder()
                .setClientSoftwareName("fluss")
                .setClientSoftwareVersion("0.1.0")
                .build();

        assertThat(hex(request)).isEqualTo("0a 05 66 6c 75 73 73 12 05 30 2e 31 2e 30");
    }

    @Test
    void authenticateRequestMatchesThePlainExample() {
        byte[] token = "\0alice\0secret".getBytes(StandardCharsets.UTF_8);
        AuthenticateRequest request = AuthenticateRequest.newBuilder()
                .setProtocol("PLAIN")
                .setToken(ByteString.copyFrom(token))
                .build();

        assertThat(hex(request)).isEqualTo(
                "0a 05 50 4c 41 49 4e 12 0d 00 61 6c 69 63 65 00 73 65 63 72 65 74");
    }

    @Test
    void explicitlySetDefaultValuesAreStillWritten() {
        // The server treats an absent required field as a broken request, so bucket 0 must travel.
        PbFetchLogReqForBucket bucket = PbFetchLogReqForBucket.newBuilder()
                .setBucketId(0)
                .setFetchOffset(0)
                .setMaxFetchBytes(0)
                .build();

        assertThat(hex(bucket)).isEqualTo("10 00 18 00 20 00");
    }

    @Test
    void negativeInt32IsATenByteVarintWithoutZigZag() {
        FetchLogRequest request = FetchLogRequest.newBuilder()
                .setFollowerServerId(-1)
                .setMaxBytes(1)
                .build();

        assertThat(hex(request)).isEqualTo("08 ff ff ff ff ff ff ff ff ff 01 10 01");
    }

    @Test
    void repeatedNumbersMarkedPackedAreWrittenAsOneLengthDelimitedField() {
        ListOffsetsRequest request = ListOffsetsRequest.newBuilder()
                .setFollowerServerId(-1)
                .setOffsetType(0)
                .setTableId(5)
                .addAllBucketId(List.of(0, 1, 2))
                .build();

        assertThat(hex(request)).isEqualTo("08 ff ff ff ff ff ff ff ff ff 01 10 00 18 05 2a 03 00 01 02");
    }

    @Test
    void fieldNumbersWithGapsKeepTheServersNumbering() {
        LimitScanRequest limitScan = LimitScanRequest.newBuilder()
                .setTableId(1)
                .setBucketId(2)
                .setLimit(3)
                .build();
        GetDatabaseInfoResponse databaseInfo = GetDatabaseInfoResponse.newBuilder()
                .setDatabaseJson(ByteString.copyFromUtf8("{}"))
                .setCreatedTime(1)
                .setModifiedTime(2)
                .build();

        assertThat(hex(limitScan)).isEqualTo("10 01 20 02 28 03");
        assertThat(hex(databaseInfo)).isEqualTo("1a 02 7b 7d 20 01 28 02");
    }

    @Test
    void absentPerBucketErrorCodeMeansSuccess() throws InvalidProtocolBufferException {
        // bucket_id = 3, base_offset = 42: no error_code field at all.
        PbProduceLogRespForBucket response = PbProduceLogRespForBucket.parseFrom(bytes("10 03 28 2a"));

        assertThat(response.hasErrorCode()).isFalse();
        assertThat(response.getBaseOffset()).isEqualTo(42);
    }

    @Test
    void messageMissingARequiredFieldCannotBeBuilt() {
        ApiVersionsRequest.Builder builder = ApiVersionsRequest.newBuilder().setClientSoftwareName("fluss");

        assertThat(builder.isInitialized()).isFalse();
        assertThatThrownBy(builder::build)
                .isInstanceOf(UninitializedMessageException.class)
                .hasMessageContaining("client_software_version");
    }

    @Test
    void requiredFieldInsideANestedMessageIsCheckedToo() {
        ProduceLogRequest.Builder builder = ProduceLogRequest.newBuilder()
                .setAcks(-1)
                .setTableId(1)
                .setTimeoutMs(30_000)
                .addBucketsReq(PbProduceLogReqForBucket.newBuilder().setBucketId(0).buildPartial());

        assertThatThrownBy(builder::build)
                .isInstanceOf(UninitializedMessageException.class)
                .hasMessageContaining("records");
    }

    @Test
    void responseMissingARequiredFieldIsRejectedWhenParsed() {
        // ErrorResponse with only error_message set; error_code (#1) is required.
        byte[] body = bytes("12 02 68 69");

        assertThatThrownBy(() -> ErrorResponse.parseFrom(body)).isInstanceOf(InvalidProtocolBufferException.class);
    }

    private static String hex(MessageLite message) {
        return HexFormat.ofDelimiter(" ").formatHex(message.toByteArray());
    }

    private static byte[] bytes(String hex) {
        return HexFormat.ofDelimiter(" ").parseHex(hex);
    }
}
