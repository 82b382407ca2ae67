package io.flussreactive.internal.meta;

import io.flussreactive.internal.rpc.ServerLane;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the buckets of one table are and the connections to the servers leading them, as its owner
 * last found them. Read for every record written and every key looked up, so it never waits and may
 * be used from any thread. Finding what is missing is the owner's job: {@link LeaderCache} does it
 * for writers and scans, lookups do it through the metadata cache.
 */
public final class KnownLeaders {

    private final Map<Long, TableLocations> byPartition = new ConcurrentHashMap<>();
    /** The entry of {@link #byPartition} for an unpartitioned table, kept apart: it is read the most. */
    private volatile TableLocations unpartitioned;
    private final Map<Integer, ServerLane> servers = new ConcurrentHashMap<>();

    /**
     * Where the buckets of a physical table are, or null when that is not known.
     *
     * @param partitionId the partition, or {@link PhysicalBucket#NO_PARTITION}
     */
    public TableLocations locations(long partitionId) {
        return partitionId < 0 ? unpartitioned : byPartition.get(partitionId);
    }

    /** Remembers where the buckets of a physical table are. */
    public void put(TableLocations locations) {
        long partitionId = locations.partitionId();
        byPartition.put(partitionId, locations);
        if (partitionId < 0) {
            unpartitioned = locations;
        }
    }

    /**
     * Forgets where the buckets of a physical table are.
     *
     * @param partitionId the partition, or {@link PhysicalBucket#NO_PARTITION}
     * @return what was known, or null
     */
    public TableLocations forget(long partitionId) {
        if (partitionId < 0) {
            unpartitioned = null;
        }
        return byPartition.remove(partitionId);
    }

    /**
     * The connection to a tablet server, or null when it is not known.
     *
     * @param serverId the server's id, as bucket locations name their leader
     */
    public ServerLane server(int serverId) {
        return servers.get(serverId);
    }

    /**
     * Remembers the connection to a tablet server.
     *
     * @param serverId the server's id
     * @param server the connection
     */
    public void putServer(int serverId, ServerLane server) {
        servers.put(serverId, server);
    }

    /** Forgets the connections, after the server list changed (a restarted server may have a new address). */
    public void forgetServers() {
        servers.clear();
    }
}
