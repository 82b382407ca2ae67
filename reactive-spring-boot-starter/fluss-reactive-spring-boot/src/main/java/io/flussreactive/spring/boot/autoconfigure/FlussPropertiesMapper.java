package io.flussreactive.spring.boot.autoconfigure;

import io.flussreactive.CircuitBreakerPolicy;
import io.flussreactive.FlussClientOptions;
import io.flussreactive.RetryPolicies;
import io.flussreactive.RetryPolicies.Operation;
import io.flussreactive.lookup.LookupOptions;
import io.flussreactive.scan.ScanOptions;
import io.flussreactive.write.WriterOptions;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/** Turns {@link FlussProperties} and {@link FlussConnectionDetails} into client options. */
final class FlussPropertiesMapper {

    /**
     * The client's default backoffs ({@code RetryPolicies.Operation}, which does not expose them), needed
     * when only one of an operation's two backoffs is set. FlussPropertiesMapperTest checks them against
     * the client's policies.
     */
    static final Map<Operation, Duration[]> CLIENT_BACKOFFS = Map.of(
            Operation.METADATA, new Duration[] {Duration.ofMillis(50), Duration.ofSeconds(1)},
            Operation.ADMIN_READ, new Duration[] {Duration.ofMillis(100), Duration.ofSeconds(1)},
            Operation.WRITE, new Duration[] {Duration.ofMillis(100), Duration.ofSeconds(1)},
            Operation.FETCH, new Duration[] {Duration.ofMillis(100), Duration.ofSeconds(2)},
            Operation.LOOKUP, new Duration[] {Duration.ofMillis(50), Duration.ofSeconds(1)});

    /** As the client's default policies: double each time, ±50 % at random. */
    private static final double BACKOFF_MULTIPLIER = 2.0;
    private static final double BACKOFF_RANDOMIZATION = 0.5;

    private final FlussProperties properties;
    private final FlussConnectionDetails connectionDetails;

    FlussPropertiesMapper(FlussProperties properties, FlussConnectionDetails connectionDetails) {
        this.properties = properties;
        this.connectionDetails = connectionDetails;
    }

    /**
     * Client options from the properties.
     *
     * @param retryRegistry the application's registry to make the client's retries in, if it has one
     * @param circuitBreakerRegistry the application's registry to make the client's breakers in, if any
     */
    FlussClientOptions.Builder toOptions(@Nullable RetryRegistry retryRegistry,
            @Nullable CircuitBreakerRegistry circuitBreakerRegistry) {
        FlussClientOptions.Builder builder = FlussClientOptions.builder();
        PropertyMapper map = PropertyMapper.get();
        map.from(connectionDetails::getBootstrapServers).to(builder::bootstrapServers);
        map.from(properties::connectionsPerServer).to(builder::connectionsPerServer);
        map.from(properties::connectTimeout).to(builder::connectTimeout);
        map.from(properties::requestTimeout).to(builder::requestTimeout);
        map.from(properties::maxResponseFrameSize).as(size -> intBytes(size, "fluss.max-response-frame-size"))
                .to(builder::maxResponseFrameBytes);
        map.from(properties::writeBuffer).as(DataSize::toBytes).to(builder::writeBufferBytes);
        builder.writerDefaults(writerOptions(properties.writer()));
        builder.scanDefaults(scanOptions(properties.scan()));
        builder.lookupDefaults(lookupOptions(properties.lookup()));
        builder.retryPolicies(retryPolicies(properties.retry(), retryRegistry));
        builder.circuitBreakerPolicy(circuitBreakerPolicy(properties.circuitBreaker(), circuitBreakerRegistry));
        String username = connectionDetails.getUsername();
        if (StringUtils.hasText(username)) {
            String password = connectionDetails.getPassword();
            if (!StringUtils.hasText(password)) {
                throw new IllegalStateException("The Fluss connection details name the SASL user '" + username
                        + "' without a password");
            }
            builder.saslPlain(username, password);
        }
        return builder;
    }

    private static WriterOptions writerOptions(FlussProperties.Writer writer) {
        WriterOptions.Builder builder = WriterOptions.defaults().toBuilder();
        PropertyMapper map = PropertyMapper.get();
        map.from(writer::batchSize).as(size -> intBytes(size, "fluss.writer.batch-size")).to(builder::batchSizeBytes);
        map.from(writer::linger).to(builder::batchLinger);
        map.from(writer::lingerOnlyWhenBusy).to(builder::lingerOnlyWhenBusy);
        map.from(writer::acks).to(builder::acks);
        map.from(writer::idempotence).to(builder::idempotence);
        map.from(writer::maxInFlightBatchesPerBucket).to(builder::maxInFlightBatchesPerBucket);
        map.from(writer::deliveryTimeout).to(builder::deliveryTimeout);
        map.from(writer::bucketAssignment).to(builder::bucketAssignment);
        map.from(writer::createMissingPartitions).to(builder::createMissingPartitions);
        map.from(writer::maxPendingResults).to(builder::maxPendingResults);
        map.from(writer::maxRequestSize).as(size -> intBytes(size, "fluss.writer.max-request-size"))
                .to(builder::maxRequestSizeBytes);
        return builder.build();
    }

    private static ScanOptions scanOptions(FlussProperties.Scan scan) {
        ScanOptions.Builder builder = ScanOptions.defaults().toBuilder();
        PropertyMapper map = PropertyMapper.get();
        map.from(scan::prefetchBytes).as(DataSize::toBytes).to(builder::prefetchBytes);
        map.from(scan::fetchMaxBytes).as(size -> intBytes(size, "fluss.scan.fetch-max-bytes")).to(builder::fetchMaxBytes);
        map.from(scan::fetchMaxBytesPerBucket).as(size -> intBytes(size, "fluss.scan.fetch-max-bytes-per-bucket"))
                .to(builder::fetchMaxBytesPerBucket);
        map.from(scan::fetchMinBytes).as(size -> intBytes(size, "fluss.scan.fetch-min-bytes"))
                .to(builder::fetchMinBytes);
        map.from(scan::fetchMaxWait).to(builder::fetchMaxWait);
        map.from(scan::partitionDiscoveryInterval).to(builder::partitionDiscoveryInterval);
        return builder.build();
    }

    private static LookupOptions lookupOptions(FlussProperties.Lookup lookup) {
        LookupOptions.Builder builder = LookupOptions.defaults().toBuilder();
        PropertyMapper map = PropertyMapper.get();
        map.from(lookup::maxInFlightRequestsPerLeader).to(builder::maxInFlightRequestsPerLeader);
        map.from(lookup::maxKeysPerRequest).to(builder::maxKeysPerRequest);
        map.from(lookup::maxWaitingKeys).to(builder::maxWaitingKeys);
        map.from(lookup::lookupAllConcurrency).to(builder::lookupAllConcurrency);
        return builder.build();
    }

    private static RetryPolicies retryPolicies(FlussProperties.Retry retry, @Nullable RetryRegistry registry) {
        RetryPolicies.Builder builder = RetryPolicies.builder();
        policy(builder, Operation.METADATA, retry.metadata());
        policy(builder, Operation.ADMIN_READ, retry.adminRead());
        policy(builder, Operation.WRITE, retry.write());
        policy(builder, Operation.FETCH, retry.fetch());
        policy(builder, Operation.LOOKUP, retry.lookup());
        if (registry != null) {
            builder.registry(registry);
        }
        return builder.build();
    }

    private static void policy(RetryPolicies.Builder builder, Operation operation, FlussProperties.Operation settings) {
        if (settings.maxAttempts() == null && settings.firstBackoff() == null && settings.maxBackoff() == null) {
            // The builder's own: the client's default policy for the operation.
            return;
        }
        // From the client's policy, so that what decides which failures are retried stays the client's.
        RetryConfig.Builder<Object> policy = RetryConfig.from(RetryPolicies.defaults().policy(operation));
        if (settings.maxAttempts() != null) {
            policy.maxAttempts(settings.maxAttempts());
        }
        if (settings.firstBackoff() != null || settings.maxBackoff() != null) {
            Duration[] defaults = CLIENT_BACKOFFS.get(operation);
            Duration first = settings.firstBackoff() != null ? settings.firstBackoff() : defaults[0];
            Duration max = settings.maxBackoff() != null ? settings.maxBackoff() : defaults[1];
            policy.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                    first, BACKOFF_MULTIPLIER, BACKOFF_RANDOMIZATION, max));
        }
        builder.policy(operation, policy.build());
    }

    private static CircuitBreakerPolicy circuitBreakerPolicy(FlussProperties.CircuitBreaker breaker,
            @Nullable CircuitBreakerRegistry registry) {
        if (!breaker.enabled()) {
            return CircuitBreakerPolicy.disabled();
        }
        CircuitBreakerPolicy.Builder builder = CircuitBreakerPolicy.builder();
        if (breaker.failuresToOpen() != CircuitBreakerPolicy.DEFAULT_FAILURES_TO_OPEN
                || !breaker.waitInOpenState().equals(CircuitBreakerPolicy.DEFAULT_WAIT_IN_OPEN_STATE)) {
            int failures = breaker.failuresToOpen();
            builder.config(CircuitBreakerConfig.from(CircuitBreakerPolicy.defaults().config())
                    // As the client's default: the last N requests, all failed, so N failures in a row.
                    .slidingWindow(failures, failures, SlidingWindowType.COUNT_BASED,
                            SlidingWindowSynchronizationStrategy.LOCK_FREE)
                    .waitDurationInOpenState(breaker.waitInOpenState())
                    .build());
        }
        if (registry != null) {
            builder.registry(registry);
        }
        return builder.build();
    }

    private static int intBytes(DataSize size, String property) {
        long bytes = size.toBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(property + " must be less than 2GB, not " + size);
        }
        return (int) bytes;
    }
}
