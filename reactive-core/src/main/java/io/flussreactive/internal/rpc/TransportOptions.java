package io.flussreactive.internal.rpc;

import io.flussreactive.RetryPolicies.Operation;
import io.flussreactive.error.RetriableAuthenticationException;
import io.flussreactive.internal.retry.Retries;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the transport layer.
 *
 * @param connectTimeout how long a TCP connect may take before it fails
 * @param requestTimeout how long a request may wait for its answer before it fails with a timeout
 * @param maxResponseFrameBytes the largest response frame accepted; a larger one closes the connection
 * @param connectionsPerServer how many connections (lanes) to open to each server at most
 * @param credentials what every connection authenticates with right after it opens; null for none
 * @param authenticationRetry sends the credentials again while a server refuses them for a passing reason
 */
public record TransportOptions(Duration connectTimeout, Duration requestTimeout, int maxResponseFrameBytes,
        int connectionsPerServer, PlainCredentials credentials, Retry authenticationRetry) {

    /** Settings for connections that do not authenticate. */
    public TransportOptions(Duration connectTimeout, Duration requestTimeout, int maxResponseFrameBytes,
            int connectionsPerServer) {
        this(connectTimeout, requestTimeout, maxResponseFrameBytes, connectionsPerServer, null);
    }

    /** Settings whose authentication is retried by the default metadata policy. */
    public TransportOptions(Duration connectTimeout, Duration requestTimeout, int maxResponseFrameBytes,
            int connectionsPerServer, PlainCredentials credentials) {
        this(connectTimeout, requestTimeout, maxResponseFrameBytes, connectionsPerServer, credentials,
                authenticationRetry(Retries.defaults()));
    }

    /**
     * The retry of a connection's authentication: the metadata policy's attempts and backoff, for a
     * refusal the server says may pass.
     */
    public static Retry authenticationRetry(Retries retries) {
        return retries.retry(Operation.METADATA, "authentication", RetriableAuthenticationException.class::isInstance);
    }

    /** Checks the settings. */
    public TransportOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(authenticationRetry, "authenticationRetry");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
        }
        if (maxResponseFrameBytes <= 0) {
            throw new IllegalArgumentException("maxResponseFrameBytes must be positive: " + maxResponseFrameBytes);
        }
        if (connectionsPerServer < 1) {
            throw new IllegalArgumentException("connectionsPerServer must be at least 1: " + connectionsPerServer);
        }
    }
}
