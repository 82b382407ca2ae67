package io.flussreactive.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Checks on {@code host:port} addresses. */
final class Ports {

    private Ports() {}

    /** Whether a TCP connection to {@code host:port} is accepted. */
    static boolean accepts(String address) {
        int colon = address.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
                    2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
