package io.flussreactive.test.internal;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.fluss.cluster.TabletServerInfo;
import org.apache.fluss.server.coordinator.CoordinatorServer;
import org.apache.fluss.server.metadata.ServerMetadataCache;

/**
 * Tells whether every running server's metadata lists exactly the expected live tablet servers.
 *
 * <p>A client asks any server for metadata and the coordinator assigns new buckets only to the
 * tablet servers it knows about, so a cluster is usable as soon as all of them agree.
 */
public final class MetadataAgreement {

    private MetadataAgreement() {}

    /**
     * Whether the coordinator and each of {@code tabletServers} see exactly {@code expectedIds} as live
     * tablet servers, and each tablet server knows the coordinator.
     */
    public static boolean reached(CoordinatorServer coordinator, Collection<? extends TabletServerNode> tabletServers,
            Set<Integer> expectedIds) throws Exception {
        if (!liveIds(coordinator.getMetadataCache()).equals(expectedIds)) {
            return false;
        }
        for (TabletServerNode tabletServer : tabletServers) {
            Optional<Set<Integer>> live = tabletServer.liveTabletServers();
            if (live.isEmpty() || !live.get().equals(expectedIds)) {
                return false;
            }
        }
        return true;
    }

    /** Whether one server's metadata knows where the coordinator is. */
    public static boolean knowsCoordinator(ServerMetadataCache cache) {
        return cache.getCoordinatorServer(ServerAddresses.LISTENER_NAME) != null;
    }

    /** The live tablet servers in one server's metadata, for diagnostics and comparison. */
    public static Set<Integer> liveIds(ServerMetadataCache cache) {
        Set<Integer> ids = new TreeSet<>();
        for (TabletServerInfo info : cache.getAliveTabletServerInfos()) {
            ids.add(info.getId());
        }
        return ids;
    }
}
