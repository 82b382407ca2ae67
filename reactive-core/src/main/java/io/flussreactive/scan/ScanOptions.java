package io.flussreactive.scan;

import java.time.Duration;
import java.util.Objects;

/**
 * How a scan fetches: sizes, waits, and how often it looks for new partitions. Immutable; start from
 * {@link #defaults()} and change what you need. The fetch defaults match the official client's.
 *
 * <pre>{@code
 * ScanOptions options = ScanOptions.builder()
 *         .prefetchBytes(4 << 20)
 *         .fetchMaxWait(Duration.ofMillis(100))
 *         .build();
 * }</pre>
 */
public final class ScanOptions {

    private static final ScanOptions DEFAULTS = new Builder().build();

    private final long prefetchBytes;
    private final int fetchMaxBytes;
    private final int fetchMaxBytesPerBucket;
    private final int fetchMinBytes;
    private final Duration fetchMaxWait;
    private final Duration partitionDiscoveryInterval;

    private ScanOptions(Builder b) {
        if (b.prefetchBytes <= 0) {
            throw new IllegalArgumentException("prefetchBytes must be positive: " + b.prefetchBytes);
        }
        if (b.fetchMaxBytes <= 0 || b.fetchMaxBytesPerBucket <= 0) {
            throw new IllegalArgumentException("fetch sizes must be positive: fetchMaxBytes " + b.fetchMaxBytes
                    + ", fetchMaxBytesPerBucket " + b.fetchMaxBytesPerBucket);
        }
        if (b.fetchMinBytes < 0) {
            throw new IllegalArgumentException("fetchMinBytes must not be negative: " + b.fetchMinBytes);
        }
        Objects.requireNonNull(b.fetchMaxWait, "fetchMaxWait");
        if (b.fetchMaxWait.isNegative()) {
            throw new IllegalArgumentException("fetchMaxWait must not be negative: " + b.fetchMaxWait);
        }
        Objects.requireNonNull(b.partitionDiscoveryInterval, "partitionDiscoveryInterval");
        if (b.partitionDiscoveryInterval.isNegative()) {
            throw new IllegalArgumentException("partitionDiscoveryInterval must not be negative: "
                    + b.partitionDiscoveryInterval);
        }
        this.prefetchBytes = b.prefetchBytes;
        this.fetchMaxBytes = b.fetchMaxBytes;
        this.fetchMaxBytesPerBucket = b.fetchMaxBytesPerBucket;
        this.fetchMinBytes = b.fetchMinBytes;
        this.fetchMaxWait = b.fetchMaxWait;
        this.partitionDiscoveryInterval = b.partitionDiscoveryInterval;
    }

    /** The defaults. */
    public static ScanOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * How many bytes of decoded batches may wait for downstream demand, with the answers being decoded
     * and the fetches in flight counted at the size they may take decoded (default 16 MiB).
     */
    public long prefetchBytes() {
        return prefetchBytes;
    }

    /** The most bytes one fetch may return (default 16 MiB; the server always returns at least one batch). */
    public int fetchMaxBytes() {
        return fetchMaxBytes;
    }

    /** The most bytes one fetch may return per bucket (default 1 MiB). */
    public int fetchMaxBytesPerBucket() {
        return fetchMaxBytesPerBucket;
    }

    /** The server waits until it has this many bytes, or {@link #fetchMaxWait()} passed (default 1). */
    public int fetchMinBytes() {
        return fetchMinBytes;
    }

    /**
     * How long the server may hold a fetch while there is nothing new (default 50 ms). A Fluss 0.9.1
     * tablet server does not answer a held fetch when new records arrive, only when this time is up
     * (or, with followers, when they catch up), so it is also how late a tailing scan may see a row:
     * 50 ms keeps that short at the cost of up to 20 empty fetches a second per server while the log
     * is idle. The official client holds 500 ms.
     */
    public Duration fetchMaxWait() {
        return fetchMaxWait;
    }

    /**
     * How often a tailing scan of every partition of a partitioned table asks the coordinator for the
     * table's partitions, to read the partitions created since it started (default 10 s;
     * {@link Duration#ZERO} turns it off, and the scan then reads only the partitions that existed
     * when it started). A scan also looks at once, though not more often than once a second, when a
     * server says a partition it reads is gone. A partition created and dropped again between two
     * looks is never read. Scans with {@link Scan#partitions}, bounded scans ({@link Scan#untilLatest},
     * {@link Scan#until}) and scans of tables without partitions never look.
     */
    public Duration partitionDiscoveryInterval() {
        return partitionDiscoveryInterval;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScanOptions o && o.prefetchBytes == prefetchBytes && o.fetchMaxBytes == fetchMaxBytes
                && o.fetchMaxBytesPerBucket == fetchMaxBytesPerBucket && o.fetchMinBytes == fetchMinBytes
                && o.fetchMaxWait.equals(fetchMaxWait)
                && o.partitionDiscoveryInterval.equals(partitionDiscoveryInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(prefetchBytes, fetchMaxBytes, fetchMaxBytesPerBucket, fetchMinBytes, fetchMaxWait,
                partitionDiscoveryInterval);
    }

    @Override
    public String toString() {
        return "ScanOptions{prefetchBytes=" + prefetchBytes + ", fetchMaxBytes=" + fetchMaxBytes
                + ", fetchMaxBytesPerBucket=" + fetchMaxBytesPerBucket + ", fetchMinBytes=" + fetchMinBytes
                + ", fetchMaxWait=" + fetchMaxWait + ", partitionDiscoveryInterval=" + partitionDiscoveryInterval
                + "}";
    }

    /** Builds {@link ScanOptions}; every setting starts at its default. */
    public static final class Builder {
        private long prefetchBytes = 16L << 20;
        private int fetchMaxBytes = 16 << 20;
        private int fetchMaxBytesPerBucket = 1 << 20;
        private int fetchMinBytes = 1;
        private Duration fetchMaxWait = Duration.ofMillis(50);
        private Duration partitionDiscoveryInterval = Duration.ofSeconds(10);

        private Builder() {
        }

        private Builder(ScanOptions o) {
            this.prefetchBytes = o.prefetchBytes;
            this.fetchMaxBytes = o.fetchMaxBytes;
            this.fetchMaxBytesPerBucket = o.fetchMaxBytesPerBucket;
            this.fetchMinBytes = o.fetchMinBytes;
            this.fetchMaxWait = o.fetchMaxWait;
            this.partitionDiscoveryInterval = o.partitionDiscoveryInterval;
        }

        /** See {@link ScanOptions#prefetchBytes()}. */
        public Builder prefetchBytes(long bytes) {
            this.prefetchBytes = bytes;
            return this;
        }

        /** See {@link ScanOptions#fetchMaxBytes()}. */
        public Builder fetchMaxBytes(int bytes) {
            this.fetchMaxBytes = bytes;
            return this;
        }

        /** See {@link ScanOptions#fetchMaxBytesPerBucket()}. */
        public Builder fetchMaxBytesPerBucket(int bytes) {
            this.fetchMaxBytesPerBucket = bytes;
            return this;
        }

        /** See {@link ScanOptions#fetchMinBytes()}. */
        public Builder fetchMinBytes(int bytes) {
            this.fetchMinBytes = bytes;
            return this;
        }

        /** See {@link ScanOptions#fetchMaxWait()}. */
        public Builder fetchMaxWait(Duration wait) {
            this.fetchMaxWait = wait;
            return this;
        }

        /** See {@link ScanOptions#partitionDiscoveryInterval()}. */
        public Builder partitionDiscoveryInterval(Duration interval) {
            this.partitionDiscoveryInterval = interval;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException naming a setting out of range
         */
        public ScanOptions build() {
            return new ScanOptions(this);
        }
    }
}
