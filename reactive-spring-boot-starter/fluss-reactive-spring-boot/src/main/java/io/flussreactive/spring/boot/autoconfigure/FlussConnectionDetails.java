package io.flussreactive.spring.boot.autoconfigure;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the Fluss cluster is and how to authenticate to it. By default made from the {@code fluss.*}
 * properties; a bean of this type of the application's own (or one a service-connection factory makes)
 * takes their place.
 */
public interface FlussConnectionDetails extends ConnectionDetails {

    /**
     * The servers to bootstrap from.
     *
     * @return {@code host:port} addresses, tried in order; at least one
     */
    List<String> getBootstrapServers();

    /**
     * The user every connection authenticates as with SASL/PLAIN.
     *
     * @return the user name, or null when the client does not authenticate
     */
    default @Nullable String getUsername() {
        return null;
    }

    /**
     * The password of {@link #getUsername()}.
     *
     * @return the password, or null when the client does not authenticate
     */
    default @Nullable String getPassword() {
        return null;
    }
}
