package io.flussreactive.spring.boot.testapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.flussreactive.FlussClient;
import io.flussreactive.test.EmbeddedFlussCluster;
import io.flussreactive.test.FlussTestCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * {@link FlussTestCluster} in an application that also turns on the starter's development services: the
 * test's cluster is the only one, and no second cluster is started.
 */
@SpringBootTest(properties = "fluss.embedded.enabled=true")
@FlussTestCluster
class FlussTestClusterWithDevServicesIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    FlussClient client;

    @Test
    void theClientUsesTheTestsClusterAndNoOtherIsStarted(EmbeddedFlussCluster fromTheExtension) {
        assertThat(context.getBeansOfType(EmbeddedFlussCluster.class).values()).containsExactly(fromTheExtension);
        assertThat(String.join(",", client.options().bootstrapServers())).isEqualTo(fromTheExtension.bootstrapServers());
        assertThat(client.admin().listDatabases().collectList().block(Duration.ofSeconds(60))).isNotEmpty();
    }
}
