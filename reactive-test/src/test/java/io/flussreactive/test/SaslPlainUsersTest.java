package io.flussreactive.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.fluss.security.auth.sasl.jaas.JaasConfig;
import org.junit.jupiter.api.Test;

/** The users of an embedded cluster, as the servers' JAAS configuration lists them. */
class SaslPlainUsersTest {

    @Test
    void everyUserReadsBackWithItsPasswordThroughTheServersParser() {
        EmbeddedFlussCluster.Builder builder = EmbeddedFlussCluster.builder()
                .saslPlainUser("alice", "alice-secret")
                .saslPlainUser("bob.b-2", "with \"quotes\", a \\ backslash; and = signs")
                .saslPlainUser("alice", "replaced");

        AppConfigurationEntry[] entries = new JaasConfig("server", builder.plainJaasConfig())
                .getAppConfigurationEntry("server");

        assertThat(entries).hasSize(1);
        assertThat(entries[0].getLoginModuleName()).isEqualTo("org.apache.fluss.security.auth.sasl.plain.PlainLoginModule");
        assertThat(entries[0].getControlFlag()).isEqualTo(AppConfigurationEntry.LoginModuleControlFlag.REQUIRED);
        assertThat(entries[0].getOptions()).isEqualTo(Map.of(
                "user_alice", "replaced",
                "user_bob.b-2", "with \"quotes\", a \\ backslash; and = signs"));
    }

    @Test
    void usersThatTheConfigurationCannotHoldAreRefused() {
        EmbeddedFlussCluster.Builder builder = EmbeddedFlussCluster.builder();

        assertThatThrownBy(() -> builder.saslPlainUser("al ice", "secret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("al ice");
        assertThatThrownBy(() -> builder.saslPlainUser("1alice", "secret"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.saslPlainUser("alice", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alice");
        assertThatThrownBy(() -> builder.saslPlainUser("alice", "two\nlines"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("two");
    }
}
