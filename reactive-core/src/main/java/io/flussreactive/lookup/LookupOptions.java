package io.flussreactive.lookup;

import java.util.Objects;

/**
 * How lookups are batched. A lookup never waits for a timer: when no request is in flight to its
 * leader it leaves at once; lookups arriving meanwhile leave together when an answer comes back.
 * Immutable; start from {@link #defaults()} and change what you need:
 *
 * <pre>{@code
 * LookupOptions options = LookupOptions.builder().lookupAllConcurrency(64).build();
 * }</pre>
 */
public final class LookupOptions {

    private static final LookupOptions DEFAULTS = new Builder().build();

    private final int maxInFlightRequestsPerLeader;
    private final int maxKeysPerRequest;
    private final int maxWaitingKeys;
    private final int lookupAllConcurrency;

    private LookupOptions(Builder b) {
        if (b.maxInFlightRequestsPerLeader < 1 || b.maxKeysPerRequest < 1 || b.maxWaitingKeys < 1
                || b.lookupAllConcurrency < 1) {
            throw new IllegalArgumentException("Lookup limits must be at least 1: maxInFlightRequestsPerLeader "
                    + b.maxInFlightRequestsPerLeader + ", maxKeysPerRequest " + b.maxKeysPerRequest + ", maxWaitingKeys "
                    + b.maxWaitingKeys + ", lookupAllConcurrency " + b.lookupAllConcurrency);
        }
        this.maxInFlightRequestsPerLeader = b.maxInFlightRequestsPerLeader;
        this.maxKeysPerRequest = b.maxKeysPerRequest;
        this.maxWaitingKeys = b.maxWaitingKeys;
        this.lookupAllConcurrency = b.lookupAllConcurrency;
    }

    /** The defaults. */
    public static LookupOptions defaults() {
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
     * Lookup requests in flight to one leader at once (default 2: under load one request is being
     * answered while the next fills up, so neither client nor server idles; the lookups waiting for room
     * leave when an answer frees it, each request taking at most an equal share of the leader's
     * outstanding lookups).
     */
    public int maxInFlightRequestsPerLeader() {
        return maxInFlightRequestsPerLeader;
    }

    /** Keys in one request at most (default 1024). */
    public int maxKeysPerRequest() {
        return maxKeysPerRequest;
    }

    /**
     * Keys waiting to be sent, over all leaders, at most (default 100,000); more fail at once with
     * {@link io.flussreactive.error.LookupQueueFullException} instead of growing memory.
     */
    public int maxWaitingKeys() {
        return maxWaitingKeys;
    }

    /** Lookups of one {@code lookupAll} stream in flight at once (default 256). */
    public int lookupAllConcurrency() {
        return lookupAllConcurrency;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LookupOptions o && o.maxInFlightRequestsPerLeader == maxInFlightRequestsPerLeader
                && o.maxKeysPerRequest == maxKeysPerRequest && o.maxWaitingKeys == maxWaitingKeys
                && o.lookupAllConcurrency == lookupAllConcurrency;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxInFlightRequestsPerLeader, maxKeysPerRequest, maxWaitingKeys, lookupAllConcurrency);
    }

    @Override
    public String toString() {
        return "LookupOptions{maxInFlightRequestsPerLeader=" + maxInFlightRequestsPerLeader + ", maxKeysPerRequest="
                + maxKeysPerRequest + ", maxWaitingKeys=" + maxWaitingKeys + ", lookupAllConcurrency="
                + lookupAllConcurrency + "}";
    }

    /** Builds {@link LookupOptions}; every setting starts at its default. */
    public static final class Builder {
        private int maxInFlightRequestsPerLeader = 2;
        private int maxKeysPerRequest = 1024;
        private int maxWaitingKeys = 100_000;
        private int lookupAllConcurrency = 256;

        private Builder() {
        }

        private Builder(LookupOptions o) {
            this.maxInFlightRequestsPerLeader = o.maxInFlightRequestsPerLeader;
            this.maxKeysPerRequest = o.maxKeysPerRequest;
            this.maxWaitingKeys = o.maxWaitingKeys;
            this.lookupAllConcurrency = o.lookupAllConcurrency;
        }

        /** See {@link LookupOptions#maxInFlightRequestsPerLeader()}. */
        public Builder maxInFlightRequestsPerLeader(int requests) {
            this.maxInFlightRequestsPerLeader = requests;
            return this;
        }

        /** See {@link LookupOptions#maxKeysPerRequest()}. */
        public Builder maxKeysPerRequest(int keys) {
            this.maxKeysPerRequest = keys;
            return this;
        }

        /** See {@link LookupOptions#maxWaitingKeys()}. */
        public Builder maxWaitingKeys(int keys) {
            this.maxWaitingKeys = keys;
            return this;
        }

        /** See {@link LookupOptions#lookupAllConcurrency()}. */
        public Builder lookupAllConcurrency(int lookups) {
            this.lookupAllConcurrency = lookups;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException when a limit is below 1
         */
        public LookupOptions build() {
            return new LookupOptions(this);
        }
    }
}
