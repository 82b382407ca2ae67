package io.flussreactive.internal.telemetry;

import io.flussreactive.table.TablePath;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import reactor.core.publisher.Flux;

/**
 * What one client tells about itself: meters and observations, when the application gave it a registry.
 *
 * <p>The client records through this interface and the smaller ones it hands out, never through
 * Micrometer directly, so that it runs without Micrometer on the class path: {@link #NONE}, the default,
 * records nothing, allocates nothing, and every wrapper it offers returns what it is given.
 * The Micrometer implementation lives in {@code internal.telemetry.micrometer}, loaded only when a
 * registry is configured.
 */
public interface ClientTelemetry {

    /** Records nothing. */
    ClientTelemetry NONE = new ClientTelemetry() {
    };

    /**
     * What the requests and connections of one server record; kept for the life of the client (a
     * cluster has few servers).
     *
     * @param address the server's {@code host:port}
     * @return the server's telemetry
     */
    default ServerTelemetry server(String address) {
        return ServerTelemetry.NONE;
    }

    /**
     * What one writer records; {@link WriterTelemetry#close()} when the writer is closed.
     *
     * @param table the table written to
     * @param operation {@code append} or {@code upsert}
     * @return the writer's telemetry
     */
    default WriterTelemetry writer(TablePath table, String operation) {
        return WriterTelemetry.NONE;
    }

    /**
     * What one scan subscription records; {@link ScanTelemetry#close()} when it ends.
     *
     * @param table the table scanned
     * @return the subscription's telemetry
     */
    default ScanTelemetry scan(TablePath table) {
        return ScanTelemetry.NONE;
    }

    /**
     * What the lookups of one table record; shared by the client's lookupers of that table and kept for
     * the life of the client, as those lookups are.
     *
     * @param table the table looked up
     * @return the lookups' telemetry
     */
    default LookupTelemetry lookups(TablePath table) {
        return LookupTelemetry.NONE;
    }

    /**
     * Makes each subscription of a scan one observation.
     *
     * @param table the table scanned
     * @param batches the scan
     * @param <T> what the scan gives
     * @return the scan, observed
     */
    default <T> Flux<T> observeScan(TablePath table, Flux<T> batches) {
        return batches;
    }

    /**
     * Binds the meters of the retries and circuit breakers the client keeps in registries of its own, when
     * {@code resilience4j-micrometer} is on the class path;
     * those of an application's registries are the application's to bind.
     *
     * @param retries the client's own retry registry, or null when it uses the application's
     * @param breakers the client's own breaker registry, or null when it uses the application's or has none
     */
    default void bindResilience(RetryRegistry retries, CircuitBreakerRegistry breakers) {
    }

    /** Removes every meter of the client from the registry: the client is closed. */
    default void close() {
    }
}
