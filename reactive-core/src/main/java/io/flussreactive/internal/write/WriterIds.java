package io.flussreactive.internal.write;

import io.flussreactive.admin.ServerNode;
import io.flussreactive.error.LeaderNotAvailableException;
import io.flussreactive.internal.meta.MetadataManager;
import io.flussreactive.internal.proto.InitWriterRequest;
import io.flussreactive.internal.proto.InitWriterResponse;
import io.flussreactive.internal.rpc.ApiMethods;
import io.flussreactive.table.TablePath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import reactor.core.publisher.Mono;

/** Asks the cluster for a new writer id (any tablet server hands them out). */
final class WriterIds {

    private WriterIds() {
    }

    /** A new writer id for writing to {@code table}. */
    static Mono<Long> newWriterId(MetadataManager metadata, TablePath table) {
        InitWriterRequest request = InitWriterRequest.newBuilder().addTablePath(MetadataManager.toPb(table)).build();
        return metadata.nodes().flatMap(nodes -> {
            List<ServerNode> servers = new ArrayList<>(nodes.tabletServers().values());
            if (servers.isEmpty()) {
                return Mono.error(new LeaderNotAvailableException("No tablet server to ask for a writer id"));
            }
            ServerNode server = servers.get(ThreadLocalRandom.current().nextInt(servers.size()));
            return metadata.client(server).send(ApiMethods.INIT_WRITER, request).map(InitWriterResponse::getWriterId);
        });
    }
}
