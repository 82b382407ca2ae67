package io.flussreactive;

import java.util.function.UnaryOperator;

/**
 * Clients that reach servers through other addresses than the ones the cluster gives out, such as a
 * {@code TcpProxy}'s: the client keeps its factory for that to its own package, so these tests, which run
 * on the class path, reach it from a class of the same package.
 */
public final class ProxiedClients {

    private ProxiedClients() {
    }

    /**
     * A client that connects to each server at {@code connectAddress.apply(its address)}.
     *
     * @param options the client's options
     * @param connectAddress the address to connect to, given the address of a server
     * @return the client
     */
    public static FlussClient connectingVia(FlussClientOptions options, UnaryOperator<String> connectAddress) {
        return FlussClient.createConnectingVia(options, connectAddress);
    }
}
