package io.flussreactive.write;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a writer. Immutable; start from {@link #defaults()} and change what you need:
 *
 * <pre>{@code
 * WriterOptions options = WriterOptions.defaults().toBuilder()
 *         .batchLinger(Duration.ofMillis(20))
 *         .acks(Acks.LEADER)
 *         .build();
 * }</pre>
 *
 * <p>The write buffer these writers share is a client setting:
 * {@link io.flussreactive.FlussClientOptions.Builder#writeBufferBytes(long)}.
 */
public final class WriterOptions {

    private static final WriterOptions DEFAULTS = new Builder().build();

    private final int batchSizeBytes;
    private final Duration batchLinger;
    private final boolean lingerOnlyWhenBusy;
    private final Acks acks;
    private final boolean idempotence;
    private final int maxInFlightBatchesPerBucket;
    private final Duration deliveryTimeout;
    private final BucketAssignment bucketAssignment;
    private final boolean createMissingPartitions;
    private final int maxPendingResults;
    private final int maxRequestSizeBytes;

    private WriterOptions(Builder b) {
        this.batchSizeBytes = atLeast(b.batchSizeBytes, 1024, "batchSizeBytes");
        this.batchLinger = notNegative(b.batchLinger, "batchLinger");
        this.lingerOnlyWhenBusy = b.lingerOnlyWhenBusy;
        this.acks = Objects.requireNonNull(b.acks, "acks");
        this.idempotence = b.idempotence;
        this.maxInFlightBatchesPerBucket = atLeast(b.maxInFlightBatchesPerBucket, 1, "maxInFlightBatchesPerBucket");
        if (idempotence && maxInFlightBatchesPerBucket > 5) {
            // The server remembers the last five batches of a writer per bucket to detect duplicates.
            throw new IllegalArgumentException(
                    "maxInFlightBatchesPerBucket must be at most 5 with idempotence, not " + maxInFlightBatchesPerBucket);
        }
        this.deliveryTimeout = positive(b.deliveryTimeout, "deliveryTimeout");
        this.bucketAssignment = Objects.requireNonNull(b.bucketAssignment, "bucketAssignment");
        this.createMissingPartitions = b.createMissingPartitions;
        this.maxPendingResults = atLeast(b.maxPendingResults, 1, "maxPendingResults");
        this.maxRequestSizeBytes = atLeast(b.maxRequestSizeBytes, batchSizeBytes, "maxRequestSizeBytes (>= batchSizeBytes)");
    }

    /** The defaults, which match the official client's where it has the same setting. */
    public static WriterOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A batch is sent once its rows take about this many bytes encoded (default 2 MiB, uncompressed for
     * ARROW batches, as the official client counts; a row that would take it past this size starts the
     * next batch), or once they hold half of the batch's share of the write buffer (the buffer divided by
     * the batches being filled, at least this many bytes), whichever comes first.
     */
    public int batchSizeBytes() {
        return batchSizeBytes;
    }

    /**
     * The longest a batch that is not full waits after its first row (default 100 ms). With
     * {@link #lingerOnlyWhenBusy()} (the default) it is a last resort that a batch seldom reaches: a batch
     * whose bucket has nothing in flight leaves as soon as the writer's producers pause (take no record for
     * about 100 µs), and while a batch of the bucket is in flight the rows that arrive gather in the next
     * batch, which leaves once the bucket's batches in flight are all answered and the producers pause (or
     * when it is full). So a lone row is acknowledged in one round trip and a moment, under load each batch
     * carries the rows of about one round trip, and a producer with records at hand fills batches up to the
     * batch size: a pause for want of buffer space while batches are on their way does not count, nor one
     * in the middle of the rows a producer emits from inside the write's own request. The linger bounds
     * the wait when answers are slow or producers never pause, and it is
     * the pace again for a bucket whose last batch failed for good, until one of its batches is stored.
     * Without {@code lingerOnlyWhenBusy} every batch that is not full waits this long. Zero: no timer, a batch leaves when full, at a flush, or (with
     * {@code lingerOnlyWhenBusy}) when its bucket has nothing in flight and the producers pause.
     */
    public Duration batchLinger() {
        return batchLinger;
    }

    /**
     * Whether a batch waits only while its bucket has a batch in flight or its producers have records at
     * hand (default true): it leaves once the bucket has none in flight and the producers pause; see
     * {@link #batchLinger()}. False: a batch leaves only when full or after the linger, as a fixed delay
     * that makes fewer, larger requests at middling rates (one per bucket per linger, instead of up to
     * one per bucket per round trip) at the price of the linger on every row's latency.
     */
    public boolean lingerOnlyWhenBusy() {
        return lingerOnlyWhenBusy;
    }

    /** How many replicas must store a write before it is acknowledged (default {@link Acks#ALL}). */
    public Acks acks() {
        return acks;
    }

    /** Whether retries are deduplicated by the server (default true): a retried batch is stored once. */
    public boolean idempotence() {
        return idempotence;
    }

    /** How many batches of one bucket may wait for acknowledgement at once (default 5). */
    public int maxInFlightBatchesPerBucket() {
        return maxInFlightBatchesPerBucket;
    }

    /**
     * How long a row may take from acceptance to acknowledgement before it fails (default 2 min). Batches
     * that fail for a reason that may pass are sent again within this time, with the backoff of the
     * client's {@link io.flussreactive.RetryPolicies.Operation#WRITE} policy.
     */
    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    /** How rows of a log table without a bucket key are spread over buckets (default sticky). */
    public BucketAssignment bucketAssignment() {
        return bucketAssignment;
    }

    /** Whether a row for a partition that does not exist creates it (default true). */
    public boolean createMissingPartitions() {
        return createMissingPartitions;
    }

    /**
     * How many rows of one {@code write} call may be accepted beyond what the results subscriber asked
     * for (default 8192): an application that reads results slowly slows its producer instead of
     * growing memory.
     */
    public int maxPendingResults() {
        return maxPendingResults;
    }

    /** The largest produce request sent to one server (default 10 MiB). */
    public int maxRequestSizeBytes() {
        return maxRequestSizeBytes;
    }

    @Override
    public String toString() {
        return "WriterOptions{batchSizeBytes=" + batchSizeBytes + ", batchLinger=" + batchLinger
                + ", lingerOnlyWhenBusy=" + lingerOnlyWhenBusy + ", acks=" + acks
                + ", idempotence=" + idempotence + ", maxInFlightBatchesPerBucket=" + maxInFlightBatchesPerBucket
                + ", deliveryTimeout=" + deliveryTimeout
                + ", bucketAssignment=" + bucketAssignment + ", createMissingPartitions=" + createMissingPartitions
                + ", maxPendingResults=" + maxPendingResults + ", maxRequestSizeBytes=" + maxRequestSizeBytes + "}";
    }

    private static int atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", not " + value);
        }
        return value;
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
        return value;
    }

    private static Duration notNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, not " + value);
        }
        return value;
    }

    /** Builds {@link WriterOptions}; every setting starts at its default. */
    public static final class Builder {
        private int batchSizeBytes = 2 * 1024 * 1024;
        private Duration batchLinger = Duration.ofMillis(100);
        private boolean lingerOnlyWhenBusy = true;
        private Acks acks = Acks.ALL;
        private boolean idempotence = true;
        private int maxInFlightBatchesPerBucket = 5;
        private Duration deliveryTimeout = Duration.ofMinutes(2);
        private BucketAssignment bucketAssignment = BucketAssignment.STICKY;
        private boolean createMissingPartitions = true;
        private int maxPendingResults = 8192;
        private int maxRequestSizeBytes = 10 * 1024 * 1024;

        private Builder() {
        }

        private Builder(WriterOptions o) {
            this.batchSizeBytes = o.batchSizeBytes;
            this.batchLinger = o.batchLinger;
            this.lingerOnlyWhenBusy = o.lingerOnlyWhenBusy;
            this.acks = o.acks;
            this.idempotence = o.idempotence;
            this.maxInFlightBatchesPerBucket = o.maxInFlightBatchesPerBucket;
            this.deliveryTimeout = o.deliveryTimeout;
            this.bucketAssignment = o.bucketAssignment;
            this.createMissingPartitions = o.createMissingPartitions;
            this.maxPendingResults = o.maxPendingResults;
            this.maxRequestSizeBytes = o.maxRequestSizeBytes;
        }

        /** See {@link WriterOptions#batchSizeBytes()}. */
        public Builder batchSizeBytes(int bytes) {
            this.batchSizeBytes = bytes;
            return this;
        }

        /** See {@link WriterOptions#batchLinger()}. */
        public Builder batchLinger(Duration linger) {
            this.batchLinger = linger;
            return this;
        }

        /** See {@link WriterOptions#lingerOnlyWhenBusy()}. */
        public Builder lingerOnlyWhenBusy(boolean enabled) {
            this.lingerOnlyWhenBusy = enabled;
            return this;
        }

        /** See {@link WriterOptions#acks()}. */
        public Builder acks(Acks acks) {
            this.acks = acks;
            return this;
        }

        /** See {@link WriterOptions#idempotence()}. */
        public Builder idempotence(boolean enabled) {
            this.idempotence = enabled;
            return this;
        }

        /** See {@link WriterOptions#maxInFlightBatchesPerBucket()}. */
        public Builder maxInFlightBatchesPerBucket(int batches) {
            this.maxInFlightBatchesPerBucket = batches;
            return this;
        }

        /** See {@link WriterOptions#deliveryTimeout()}. */
        public Builder deliveryTimeout(Duration timeout) {
            this.deliveryTimeout = timeout;
            return this;
        }

        /** See {@link WriterOptions#bucketAssignment()}. */
        public Builder bucketAssignment(BucketAssignment assignment) {
            this.bucketAssignment = assignment;
            return this;
        }

        /** See {@link WriterOptions#createMissingPartitions()}. */
        public Builder createMissingPartitions(boolean enabled) {
            this.createMissingPartitions = enabled;
            return this;
        }

        /** See {@link WriterOptions#maxPendingResults()}. */
        public Builder maxPendingResults(int records) {
            this.maxPendingResults = records;
            return this;
        }

        /** See {@link WriterOptions#maxRequestSizeBytes()}. */
        public Builder maxRequestSizeBytes(int bytes) {
            this.maxRequestSizeBytes = bytes;
            return this;
        }

        /**
         * Builds the options.
         *
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public WriterOptions build() {
            return new WriterOptions(this);
        }
    }
}
