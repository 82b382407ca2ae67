package io.flussreactive.test.internal;

import java.net.InetAddress;
import org.apache.fluss.cluster.Endpoint;
import org.apache.fluss.rpc.RpcServer;

/** How the embedded servers are told where to listen, and where they ended up listening. */
public final class ServerAddresses {

    /** The name of the one listener every embedded server has; Fluss's default internal listener. */
    public static final String LISTENER_NAME = "FLUSS";

    private ServerAddresses() {}

    /** The loopback host every embedded server binds to. */
    public static String loopbackHost() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    /** A {@code bind.listeners} value for the loopback interface; port 0 picks a free port. */
    public static String listenerOnLoopback(int port) {
        return LISTENER_NAME + "://" + loopbackHost() + ":" + port;
    }

    /** The port a started server's RPC endpoint is bound to. */
    public static int boundPort(RpcServer rpcServer) {
        for (Endpoint endpoint : rpcServer.getBindEndpoints()) {
            if (LISTENER_NAME.equals(endpoint.getListenerName())) {
                return endpoint.getPort();
            }
        }
        throw new IllegalStateException(
                "Server has no " + LISTENER_NAME + " endpoint: " + rpcServer.getBindEndpoints());
    }

    /** A {@code host:port} string on the loopback interface. */
    public static String loopbackAddress(int port) {
        return loopbackHost() + ":" + port;
    }
}
