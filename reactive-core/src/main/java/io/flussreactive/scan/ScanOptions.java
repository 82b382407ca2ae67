package io.flussreactive.scan;

import java.time.Duration;
import java.util.Objects;

/**
 * How a scan fetches: sizes and waits. The defaults match the official client's.
 *
 * @param prefetchBytes how many bytes of decoded batches (and of fetched ones being decoded, at the size
 *     they are expected to take decoded) may wait for downstream demand; no fetch is sent while this much
 *     is buffered (default 16 MiB)
 * @param fetchMaxBytes the most bytes one fetch may return (default 16 MiB; the server always returns
 *     at least one whole batch)
 * @param fetchMaxBytesPerBucket the most bytes one fetch may return per bucket (default 1 MiB)
 * @param fetchMinBytes the server waits until it has this many bytes, or {@code fetchMaxWait} passed (default 1)
 * @param fetchMaxWait how long the server may hold a fetch while there is nothing new (default 500 ms)
 */
public record ScanOptions(
        long prefetchBytes, int fetchMaxBytes, int fetchMaxBytesPerBucket, int fetchMinBytes, Duration fetchMaxWait) {

    private static final ScanOptions DEFAULTS =
            new ScanOptions(16L << 20, 16 << 20, 1 << 20, 1, Duration.ofMillis(500));

    /** Checks the settings. */
    public ScanOptions {
        if (prefetchBytes <= 0) {
            throw new IllegalArgumentException("prefetchBytes must be positive: " + prefetchBytes);
        }
        if (fetchMaxBytes <= 0 || fetchMaxBytesPerBucket <= 0) {
            throw new IllegalArgumentException("fetch sizes must be positive");
        }
        if (fetchMinBytes < 0) {
            throw new IllegalArgumentException("fetchMinBytes must not be negative: " + fetchMinBytes);
        }
        Objects.requireNonNull(fetchMaxWait, "fetchMaxWait");
        if (fetchMaxWait.isNegative()) {
            throw new IllegalArgumentException("fetchMaxWait must not be negative: " + fetchMaxWait);
        }
    }

    /** The defaults. */
    public static ScanOptions defaults() {
        return DEFAULTS;
    }

    /** These options with another prefetch budget. */
    public ScanOptions withPrefetchBytes(long bytes) {
        return new ScanOptions(bytes, fetchMaxBytes, fetchMaxBytesPerBucket, fetchMinBytes, fetchMaxWait);
    }

    /** These options with other fetch sizes. */
    public ScanOptions withFetchMaxBytes(int maxBytes, int maxBytesPerBucket) {
        return new ScanOptions(prefetchBytes, maxBytes, maxBytesPerBucket, fetchMinBytes, fetchMaxWait);
    }

    /** These options with another long-poll wait. */
    public ScanOptions withFetchMaxWait(Duration wait) {
        return new ScanOptions(prefetchBytes, fetchMaxBytes, fetchMaxBytesPerBucket, fetchMinBytes, wait);
    }
}
