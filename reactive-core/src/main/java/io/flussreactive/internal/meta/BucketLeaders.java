package io.flussreactive.internal.meta;

/**
 * The leaders of a table's buckets together with the locations they come from, for readers that send
 * one request per leader and so group their buckets by the leader's id.
 */
public interface BucketLeaders extends LeaderLookup {

    /** What is known about where the buckets of a physical table are, or null. */
    TableLocations locations(long partitionId);

    /** Remembers where the buckets of a physical table are (from a lookup done elsewhere). */
    void put(TableLocations locations);
}
