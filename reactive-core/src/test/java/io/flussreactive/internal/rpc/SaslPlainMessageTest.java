package io.flussreactive.internal.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.flussreactive.error.AuthenticationException;
import io.flussreactive.error.ErrorCode;
import io.flussreactive.error.FlussException;
import io.flussreactive.error.NetworkException;
import io.flussreactive.internal.proto.AuthenticateRequest;
import io.flussreactive.internal.proto.AuthenticateResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The SASL/PLAIN message, the Authenticate request that carries it, and how failures are worded. */
class SaslPlainMessageTest {

    private static final PlainCredentials ALICE = new PlainCredentials("alice", "secret");

    @Test
    void theMessageIsNulUserNulPasswordWithoutAnAuthorizationId() {
        assertThat(ALICE.initialResponse()).isEqualTo(bytes("\0alice\0secret"));
    }

    @Test
    void userAndPasswordAreUtf8() {
        PlainCredentials credentials = new PlainCredentials("jürgen", "pässwörd€");

        assertThat(credentials.initialResponse()).isEqualTo(bytes("\0jürgen\0pässwörd€"));
        assertThat(credentials.initialResponse()).hasSize(2 + 7 + 13);
    }

    /** The example frame of the protocol reference: request id 1, user alice, password secret. */
    @Test
    void theAuthenticateFrameIsByteForByteTheReferenceExample() {
        AuthenticateRequest request = SaslPlainExchange.request(ALICE);

        ByteBuf frame = RequestFrame.encode(PooledByteBufAllocator.DEFAULT, ApiKey.AUTHENTICATE, (short) 0, 1, request);
        try {
            assertThat(ByteBufUtil.hexDump(frame)).isEqualTo(
                    "0000001e" + "040e" + "0000" + "00000001"
                            + "0a05" + hex("PLAIN")
                            + "120d" + "00" + hex("alice") + "00" + hex("secret"));
        } finally {
            frame.release();
        }
    }

    @Test
    void credentialsThatPlainCannotCarryOrTheServerRefusesAreRejectedWithoutShowingThePassword() {
        assertThatThrownBy(() -> new PlainCredentials("", "secret")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user name must not be empty");
        assertThatThrownBy(() -> new PlainCredentials("alice", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password of user 'alice' must not be empty");
        assertThatThrownBy(() -> new PlainCredentials("al\0ice", "secret")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> new PlainCredentials("alice", "sec\0ret")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL")
                .hasMessageNotContaining("sec");
        assertThatThrownBy(() -> new PlainCredentials(null, "secret")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new PlainCredentials("alice", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void credentialsPrintWithoutThePassword() {
        assertThat(ALICE.toString()).contains("alice").doesNotContain("secret");
        TransportOptions options = new TransportOptions(
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1024, 1, ALICE);
        assertThat(options.toString()).contains("alice").doesNotContain("secret");
    }

    @Test
    void anEmptyOrMissingChallengeMeansAccepted() {
        SaslPlainExchange.checkAnswer(AuthenticateResponse.newBuilder().setChallenge(ByteString.EMPTY).build(),
                ALICE, "host:1");
        SaslPlainExchange.checkAnswer(AuthenticateResponse.getDefaultInstance(), ALICE, "host:1");
    }

    @Test
    void aChallengeIsMoreThanPlainCanAnswer() {
        AuthenticateResponse challenge = AuthenticateResponse.newBuilder().setChallenge(ByteString.copyFromUtf8("more?")).build();

        assertThatThrownBy(() -> SaslPlainExchange.checkAnswer(challenge, ALICE, "host:1"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("user 'alice'")
                .hasMessageContaining("host:1")
                .hasMessageContaining("challenge");
    }

    @Test
    void aRefusalNamesTheUserAndTheServerAndKeepsWhatTheServerSaid() {
        FlussException refused = ErrorCode.AUTHENTICATE_EXCEPTION.toException("Authentication failed: Invalid username or password");

        Throwable explained = SaslPlainExchange.explainFailure(refused, ALICE, "host:1");

        assertThat(explained).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("user 'alice'")
                .hasMessageContaining("host:1")
                .hasMessageContaining("Invalid username or password")
                .hasMessageNotContaining("secret")
                .hasCause(refused);
        assertThat(((AuthenticationException) explained).isRetriable()).isFalse();
    }

    @Test
    void aRefusalByAListenerWithoutAuthenticationSaysSo() {
        FlussException refused = ErrorCode.AUTHENTICATE_EXCEPTION.toException(
                "Authenticate protocol not match: protocol of server is 'PLAINTEXT' while protocol of client is 'PLAIN'");

        assertThat(SaslPlainExchange.explainFailure(refused, ALICE, "host:1"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("host:1 does not authenticate clients")
                .hasMessageContaining(SaslPlainExchange.CREDENTIALS_OPTION);
    }

    @Test
    void failuresOfTheTransportAreNotReworded() {
        NetworkException closed = new NetworkException("closed");

        assertThat(SaslPlainExchange.explainFailure(closed, ALICE, "host:1")).isSameAs(closed);
        assertThat(SaslPlainExchange.explainUnauthenticated(closed, "host:1")).isSameAs(closed);
    }

    @Test
    void aRefusalOfAnUnauthenticatedRequestNamesTheMissingSetting() {
        FlussException refused = ErrorCode.AUTHENTICATE_EXCEPTION.toException(
                "The connection has not completed authentication yet.");

        assertThat(SaslPlainExchange.explainUnauthenticated(refused, "host:1"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("host:1 requires SASL authentication")
                .hasMessageContaining(SaslPlainExchange.CREDENTIALS_OPTION)
                .hasCause(refused);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(String text) {
        return ByteBufUtil.hexDump(bytes(text));
    }
}
