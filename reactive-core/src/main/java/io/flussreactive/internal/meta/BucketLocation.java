package io.flussreactive.internal.meta;

import java.util.List;

/**
 * Where one bucket lives.
 *
 * @param bucket the bucket id
 * @param leader the id of the tablet server leading the bucket, or -1 while no leader is elected
 * @param replicas the ids of the tablet servers holding a replica
 * @param leaderEpoch the leader epoch, or -1 when the server did not send one
 */
public record BucketLocation(int bucket, int leader, List<Integer> replicas, int leaderEpoch) {

    /** Freezes the replica list. */
    public BucketLocation {
        replicas = List.copyOf(replicas);
    }

    /** Whether a leader is elected. */
    public boolean hasLeader() {
        return leader >= 0;
    }
}
