package io.flussreactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The SASL/PLAIN setting of the client options. */
class SaslPlainOptionsTest {

    private static FlussClientOptions.Builder options() {
        return FlussClientOptions.builder().bootstrapServers("127.0.0.1:9123");
    }

    @Test
    void withoutTheSettingTheClientDoesNotAuthenticate() {
        FlussClientOptions options = options().build();

        assertThat(options.saslUsername()).isEmpty();
        assertThat(options.credentials()).isNull();
        assertThat(options.toString()).contains("authentication=none");
    }

    @Test
    void theUserIsReadableAndPrintedButThePasswordIsNeither() {
        FlussClientOptions options = options().saslPlain("alice", "alice-secret").build();

        assertThat(options.saslUsername()).contains("alice");
        assertThat(options.toString()).contains("alice").doesNotContain("alice-secret");
        assertThat(options.credentials().password()).isEqualTo("alice-secret");
    }

    @Test
    void credentialsThatCannotBeSentAreRefusedWhenBuilt() {
        assertThatThrownBy(() -> options().saslPlain("", "secret").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user name");
        assertThatThrownBy(() -> options().saslPlain("alice", "").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> options().saslPlain(null, "secret"))
                .isInstanceOf(NullPointerException.class);
    }
}
