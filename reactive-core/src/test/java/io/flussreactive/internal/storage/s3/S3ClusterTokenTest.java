package io.flussreactive.internal.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flussreactive.error.SecurityTokenException;
import io.flussreactive.storage.FileSystemToken;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.fluss.fs.token.Credentials;
import org.apache.fluss.fs.token.CredentialsJsonSerde;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Decoding of the cluster's S3 tokens, with token bytes made by the servers' own serializer (the Fluss
 * classes on the test class path) and additional information under the keys the servers' S3 plugin uses.
 */
class S3ClusterTokenTest {

    private static final Instant EXPIRY = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void sessionCredentialsAndTheServersSettingsAreRead() {
        byte[] bytes = CredentialsJsonSerde.toJson(new Credentials("ASIAEXAMPLE", "secret/with+chars", "session-token"));
        FileSystemToken token = new FileSystemToken("s3", bytes, EXPIRY, Map.of(
                "fs.s3a.endpoint", "http://127.0.0.1:9000",
                "fs.s3a.region", "eu-west-1",
                "fs.s3a.path.style.access", "true"));

        S3ClusterToken decoded = S3ClusterToken.decode(token);

        assertThat(decoded).isEqualTo(new S3ClusterToken("ASIAEXAMPLE", "secret/with+chars", "session-token",
                "http://127.0.0.1:9000", "eu-west-1", true));
        AwsCredentialsIdentity identity = ClusterTokenCredentials.identity(decoded);
        assertThat(identity).isInstanceOf(AwsSessionCredentialsIdentity.class);
        assertThat(((AwsSessionCredentialsIdentity) identity).sessionToken()).isEqualTo("session-token");
        assertThat(identity.accessKeyId()).isEqualTo("ASIAEXAMPLE");
        assertThat(identity.secretAccessKey()).isEqualTo("secret/with+chars");
    }

    @Test
    void aTokenWithoutSessionTokenOrSettingsGivesLongTermKeysAndNoSettings() {
        byte[] bytes = CredentialsJsonSerde.toJson(new Credentials("AKIAEXAMPLE", "secret", null));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"security_token\":null");

        S3ClusterToken decoded = S3ClusterToken.decode(new FileSystemToken("s3", bytes, null, Map.of()));

        assertThat(decoded).isEqualTo(new S3ClusterToken("AKIAEXAMPLE", "secret", null, null, null, null));
        assertThat(ClusterTokenCredentials.identity(decoded)).isNotInstanceOf(AwsSessionCredentialsIdentity.class);
    }

    @Test
    void aBareHostEndpointIsReachedOverHttpsAsTheServersS3PluginDoes() {
        assertThat(S3ClientFactory.endpointUri("s3.eu-west-1.amazonaws.com"))
                .isEqualTo(URI.create("https://s3.eu-west-1.amazonaws.com"));
        assertThat(S3ClientFactory.endpointUri("http://minio:9000")).isEqualTo(URI.create("http://minio:9000"));
    }

    @Test
    void aTokenOfAnotherFormatFailsWithoutShowingItsText() {
        FileSystemToken notJson = new FileSystemToken("s3", "secret-text{".getBytes(StandardCharsets.UTF_8), null, Map.of());
        assertThatThrownBy(() -> S3ClusterToken.decode(notJson))
                .isInstanceOf(SecurityTokenException.class)
                .hasMessageContaining("not JSON")
                .hasMessageNotContaining("secret-text")
                .hasNoCause();

        FileSystemToken noKey = new FileSystemToken("s3", "{\"version\":1,\"access_key_secret\":\"s\"}"
                .getBytes(StandardCharsets.UTF_8), null, Map.of());
        assertThatThrownBy(() -> S3ClusterToken.decode(noKey))
                .isInstanceOf(SecurityTokenException.class)
                .hasMessageContaining("access_key_id");
    }

    @Test
    void theDecodedTokenNeverShowsItsSecrets() {
        S3ClusterToken token = new S3ClusterToken("AKIAEXAMPLE", "the-secret", "the-session", null, null, null);
        assertThat(token.toString()).contains("AKIAEXAMPLE").doesNotContain("the-secret", "the-session");
    }
}
