package io.flussreactive.internal;

import io.flussreactive.FlussClientOptions;
import io.flussreactive.admin.FlussAdmin;
import io.flussreactive.internal.lookup.SharedTableLookups;
import io.flussreactive.internal.meta.MetadataManager;
import io.flussreactive.internal.retry.Retries;
import io.flussreactive.internal.telemetry.ClientTelemetry;
import io.flussreactive.internal.write.OpenWriters;
import io.flussreactive.internal.write.WriteBuffer;
import io.netty.buffer.ByteBufAllocator;
import org.apache.arrow.memory.BufferAllocator;
import io.flussreactive.internal.storage.RemoteFileSystems;

/**
 * What everything built from one client shares.
 *
 * @param options the client's settings
 * @param metadata servers, tables, leaders
 * @param admin the admin API
 * @param writeBuffer the byte budget of all writers
 * @param arrowAllocator the parent of every Arrow allocator of the client
 * @param byteBufAllocator where encoded batches and frames are allocated
 * @param lookups the lookups of each table, shared by the client's lookupers
 * @param openWriters the client's writers not closed yet
 * @param retries every retry of the client
 * @param telemetry where the client records its meters and observations
 * @param remoteFileSystems how the client reads the cluster's remote storage
 */
public record ClientContext(
        FlussClientOptions options,
        MetadataManager metadata,
        FlussAdmin admin,
        WriteBuffer writeBuffer,
        BufferAllocator arrowAllocator,
        ByteBufAllocator byteBufAllocator,
        SharedTableLookups lookups,
        OpenWriters openWriters,
        Retries retries,
        ClientTelemetry telemetry,
        RemoteFileSystems remoteFileSystems) {
}
