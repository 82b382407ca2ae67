package io.flussreactive.internal.write;

import io.flussreactive.internal.rpc.ServerLane;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Sends batches of one table to one leader in a single request and reads the per-bucket answers:
 * ProduceLog for log tables, PutKv for primary-key tables.
 */
interface WriteRpc {

    /**
     * Sends the batches (at most one per bucket) and returns one outcome per bucket.
     *
     * @param leader the server leading every bucket of the batches
     * @param batches the batches, stamped and ready
     * @return the outcomes; an error of the whole request (connection lost, timeout, request-level
     *     error) arrives as the Mono's error
     */
    Mono<List<BucketOutcome>> send(ServerLane leader, List<WriteBatch> batches);
}
