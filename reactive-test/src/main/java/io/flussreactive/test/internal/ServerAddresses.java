package io.flussreactive.test.internal;

import java.net.InetAddress;
import org.apache.fluss.cluster.Endpoint;
import org.apache.fluss.rpc.RpcServer;

/** How the embedded servers are told where to listen, and where they ended up listening. */
public final class ServerAddresses {

    /**
     * The name of the listener the servers talk to each other on; Fluss's default internal listener.
     * Without SASL it is the only one, and clients use it too.
     */
    public static final String LISTENER_NAME = "FLUSS";

    /** The name of the SASL listener for clients, beside the internal one, when the cluster has users. */
    public static final String SASL_LISTENER_NAME = "CLIENT";

    private ServerAddresses() {}

    /** The loopback host every embedded server binds to. */
    public static String loopbackHost() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    /** A {@code bind.listeners} value for the loopback interface; port 0 picks a free port. */
    public static String listenerOnLoopback(int port) {
        return LISTENER_NAME + "://" + loopbackHost() + ":" + port;
    }

    /**
     * A {@code bind.listeners} value for the loopback interface with the internal listener and a SASL
     * listener for clients; port 0 picks a free port.
     */
    public static String listenersOnLoopback(int internalPort, int saslPort) {
        return listenerOnLoopback(internalPort) + "," + SASL_LISTENER_NAME + "://" + loopbackHost() + ":" + saslPort;
    }

    /** The port a started server's internal listener is bound to. */
    public static int boundPort(RpcServer rpcServer) {
        return boundPort(rpcServer, LISTENER_NAME);
    }

    /** The port a started server's listener of this name is bound to. */
    public static int boundPort(RpcServer rpcServer, String listenerName) {
        for (Endpoint endpoint : rpcServer.getBindEndpoints()) {
            if (listenerName.equals(endpoint.getListenerName())) {
                return endpoint.getPort();
            }
        }
        throw new IllegalStateException(
                "Server has no " + listenerName + " endpoint: " + rpcServer.getBindEndpoints());
    }

    /** A {@code host:port} string on the loopback interface. */
    public static String loopbackAddress(int port) {
        return loopbackHost() + ":" + port;
    }
}
