package io.flussreactive.lookup;

/**
 * How lookups are batched. A lookup never waits for a timer: when no request is in flight to its
 * leader it leaves at once; lookups arriving meanwhile leave together when an answer comes back.
 *
 * @param maxInFlightRequestsPerLeader lookup requests in flight to one leader at once (default 2: under
 *     load one request is being answered while the next fills up, so neither client nor server idles;
 *     the lookups waiting for room leave when an answer frees it, each request taking at most an equal
 *     share of the leader's outstanding lookups)
 * @param maxKeysPerRequest keys in one request at most (default 1024)
 * @param maxWaitingKeys keys waiting to be sent, over all leaders, at most (default 100,000); more
 *     fail at once instead of growing memory
 * @param lookupAllConcurrency lookups of one {@code lookupAll} stream in flight at once (default 256)
 */
public record LookupOptions(
        int maxInFlightRequestsPerLeader, int maxKeysPerRequest, int maxWaitingKeys, int lookupAllConcurrency) {

    private static final LookupOptions DEFAULTS = new LookupOptions(2, 1024, 100_000, 256);

    /** Checks the settings. */
    public LookupOptions {
        if (maxInFlightRequestsPerLeader < 1 || maxKeysPerRequest < 1 || maxWaitingKeys < 1 || lookupAllConcurrency < 1) {
            throw new IllegalArgumentException("Lookup limits must be at least 1: " + maxInFlightRequestsPerLeader + ", "
                    + maxKeysPerRequest + ", " + maxWaitingKeys + ", " + lookupAllConcurrency);
        }
    }

    /** The defaults. */
    public static LookupOptions defaults() {
        return DEFAULTS;
    }

    /** These options with another number of requests in flight per leader. */
    public LookupOptions withMaxInFlightRequestsPerLeader(int requests) {
        return new LookupOptions(requests, maxKeysPerRequest, maxWaitingKeys, lookupAllConcurrency);
    }

    /** These options with another {@code lookupAll} concurrency. */
    public LookupOptions withLookupAllConcurrency(int lookups) {
        return new LookupOptions(maxInFlightRequestsPerLeader, maxKeysPerRequest, maxWaitingKeys, lookups);
    }
}
