package io.flussreactive.internal.write;

import io.flussreactive.RetryPolicies.Operation;
import io.flussreactive.admin.LogFormat;
import io.flussreactive.admin.TableInfo;
import io.flussreactive.internal.ClientContext;
import io.flussreactive.internal.bucket.BucketAssigner;
import io.flussreactive.internal.bucket.KeyBucketAssigner;
import io.flussreactive.internal.bucket.RoundRobinBucketAssigner;
import io.flussreactive.internal.bucket.StickyBucketAssigner;
import io.flussreactive.internal.record.PartitionNames;
import io.flussreactive.internal.telemetry.WriterTelemetry;
import io.flussreactive.write.AppendWriter;
import io.flussreactive.write.BucketAssignment;
import io.flussreactive.write.UpsertWriter;
import io.flussreactive.write.WriterOptions;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds writers from their parts. */
public final class Writers {

    private static final Logger log = LoggerFactory.getLogger(Writers.class);

    private Writers() {
    }

    /**
     * An append writer for a log table, writing batches in the table's log format.
     *
     * @throws IllegalArgumentException when the table has a primary key
     * @throws IllegalStateException when the client is closed
     */
    public static AppendWriter appendWriter(ClientContext context, TableInfo table, WriterOptions options) {
        if (table.hasPrimaryKey()) {
            throw new IllegalArgumentException("Table " + table.tablePath() + " has a primary key " + table.primaryKey()
                    + ": write to it with an upsert writer");
        }
        refuseWhenClosing(context, table);
        ProduceLogRpc rpc = new ProduceLogRpc(table.tableId(), options.acks().wireValue(), serverTimeoutMs(context));
        TableWriter engine;
        if (table.logFormat() == LogFormat.ARROW) {
            BufferAllocator allocator = context.arrowAllocator()
                    .newChildAllocator("writer of " + table.tablePath(), 0, Long.MAX_VALUE);
            engine = tableWriter(context, table, options, new ArrowBatchFormat(table, allocator), rpc,
                    () -> closeQuietly(allocator));
        } else {
            engine = tableWriter(context, table, options,
                    new RowLogBatchFormat(table, context.byteBufAllocator(), options.batchSizeBytes()), rpc, () -> { });
        }
        return new DefaultAppendWriter(engine, options, table.rowType());
    }

    /**
     * An upsert writer for a primary-key table: whole rows, or only some columns.
     *
     * @param updatedColumns the columns a partial update writes, or null for whole rows; the primary
     *     key is always written
     * @throws IllegalArgumentException when the table has no primary key, or a column is unknown or
     *     cannot be left out (NOT NULL)
     * @throws IllegalStateException when the client is closed
     */
    public static UpsertWriter upsertWriter(ClientContext context, TableInfo table, WriterOptions options,
            List<String> updatedColumns) {
        if (!table.hasPrimaryKey()) {
            throw new IllegalArgumentException("Table " + table.tablePath() + " has no primary key: append to it with "
                    + "an append writer");
        }
        refuseWhenClosing(context, table);
        int[] targetColumns = updatedColumns == null ? null : targetColumns(table, updatedColumns);
        int serverTimeoutMs = serverTimeoutMs(context);
        TableWriter engine = tableWriter(context, table, options,
                new KvBatchFormat(table, targetColumns, context.byteBufAllocator(), options.batchSizeBytes()),
                new PutKvRpc(table.tableId(), options.acks().wireValue(), serverTimeoutMs, targetColumns),
                () -> { });
        return new DefaultUpsertWriter(engine, options);
    }

    /** The positions of a partial update's columns, primary key included, in table order. */
    private static int[] targetColumns(TableInfo table, List<String> updatedColumns) {
        List<String> names = table.rowType().fieldNames();
        java.util.Set<Integer> positions = new java.util.TreeSet<>();
        for (String column : updatedColumns) {
            int position = names.indexOf(column);
            if (position < 0) {
                throw new IllegalArgumentException("Table " + table.tablePath() + " has no column '" + column
                        + "'; its columns are " + names);
            }
            positions.add(position);
        }
        for (String key : table.primaryKey()) {
            positions.add(names.indexOf(key));
        }
        for (int i = 0; i < names.size(); i++) {
            if (!positions.contains(i) && !table.rowType().fieldTypes().get(i).nullable()) {
                throw new IllegalArgumentException("A partial update of " + table.tablePath() + " must write column '"
                        + names.get(i) + "': it is NOT NULL, so it cannot be left out");
            }
        }
        return positions.stream().mapToInt(Integer::intValue).toArray();
    }

    private static TableWriter tableWriter(ClientContext context, TableInfo table, WriterOptions options,
            BatchFormat format, WriteRpc rpc, Runnable onClosed) {
        WriterTelemetry telemetry = context.telemetry().writer(table.tablePath(), table.hasPrimaryKey() ? "upsert" : "append");
        PartitionNames partitionNames = table.isPartitioned() ? PartitionNames.of(table) : null;
        PartitionResolver partitions = table.isPartitioned()
                ? new PartitionResolver(context.metadata(), context.admin(), table.tablePath(), table.partitionKeys(),
                        options.createMissingPartitions(), context.retries())
                : null;
        TableWriter writer = new TableWriter(
                table,
                options,
                context.writeBuffer(),
                format,
                bucketChooser(table, options),
                partitionNames == null ? null : partitionNames::partitionName,
                partitions,
                context.metadata(),
                rpc,
                () -> WriterIds.newWriterId(context.metadata(), table.tablePath()),
                context.byteBufAllocator(),
                context.retries().retry(Operation.WRITE),
                telemetry,
                () -> {
                    onClosed.run();
                    telemetry.close();
                });
        if (!context.openWriters().add(writer)) {
            // The client started closing while this writer was being made.
            onClosed.run();
            telemetry.close();
            throw clientClosed(table);
        }
        return writer;
    }

    private static void refuseWhenClosing(ClientContext context, TableInfo table) {
        if (context.openWriters().isClosing()) {
            throw clientClosed(table);
        }
    }

    private static IllegalStateException clientClosed(TableInfo table) {
        return new IllegalStateException("The client is closed: no new writer of " + table.tablePath());
    }

    private static int serverTimeoutMs(ClientContext context) {
        return (int) Math.max(1, context.options().requestTimeout().toMillis() / 2);
    }

    private static BucketChooser bucketChooser(TableInfo table, WriterOptions options) {
        // Tables with a primary key or a bucket key place each record by the hash of its bucket key.
        if (table.hasPrimaryKey() || !table.bucketKeys().isEmpty()) {
            return new AssignerBucketChooser(KeyBucketAssigner::new, table.numBuckets());
        }
        IntFunction<BucketAssigner> assigner = options.bucketAssignment() == BucketAssignment.ROUND_ROBIN
                ? RoundRobinBucketAssigner::new
                : StickyBucketAssigner::new;
        return new AssignerBucketChooser(assigner, table.numBuckets());
    }

    private static void closeQuietly(BufferAllocator allocator) {
        try {
            allocator.close();
        } catch (RuntimeException e) {
            // Memory still held means a batch was not released: report it, do not fail the close.
            log.error("A closed writer still holds Arrow memory: {}", e.getMessage());
        }
    }
}
