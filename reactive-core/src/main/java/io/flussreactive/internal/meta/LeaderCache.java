package io.flussreactive.internal.meta;

import io.flussreactive.internal.rpc.NodeClient;
import io.flussreactive.internal.util.SerialExecutor;
import io.flussreactive.table.TablePath;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The bucket leaders of one table as a writer last saw them, readable without waiting from the
 * writer's serial executor. A missing or invalidated entry starts a lookup and wakes the writer when
 * it ends. {@link #locations} and {@link #put} may also be used from other threads.
 */
public final class LeaderCache implements LeaderLookup {

    private static final Logger log = LoggerFactory.getLogger(LeaderCache.class);

    private final MetadataManager metadata;
    private final TablePath table;
    private final SerialExecutor serial;
    private final Runnable wakeUp;
    private final Map<Long, TableLocations> byPartition = new ConcurrentHashMap<>();
    /** The entry of {@link #byPartition} for an unpartitioned table (key -1), read for every record written. */
    private volatile TableLocations unpartitioned;
    private final Set<Long> lookingUp = new HashSet<>();
    private ClusterNodes nodes;
    private boolean lookingUpNodes;

    /**
     * @param metadata where lookups go
     * @param table the table
     * @param serial the executor of the cache's user: lookups end there
     * @param wakeUp runs on {@code serial} when a lookup ended
     */
    public LeaderCache(MetadataManager metadata, TablePath table, SerialExecutor serial, Runnable wakeUp) {
        this.metadata = metadata;
        this.table = table;
        this.serial = serial;
        this.wakeUp = wakeUp;
    }

    /** Remembers where the buckets of a physical table are (from a lookup done elsewhere). */
    public void put(TableLocations locations) {
        store(partitionKey(locations), locations);
    }

    /** What is known about a physical table, or null. */
    public TableLocations locations(long partitionId) {
        return partitionId < 0 ? unpartitioned : byPartition.get(partitionId);
    }

    @Override
    public NodeClient leaderOf(PhysicalBucket bucket) {
        TableLocations locations = byPartition.get(bucket.partitionId());
        if (locations == null) {
            lookUp(bucket);
            return null;
        }
        BucketLocation location = locations.bucket(bucket.bucket()).orElse(null);
        if (location == null || !location.hasLeader()) {
            invalidate(bucket);
            return null;
        }
        if (nodes == null || nodes.tabletServer(location.leader()).isEmpty()) {
            lookUpNodes();
            return null;
        }
        return metadata.client(nodes.tabletServer(location.leader()).get());
    }

    @Override
    public void invalidate(PhysicalBucket bucket) {
        if (forget(bucket.partitionId()) != null) {
            metadata.invalidate(table);
        }
        lookUp(bucket);
    }

    private void lookUp(PhysicalBucket bucket) {
        long key = bucket.partitionId();
        if (!lookingUp.add(key)) {
            return;
        }
        Mono<TableLocations> lookup = bucket.isPartitioned()
                ? metadata.partitionLocations(table, bucket.partitionName())
                : metadata.tableLocations(table);
        lookup.subscribe(
                found -> serial.execute(() -> {
                    lookingUp.remove(key);
                    store(key, found);
                    wakeUp.run();
                }),
                error -> serial.execute(() -> {
                    lookingUp.remove(key);
                    log.debug("Leaders of {} not found yet: {}", bucket, error.toString());
                    // The sender looks again on its next tick.
                }));
        lookUpNodes();
    }

    private void lookUpNodes() {
        if (lookingUpNodes) {
            return;
        }
        lookingUpNodes = true;
        Mono<ClusterNodes> lookup = nodes == null ? metadata.nodes() : metadata.refreshNodes();
        lookup.subscribe(
                found -> serial.execute(() -> {
                    lookingUpNodes = false;
                    nodes = found;
                    wakeUp.run();
                }),
                error -> serial.execute(() -> lookingUpNodes = false));
    }

    private void store(long partitionKey, TableLocations locations) {
        byPartition.put(partitionKey, locations);
        if (partitionKey < 0) {
            unpartitioned = locations;
        }
    }

    private TableLocations forget(long partitionKey) {
        if (partitionKey < 0) {
            unpartitioned = null;
        }
        return byPartition.remove(partitionKey);
    }

    private static long partitionKey(TableLocations locations) {
        return locations.partitionId() == null ? -1 : locations.partitionId();
    }
}
