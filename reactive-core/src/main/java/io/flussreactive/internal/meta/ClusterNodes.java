package io.flussreactive.internal.meta;

import io.flussreactive.admin.ServerNode;
import io.flussreactive.admin.ServerType;
import io.flussreactive.internal.proto.MetadataResponse;
import io.flussreactive.internal.proto.PbServerNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The servers of the cluster as the last metadata answer listed them.
 *
 * @param coordinator the coordinator, or null when the answer did not name one
 * @param tabletServers the tablet servers by id
 */
public record ClusterNodes(ServerNode coordinator, Map<Integer, ServerNode> tabletServers) {

    /** Freezes the map, ordered by server id. */
    public ClusterNodes {
        tabletServers = Collections.unmodifiableMap(new TreeMap<>(tabletServers));
    }

    /** Reads the servers out of a metadata answer. */
    static ClusterNodes from(MetadataResponse response) {
        ServerNode coordinator = response.hasCoordinatorServer()
                ? toNode(response.getCoordinatorServer(), ServerType.COORDINATOR)
                : null;
        Map<Integer, ServerNode> tabletServers = new LinkedHashMap<>();
        for (PbServerNode node : response.getTabletServersList()) {
            tabletServers.put(node.getNodeId(), toNode(node, ServerType.TABLET_SERVER));
        }
        return new ClusterNodes(coordinator, tabletServers);
    }

    /** The coordinator, if known. */
    public Optional<ServerNode> coordinatorNode() {
        return Optional.ofNullable(coordinator);
    }

    /** The tablet server with this id, if known. */
    public Optional<ServerNode> tabletServer(int id) {
        return Optional.ofNullable(tabletServers.get(id));
    }

    private static ServerNode toNode(PbServerNode node, ServerType type) {
        return new ServerNode(node.getNodeId(), node.getHost(), node.getPort(), type, node.hasRack() ? node.getRack() : null);
    }
}
