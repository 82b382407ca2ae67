package io.flussreactive.internal.meta;

import io.flussreactive.internal.rpc.ServerLane;

/** Where a writer (or a scan) finds the leader of a bucket. Used from its owner's serial executor. */
public interface LeaderLookup {

    /**
     * The leader of the bucket, or null when it is not known yet; in that case a lookup starts, and
     * the sender is woken up when it ends.
     */
    ServerLane leaderOf(PhysicalBucket bucket);

    /** Forgets what is known about the bucket's leader (after an invalid-metadata error). */
    void invalidate(PhysicalBucket bucket);
}
