package io.flussreactive.internal.meta;

import io.flussreactive.error.PartitionNotExistException;
import io.flussreactive.error.TableNotExistException;
import io.flussreactive.internal.rpc.ServerLane;
import io.flussreactive.internal.util.SerialExecutor;
import io.flussreactive.internal.util.TroubleLog;
import io.flussreactive.table.TablePath;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Finds the bucket leaders of one table for a writer (or scan), keeping them in {@link KnownLeaders}
 * so that they are readable without waiting from its owner's serial executor. A missing or invalidated
 * entry starts a lookup and wakes the owner when it ends. {@link #locations} and {@link #put} may also
 * be used from other threads.
 *
 * <p>When a lookup finds that the table or one of its partitions no longer exists (dropped, or dropped
 * and created again under its name, which gives it a new id), the cache tells its owner's
 * {@link DropListener} once and looks it up no more: looking again would only find the same.
 */
public final class LeaderCache implements BucketLeaders {

    private static final Logger log = LoggerFactory.getLogger(LeaderCache.class);

    private final MetadataManager metadata;
    private final TablePath table;
    private final SerialExecutor serial;
    private final Runnable wakeUp;
    private final DropListener dropListener;
    private final KnownLeaders known = new KnownLeaders();
    private final Set<Long> lookingUp = new HashSet<>();
    private ClusterNodes nodes;
    private boolean lookingUpNodes;
    /** Whether a lookup found the table dropped. */
    private boolean tableDropped;
    private final Set<Long> droppedPartitions = new HashSet<>();
    /**
     * Says once when leaders have not been found for a while (the 0.9.1 coordinator now and then never
     * elects leaders for a new table), and once when they are.
     */
    private final TroubleLog trouble;

    /**
     * @param metadata where lookups go
     * @param table the table
     * @param serial the executor of the cache's user: lookups end there
     * @param wakeUp runs on {@code serial} when a lookup ended
     * @param dropListener told on {@code serial} when a lookup finds the table or a partition dropped
     */
    public LeaderCache(MetadataManager metadata, TablePath table, SerialExecutor serial, Runnable wakeUp,
            DropListener dropListener) {
        this.metadata = metadata;
        this.table = table;
        this.serial = serial;
        this.wakeUp = wakeUp;
        this.dropListener = dropListener;
        this.trouble = new TroubleLog(log, "Leaders of " + table);
    }

    @Override
    public void put(TableLocations locations) {
        known.put(locations);
    }

    @Override
    public TableLocations locations(long partitionId) {
        return known.locations(partitionId);
    }

    @Override
    public ServerLane leaderOf(PhysicalBucket bucket) {
        TableLocations locations = known.locations(bucket.partitionId());
        if (locations == null) {
            lookUp(bucket);
            return null;
        }
        BucketLocation location = locations.bucket(bucket.bucket()).orElse(null);
        if (location == null || !location.hasLeader()) {
            invalidate(bucket);
            return null;
        }
        ServerLane leader = known.server(location.leader());
        if (leader != null) {
            return leader;
        }
        if (nodes == null || nodes.tabletServer(location.leader()).isEmpty()) {
            lookUpNodes();
            return null;
        }
        leader = metadata.client(nodes.tabletServer(location.leader()).get());
        known.putServer(location.leader(), leader);
        return leader;
    }

    @Override
    public void invalidate(PhysicalBucket bucket) {
        if (known.forget(bucket.partitionId()) != null) {
            metadata.invalidate(table);
        }
        lookUp(bucket);
    }

    private void lookUp(PhysicalBucket bucket) {
        long key = bucket.partitionId();
        if (tableDropped || droppedPartitions.contains(key) || !lookingUp.add(key)) {
            return;
        }
        Mono<TableLocations> lookup = bucket.isPartitioned()
                ? metadata.partitionLocations(table, bucket.partitionName())
                : metadata.tableLocations(table);
        lookup.subscribe(
                found -> serial.execute(() -> {
                    lookingUp.remove(key);
                    if (found.tableId() != bucket.tableId()) {
                        tableDropped(new TableNotExistException("Table " + table + " was dropped (the table now of that "
                                + "name is another one, with id " + found.tableId() + ")"));
                    } else if (bucket.isPartitioned() && found.partitionId() != key) {
                        partitionDropped(bucket, new PartitionNotExistException("Partition '" + bucket.partitionName()
                                + "' of " + table + " was dropped (the partition now of that name is another one, "
                                + "with id " + found.partitionId() + ")"));
                    } else {
                        trouble.recovered(whatIsLookedUp(bucket));
                        known.put(found);
                        wakeUp.run();
                    }
                }),
                error -> serial.execute(() -> {
                    lookingUp.remove(key);
                    if (error instanceof TableNotExistException) {
                        tableDropped(new TableNotExistException("Table " + table + " was dropped", error));
                    } else if (error instanceof PartitionNotExistException && bucket.isPartitioned()) {
                        partitionDropped(bucket, new PartitionNotExistException("Partition '" + bucket.partitionName()
                                + "' of " + table + " was dropped", error));
                    } else {
                        log.debug("Leaders of {} not found yet: {}", bucket, error.toString());
                        trouble.failed(whatIsLookedUp(bucket), error);
                        // The sender looks again on its next tick.
                    }
                }));
        lookUpNodes();
    }

    /** The table, or the partition of a partitioned table: what one metadata lookup finds the leaders of. */
    private static String whatIsLookedUp(PhysicalBucket bucket) {
        return bucket.isPartitioned() ? "partition '" + bucket.partitionName() + "'" : "its buckets";
    }

    private void tableDropped(TableNotExistException why) {
        if (!tableDropped) {
            tableDropped = true;
            dropListener.tableDropped(why);
        }
    }

    private void partitionDropped(PhysicalBucket bucket, PartitionNotExistException why) {
        if (droppedPartitions.add(bucket.partitionId())) {
            known.forget(bucket.partitionId());
            dropListener.partitionDropped(bucket.partitionId(), bucket.partitionName(), why);
        }
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
                    known.forgetServers();
                    wakeUp.run();
                }),
                error -> serial.execute(() -> lookingUpNodes = false));
    }

    /** Told, on the serial executor of the cache's owner, that what it reads or writes no longer exists. */
    public interface DropListener {

        /**
         * The table was dropped, or dropped and created again under its name. Told once.
         *
         * @param why the error to end with, naming the table
         */
        void tableDropped(TableNotExistException why);

        /**
         * A partition was dropped, or dropped and created again under its name. Told once per partition id.
         *
         * @param partitionId the id of the dropped partition
         * @param partitionName its name
         * @param why the error to end with, naming the partition and the table
         */
        void partitionDropped(long partitionId, String partitionName, PartitionNotExistException why);
    }
}
