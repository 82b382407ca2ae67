package io.flussreactive.internal.rpc;

import io.flussreactive.admin.ServerType;
import io.flussreactive.error.UnsupportedVersionException;
import io.flussreactive.internal.proto.ApiVersionsResponse;
import io.flussreactive.internal.proto.PbApiVersion;
import java.util.HashMap;
import java.util.Map;

/**
 * The API version ranges one server announced in its ApiVersions answer, and the version this client
 * uses for each API on that server: the highest both sides speak.
 */
final class ServerApiVersions {

    private final Map<Short, PbApiVersion> ranges;
    private final ServerType serverType;

    private ServerApiVersions(Map<Short, PbApiVersion> ranges, ServerType serverType) {
        this.ranges = ranges;
        this.serverType = serverType;
    }

    static ServerApiVersions from(ApiVersionsResponse response) {
        Map<Short, PbApiVersion> ranges = new HashMap<>();
        for (PbApiVersion range : response.getApiVersionsList()) {
            ranges.put((short) range.getApiKey(), range);
        }
        ServerType type = response.hasServerType() ? serverTypeOf(response.getServerType()) : ServerType.UNKNOWN;
        return new ServerApiVersions(ranges, type);
    }

    private static ServerType serverTypeOf(int wireValue) {
        switch (wireValue) {
            case 1:
                return ServerType.COORDINATOR;
            case 2:
                return ServerType.TABLET_SERVER;
            default:
                return ServerType.UNKNOWN;
        }
    }

    /** What kind of server answered, as it said of itself. */
    ServerType serverType() {
        return serverType;
    }

    /**
     * The version to send for {@code key}.
     *
     * @throws UnsupportedVersionException when the server does not serve the API, or no version is
     *     spoken by both sides
     */
    short versionFor(ApiKey key, String server) {
        PbApiVersion range = ranges.get(key.id());
        if (range == null) {
            throw new UnsupportedVersionException(
                    "Server " + server + " (" + serverType + ") does not serve API " + key + " (" + key.id() + ")");
        }
        int version = Math.min(key.maxVersion(), range.getMaxVersion());
        if (version < Math.max(key.minVersion(), range.getMinVersion())) {
            throw new UnsupportedVersionException("No common version of API " + key + " with server " + server
                    + ": client speaks " + key.minVersion() + ".." + key.maxVersion()
                    + ", server speaks " + range.getMinVersion() + ".." + range.getMaxVersion());
        }
        return (short) version;
    }
}
