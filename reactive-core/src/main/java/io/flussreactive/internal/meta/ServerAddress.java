package io.flussreactive.internal.meta;

import java.util.Objects;

/**
 * A {@code host:port} pair, as written in bootstrap server lists.
 *
 * @param host the host name or IP address (IPv6 without brackets)
 * @param port the port, 1..65535
 */
public record ServerAddress(String host, int port) {

    /** Checks the components. */
    public ServerAddress {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("Server host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Server port must be within 1..65535: " + port);
        }
    }

    /**
     * Parses {@code host:port} or {@code [ipv6]:port}.
     *
     * @throws IllegalArgumentException naming the text when it is not such an address
     */
    public static ServerAddress parse(String text) {
        Objects.requireNonNull(text, "address");
        String trimmed = text.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new IllegalArgumentException("Not a host:port address: '" + text + "'");
        }
        String host = trimmed.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(trimmed.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a host:port address (bad port): '" + text + "'", e);
        }
        return new ServerAddress(host, port);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
