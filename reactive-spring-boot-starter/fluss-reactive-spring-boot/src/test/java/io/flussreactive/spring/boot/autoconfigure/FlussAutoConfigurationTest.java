package io.flussreactive.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flussreactive.CircuitBreakerPolicy;
import io.flussreactive.FlussClient;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.RetryPolicies;
import io.flussreactive.RetryPolicies.Operation;
import io.flussreactive.admin.FlussAdmin;
import io.flussreactive.error.NetworkException;
import io.flussreactive.error.NotLeaderOrFollowerException;
import io.flussreactive.lookup.LookupOptions;
import io.flussreactive.scan.ScanOptions;
import io.flussreactive.write.Acks;
import io.flussreactive.write.BucketAssignment;
import io.flussreactive.write.WriterOptions;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** What {@link FlussAutoConfiguration} makes, from which properties, and what it leaves to the application. */
class FlussAutoConfigurationTest {

    /** Nothing listens there: the tests never reach a server (the client connects on first use only). */
    private static final String NO_SERVER = "127.0.0.1:1";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FlussAutoConfiguration.class));

    @Test
    void withoutPropertiesTheClientHasTheClientsDefaultsAndBootstrapsFromLocalhost() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(FlussClient.class).hasSingleBean(FlussAdmin.class)
                    .hasSingleBean(PropertiesFlussConnectionDetails.class);
            FlussClientOptions options = context.getBean(FlussClient.class).options();
            FlussClientOptions defaults = FlussClientOptions.builder().bootstrapServers("localhost:9123").build();
            assertThat(options.bootstrapServers()).containsExactly("localhost:9123");
            assertThat(options.connectionsPerServer()).isEqualTo(defaults.connectionsPerServer());
            assertThat(options.connectTimeout()).isEqualTo(defaults.connectTimeout());
            assertThat(options.requestTimeout()).isEqualTo(defaults.requestTimeout());
            assertThat(options.maxResponseFrameBytes()).isEqualTo(defaults.maxResponseFrameBytes());
            assertThat(options.writeBufferBytes()).isEqualTo(defaults.writeBufferBytes());
            assertThat(options.writerDefaults()).usingRecursiveComparison().isEqualTo(WriterOptions.defaults());
            assertThat(options.scanDefaults()).isEqualTo(ScanOptions.defaults());
            assertThat(options.lookupDefaults()).isEqualTo(LookupOptions.defaults());
            for (Operation operation : Operation.values()) {
                assertIsTheClientsDefault(options.retryPolicies().policy(operation), operation);
            }
            assertThat(options.retryPolicies().registry()).isEmpty();
            assertThat(options.circuitBreakerPolicy().isEnabled()).isTrue();
            assertThat(options.circuitBreakerPolicy().config()).usingRecursiveComparison()
                    .isEqualTo(CircuitBreakerPolicy.defaults().config());
            assertThat(options.circuitBreakerPolicy().registry()).isEmpty();
            assertThat(options.saslUsername()).isEmpty();
            assertThat(context.getBean(FlussAdmin.class)).isSameAs(context.getBean(FlussClient.class).admin());
        });
    }

    @Test
    void eachPropertySetsItsClientOption() {
        runner.withPropertyValues(
                "fluss.bootstrap-servers=fluss-1:9123,fluss-2:9124",
                "fluss.connections-per-server=2",
                "fluss.connect-timeout=3s",
                "fluss.request-timeout=7s",
                "fluss.max-response-frame-size=32MB",
                "fluss.write-buffer=16MB",
                "fluss.writer.batch-size=512KB",
                "fluss.writer.linger=20ms",
                "fluss.writer.linger-only-when-busy=false",
                "fluss.writer.acks=leader",
                "fluss.writer.idempotence=false",
                "fluss.writer.max-in-flight-batches-per-bucket=8",
                "fluss.writer.delivery-timeout=45s",
                "fluss.writer.bucket-assignment=round-robin",
                "fluss.writer.create-missing-partitions=false",
                "fluss.writer.max-pending-results=100",
                "fluss.writer.max-request-size=4MB",
                "fluss.scan.prefetch-bytes=4MB",
                "fluss.scan.fetch-max-bytes=8MB",
                "fluss.scan.fetch-max-bytes-per-bucket=256KB",
                "fluss.scan.fetch-min-bytes=1KB",
                "fluss.scan.fetch-max-wait=75ms",
                "fluss.scan.partition-discovery-interval=1m",
                "fluss.lookup.max-in-flight-requests-per-leader=4",
                "fluss.lookup.max-keys-per-request=128",
                "fluss.lookup.max-waiting-keys=5000",
                "fluss.lookup.lookup-all-concurrency=32",
                "fluss.sasl.username=alice",
                "fluss.sasl.password=alice-secret")
                .run(context -> {
                    FlussClientOptions options = context.getBean(FlussClient.class).options();
                    assertThat(options.bootstrapServers()).containsExactly("fluss-1:9123", "fluss-2:9124");
                    assertThat(options.connectionsPerServer()).isEqualTo(2);
                    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(options.maxResponseFrameBytes()).isEqualTo(32 * 1024 * 1024);
                    assertThat(options.writeBufferBytes()).isEqualTo(16L * 1024 * 1024);
                    WriterOptions writer = options.writerDefaults();
                    assertThat(writer.batchSizeBytes()).isEqualTo(512 * 1024);
                    assertThat(writer.batchLinger()).isEqualTo(Duration.ofMillis(20));
                    assertThat(writer.acks()).isEqualTo(Acks.LEADER);
                    assertThat(writer.idempotence()).isFalse();
                    assertThat(writer.maxInFlightBatchesPerBucket()).isEqualTo(8);
                    assertThat(writer.deliveryTimeout()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(writer.bucketAssignment()).isEqualTo(BucketAssignment.ROUND_ROBIN);
                    assertThat(writer.createMissingPartitions()).isFalse();
                    assertThat(writer.maxPendingResults()).isEqualTo(100);
                    assertThat(writer.maxRequestSizeBytes()).isEqualTo(4 * 1024 * 1024);
                    assertThat(writer.lingerOnlyWhenBusy()).isFalse();
                    ScanOptions scan = options.scanDefaults();
                    assertThat(scan.prefetchBytes()).isEqualTo(4L * 1024 * 1024);
                    assertThat(scan.fetchMaxBytes()).isEqualTo(8 * 1024 * 1024);
                    assertThat(scan.fetchMaxBytesPerBucket()).isEqualTo(256 * 1024);
                    assertThat(scan.fetchMinBytes()).isEqualTo(1024);
                    assertThat(scan.fetchMaxWait()).isEqualTo(Duration.ofMillis(75));
                    assertThat(scan.partitionDiscoveryInterval()).isEqualTo(Duration.ofMinutes(1));
                    LookupOptions lookup = options.lookupDefaults();
                    assertThat(lookup.maxInFlightRequestsPerLeader()).isEqualTo(4);
                    assertThat(lookup.maxKeysPerRequest()).isEqualTo(128);
                    assertThat(lookup.maxWaitingKeys()).isEqualTo(5000);
                    assertThat(lookup.lookupAllConcurrency()).isEqualTo(32);
                    assertThat(options.saslUsername()).contains("alice");
                    assertThat(options.toString()).doesNotContain("alice-secret");
                    assertThat(context.getBean(FlussProperties.class).toString())
                            .contains("alice").doesNotContain("alice-secret");
                });
    }

    @Test
    void retryPropertiesChangeOnlyTheirOperationAndKeepWhichFailuresAreRetried() {
        runner.withPropertyValues(
                "fluss.retry.lookup.max-attempts=3",
                "fluss.retry.lookup.first-backoff=400ms",
                "fluss.retry.lookup.max-backoff=5s",
                "fluss.retry.metadata.max-attempts=20",
                "fluss.retry.fetch.max-backoff=10s")
                .run(context -> {
                    RetryPolicies retries = context.getBean(FlussClient.class).options().retryPolicies();
                    RetryConfig lookup = retries.policy(Operation.LOOKUP);
                    assertThat(lookup.getMaxAttempts()).isEqualTo(3);
                    // ±50 % around 400 ms, then doubling up to 5 s (±50 %).
                    assertThat(lookup.getIntervalBiFunction().apply(1, null)).isBetween(200L, 600L);
                    assertThat(lookup.getIntervalBiFunction().apply(20, null)).isBetween(2_500L, 7_500L);
                    assertThat(lookup.getExceptionPredicate().test(new NotLeaderOrFollowerException("moved"))).isTrue();
                    assertThat(lookup.getExceptionPredicate().test(new IllegalArgumentException("bad key"))).isFalse();

                    RetryConfig metadata = retries.policy(Operation.METADATA);
                    assertThat(metadata.getMaxAttempts()).isEqualTo(20);
                    assertThat(metadata.getIntervalBiFunction().apply(1, null)).isBetween(25L, 75L);

                    RetryConfig fetch = retries.policy(Operation.FETCH);
                    assertThat(fetch.getMaxAttempts()).isEqualTo(Integer.MAX_VALUE);
                    assertThat(fetch.getIntervalBiFunction().apply(1, null)).isBetween(50L, 150L);
                    assertThat(fetch.getIntervalBiFunction().apply(30, null)).isBetween(5_000L, 15_000L);

                    assertIsTheClientsDefault(retries.policy(Operation.WRITE), Operation.WRITE);
                    assertIsTheClientsDefault(retries.policy(Operation.ADMIN_READ), Operation.ADMIN_READ);
                });
    }

    @Test
    void theBackoffsKeptForUnsetPropertiesAreTheClientsDefaults() {
        for (Operation operation : Operation.values()) {
            assertIsTheClientsDefault(RetryPolicies.defaults().policy(operation), operation);
        }
    }

    @Test
    void circuitBreakerPropertiesConfigureEachServersBreakerOrTurnThemOff() {
        runner.withPropertyValues("fluss.circuit-breaker.failures-to-open=3",
                "fluss.circuit-breaker.wait-in-open-state=10s").run(context -> {
                    CircuitBreakerPolicy policy = context.getBean(FlussClient.class).options().circuitBreakerPolicy();
                    CircuitBreakerConfig config = policy.config();
                    assertThat(policy.isEnabled()).isTrue();
                    assertThat(config.getSlidingWindowSize()).isEqualTo(3);
                    assertThat(config.getMinimumNumberOfCalls()).isEqualTo(3);
                    assertThat(config.getFailureRateThreshold()).isEqualTo(100f);
                    assertThat(config.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(10_000L);
                    assertThat(config.getRecordExceptionPredicate().test(new NetworkException("refused"))).isTrue();
                });
        runner.withPropertyValues("fluss.circuit-breaker.enabled=false").run(context ->
                assertThat(context.getBean(FlussClient.class).options().circuitBreakerPolicy().isEnabled()).isFalse());
    }

    @Test
    void aSaslUserWithoutAPasswordFailsTheStartNamingTheProperties() {
        runner.withPropertyValues("fluss.sasl.username=alice").run(context -> assertThat(context)
                .getFailure()
                .rootCause()
                .hasMessageContaining("fluss.sasl.username and fluss.sasl.password must be set together"));
    }

    @Test
    void connectionDetailsOfTheApplicationTakeThePlaceOfTheProperties() {
        runner.withPropertyValues("fluss.bootstrap-servers=ignored:9123")
                .withBean(FlussConnectionDetails.class, () -> new FlussConnectionDetails() {
                    @Override
                    public List<String> getBootstrapServers() {
                        return List.of("from-details:9123");
                    }

                    @Override
                    public String getUsername() {
                        return "bob";
                    }

                    @Override
                    public String getPassword() {
                        return "bob-secret";
                    }
                })
                .run(context -> {
                    assertThat(context).doesNotHaveBean(PropertiesFlussConnectionDetails.class);
                    FlussClientOptions options = context.getBean(FlussClient.class).options();
                    assertThat(options.bootstrapServers()).containsExactly("from-details:9123");
                    assertThat(options.saslUsername()).contains("bob");
                });
    }

    @Test
    void aClientOfTheApplicationIsUsedAndNotClosedByTheAutoConfiguration() {
        FlussClient own = FlussClient.create(NO_SERVER);
        try {
            runner.withBean("ownClient", FlussClient.class, () -> own, definition -> definition.setDestroyMethodName(""))
                    .run(context -> {
                        assertThat(context).getBean(FlussClient.class).isSameAs(own);
                        assertThat(context.getBean(FlussAdmin.class)).isSameAs(own.admin());
                    });
            assertThatThrownBy(() -> own.admin().listDatabases().blockLast(Duration.ofSeconds(10)))
                    .hasMessageContaining("Could not connect");
        } finally {
            own.close().block(Duration.ofSeconds(10));
        }
    }

    @Test
    void anAdminOfTheApplicationIsUsed() {
        runner.withUserConfiguration(OwnAdmin.class).run(context ->
                assertThat(context).getBean(FlussAdmin.class).isSameAs(context.getBean(OwnAdmin.class).admin));
    }

    @Test
    void customizersRunInTheirOrderAfterThePropertiesAreApplied() {
        runner.withPropertyValues("fluss.request-timeout=7s", "fluss.connections-per-server=2")
                .withUserConfiguration(OrderedCustomizers.class)
                .run(context -> {
                    assertThat(context.getBean(OrderedCustomizers.class).seen)
                            .containsExactly("first saw 7s", "second saw 11s");
                    FlussClientOptions options = context.getBean(FlussClient.class).options();
                    assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(13));
                    assertThat(options.connectionsPerServer()).isEqualTo(2);
                });
    }

    @Test
    void theApplicationsResilience4jRegistriesHoldTheClientsRetriesAndBreakers() {
        RetryRegistry retryRegistry = RetryRegistry.ofDefaults();
        CircuitBreakerRegistry circuitBreakerRegistry = CircuitBreakerRegistry.ofDefaults();
        runner.withBean(RetryRegistry.class, () -> retryRegistry)
                .withBean(CircuitBreakerRegistry.class, () -> circuitBreakerRegistry)
                .withPropertyValues("fluss.circuit-breaker.failures-to-open=3")
                .run(context -> {
                    FlussClientOptions options = context.getBean(FlussClient.class).options();
                    assertThat(options.retryPolicies().registry()).containsSame(retryRegistry);
                    assertThat(options.circuitBreakerPolicy().registry()).containsSame(circuitBreakerRegistry);
                    assertThat(options.circuitBreakerPolicy().config().getSlidingWindowSize()).isEqualTo(3);
                });
    }

    @Test
    void theRegistriesOfResilience4jsOwnAutoConfigurationAreUsed() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RetryAutoConfiguration.class,
                        CircuitBreakerAutoConfiguration.class, FlussAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    FlussClientOptions options = context.getBean(FlussClient.class).options();
                    assertThat(options.retryPolicies().registry()).containsSame(context.getBean(RetryRegistry.class));
                    assertThat(options.circuitBreakerPolicy().registry())
                            .containsSame(context.getBean(CircuitBreakerRegistry.class));
                });
    }

    @Test
    void closingTheContextClosesTheClient() {
        FlussClient[] client = new FlussClient[1];
        runner.withPropertyValues("fluss.bootstrap-servers=" + NO_SERVER)
                .run(context -> client[0] = context.getBean(FlussClient.class));
        assertThatThrownBy(() -> client[0].admin().listDatabases().blockLast(Duration.ofSeconds(10)))
                .isInstanceOf(NetworkException.class)
                .hasMessageContaining("The client is closed");
    }

    @Test
    void theClientClosesOnlyAfterTheBeansThatUseItAreDestroyed() {
        AtomicReference<List<String>> seenOnDestroy = new AtomicReference<>();
        runner.withPropertyValues("fluss.bootstrap-servers=" + NO_SERVER)
                .withUserConfiguration(ClientUser.class)
                .run(context -> seenOnDestroy.set(context.getBean(ClientUser.class).seenOnDestroy));
        assertThat(seenOnDestroy.get()).singleElement(InstanceOfAssertFactories.STRING)
                .contains("Could not connect")
                .doesNotContain("The client is closed");
    }

    @Test
    void closingTheContextOnANonBlockingThreadDoesNotWaitThereAndTheClientStillCloses() {
        FlussClient[] client = new FlussClient[1];
        runner.withPropertyValues("fluss.bootstrap-servers=" + NO_SERVER).run(context -> {
            client[0] = context.getBean(FlussClient.class);
            // BlockHound (installed for the test run) and Reactor fail any wait on a parallel thread.
            Mono.fromRunnable(context::close).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10));
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(() -> client[0].admin().listDatabases().blockLast(Duration.ofSeconds(10)))
                        .hasMessageContaining("The client is closed"));
    }

    @Test
    void nothingIsConfiguredWithoutTheClientOnTheClassPath() {
        runner.withClassLoader(new FilteredClassLoader(FlussClient.class))
                .run(context -> assertThat(context).doesNotHaveBean(FlussClient.class)
                        .doesNotHaveBean(FlussAdmin.class)
                        .doesNotHaveBean(FlussConnectionDetails.class));
    }

    /**
     * The client's default policy of an operation, as far as a RetryConfig shows it: attempts, retriable
     * failures only, and backoffs as {@link FlussPropertiesMapper#CLIENT_BACKOFFS} has them
     * (attempt 1 waits the first backoff, a late attempt the longest, each ±50 %).
     */
    private static void assertIsTheClientsDefault(RetryConfig policy, Operation operation) {
        RetryConfig client = RetryPolicies.defaults().policy(operation);
        Duration[] backoffs = FlussPropertiesMapper.CLIENT_BACKOFFS.get(operation);
        assertThat(policy.getMaxAttempts()).as(operation + " attempts").isEqualTo(client.getMaxAttempts());
        assertThat(policy.getExceptionPredicate().test(new NotLeaderOrFollowerException("moved")))
                .as(operation + " retries what may pass").isTrue();
        assertThat(policy.getExceptionPredicate().test(new IllegalArgumentException("bad row")))
                .as(operation + " retries nothing else").isFalse();
        assertThat(policy.getIntervalBiFunction().apply(1, null)).as(operation + " first backoff")
                .isBetween(backoffs[0].toMillis() / 2, backoffs[0].toMillis() * 3 / 2);
        assertThat(policy.getIntervalBiFunction().apply(40, null)).as(operation + " longest backoff")
                .isBetween(backoffs[1].toMillis() / 2, backoffs[1].toMillis() * 3 / 2);
    }

    @Configuration(proxyBeanMethods = false)
    static class ClientUser {
        final List<String> seenOnDestroy = new ArrayList<>();

        @Bean
        UsesTheClient usesTheClient(FlussClient client) {
            return new UsesTheClient(seenOnDestroy, client);
        }
    }

    /** An application bean that still uses the client while it is destroyed (a writer's last flush, say). */
    static class UsesTheClient implements DisposableBean {
        private final List<String> seenOnDestroy;
        private final FlussClient client;

        UsesTheClient(List<String> seenOnDestroy, FlussClient client) {
            this.seenOnDestroy = seenOnDestroy;
            this.client = client;
        }

        @Override
        public void destroy() {
            try {
                client.admin().listDatabases().blockLast(Duration.ofSeconds(10));
            } catch (RuntimeException expected) {
                seenOnDestroy.add(expected.getMessage());
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnAdmin {
        // Never called: a stand-in that needs no client.
        final FlussAdmin admin = (FlussAdmin) Proxy.newProxyInstance(FlussAdmin.class.getClassLoader(),
                new Class<?>[] {FlussAdmin.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });

        @Bean
        FlussAdmin ownAdmin() {
            return admin;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OrderedCustomizers {
        final List<String> seen = new ArrayList<>();

        // Declared before the first one: the order comes from @Order, not from the declarations.
        @Bean
        @Order(2)
        FlussClientOptionsCustomizer second() {
            return builder -> {
                seen.add("second saw " + requestTimeoutOf(builder));
                builder.requestTimeout(Duration.ofSeconds(13));
            };
        }

        @Bean
        @Order(1)
        FlussClientOptionsCustomizer first() {
            return builder -> {
                seen.add("first saw " + requestTimeoutOf(builder));
                builder.requestTimeout(Duration.ofSeconds(11));
            };
        }

        private static String requestTimeoutOf(FlussClientOptions.Builder builder) {
            return builder.build().requestTimeout().toSeconds() + "s";
        }
    }
}
