package io.flussreactive.admin;

import java.util.Objects;

/**
 * One server of a Fluss cluster as the cluster describes it.
 *
 * @param id the server id: the tablet server id, or the coordinator's id
 * @param host the host clients connect to (the address of the listener the client used)
 * @param port the port clients connect to
 * @param serverType coordinator or tablet server
 * @param rack the rack the server is in, or null when none is configured
 */
public record ServerNode(int id, String host, int port, ServerType serverType, String rack) {

    /** Checks the components. */
    public ServerNode {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(serverType, "serverType");
    }

    /** {@code host:port}. */
    public String address() {
        return host + ":" + port;
    }
}
